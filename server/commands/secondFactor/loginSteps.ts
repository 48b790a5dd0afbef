import type { ChallengeCodeInput, ChallengeInput, SecondFactorChallenge, TotpConfirmed, TotpEnrolment } from '../../../shared/secondFactor.ts';
import type { AuditActor } from '../../audit/Audit.ts';
import type { ChallengeKind } from '../../auth/loginChallenge.ts';
import type { StartedSession } from '../../auth/sessions.ts';
import type { UserRecord } from '../../store/ports.ts';
import type { CommandDeps } from '../deps.ts';
import { openSession } from '../openSession.ts';
import { takeCode, throttledCheck, type CodeDeps } from './codeCheck.ts';
import { beginEnrolment, confirmEnrolment, SECOND_FACTOR_OBJECT } from './enrolment.ts';
import { invalidChallenge, invalidLoginCode, noFactor } from './errors.ts';

type StepDeps = CodeDeps & Pick<CommandDeps, 'records' | 'tokens' | 'sessions'>;

/**
 * After a correct password: the second step the account needs, or null when
 * the password alone opens the session (no factor, and none required). With a
 * confirmed factor, a code; without one while the account requires one, an
 * enrolment first.
 */
export async function secondStepOf(deps: Pick<CommandDeps, 'secondFactor'>, user: UserRecord): Promise<SecondFactorChallenge | null> {
  const { store, policy, challenges } = deps.secondFactor;
  const factor = await store.getTotp(user.id);
  const kind: ChallengeKind | null = factor?.confirmedAt ? 'totp' : (await policy.requiredFor(user)) ? 'enrol' : null;
  if (!kind) return null;
  const { challenge, expiresAt } = challenges.issue(user.id, kind, user.sessionVersion);
  return { secondFactor: kind, challenge, expiresAt };
}

/** The account a challenge of this kind names, while it can still log in; 401 otherwise. */
async function challengedUser(deps: StepDeps, challenge: string, kind: ChallengeKind): Promise<UserRecord> {
  const claims = deps.secondFactor.challenges.verify(challenge, kind);
  const user = claims ? await deps.records.findUserById(claims.sub) : null;
  if (!claims || !user || user.deactivatedAt !== null || user.sessionVersion !== claims.sv) throw invalidChallenge();
  return user;
}

/** POST /api/auth/login/totp: the code (or a recovery code) of the confirmed factor completes the login. */
export async function loginWithCode(deps: StepDeps, input: ChallengeCodeInput, origin: AuditActor): Promise<StartedSession> {
  const user = await challengedUser(deps, input.challenge, 'totp');
  const factor = await deps.secondFactor.store.getTotp(user.id);
  if (!factor?.confirmedAt) throw noFactor();
  const method = await throttledCheck<'totp' | 'recovery-code'>(deps, user, origin, SECOND_FACTOR_OBJECT, invalidLoginCode, async () => {
    const verdict = await takeCode(deps, factor, input.code);
    return verdict === 'totp' || verdict === 'recovery-code' ? { ok: verdict } : { wrong: verdict };
  });
  return openSession(deps, user, origin, method);
}

/** POST /api/auth/login/enrol: an account that must have a second factor sets one up before its first session. */
export async function beginLoginEnrolment(deps: StepDeps, input: ChallengeInput, origin: AuditActor): Promise<TotpEnrolment> {
  return beginEnrolment(deps, await challengedUser(deps, input.challenge, 'enrol'), origin);
}

/** POST /api/auth/login/enrol/confirm: the confirming code completes the login; the recovery codes come with the session. */
export async function confirmLoginEnrolment(
  deps: StepDeps,
  input: ChallengeCodeInput,
  origin: AuditActor,
): Promise<{ started: StartedSession; confirmed: TotpConfirmed }> {
  const user = await challengedUser(deps, input.challenge, 'enrol');
  const confirmed = await confirmEnrolment(deps, user, input.code, origin, invalidLoginCode);
  return { started: await openSession(deps, user, origin, 'totp'), confirmed };
}
