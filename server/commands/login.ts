import { MAX_USERNAME_CHARS } from '../../shared/limits.ts';
import type { LoginInput } from '../../shared/schemas.ts';
import type { SecondFactorChallenge } from '../../shared/secondFactor.ts';
import type { AuditActor } from '../audit/Audit.ts';
import { dummyPasswordHash, passwordWork, tryVerifyPassword } from '../auth/passwords.ts';
import type { StartedSession } from '../auth/sessions.ts';
import { invalidCredentials, loginBusy, tooManyAttempts } from '../errors.ts';
import type { UserRecord } from '../store/ports.ts';
import type { CommandDeps } from './deps.ts';
import { openSession } from './openSession.ts';
import { secondStepOf } from './secondFactor/loginSteps.ts';

/**
 * Checks a password and starts a login session (server/auth/sessions.ts). The attempt is counted on the
 * throttle before the password is checked (so parallel guesses count like
 * sequential ones), and the check waits in a bounded queue (so a burst cannot
 * delay everyone's login). Every checked attempt is audited on its own;
 * attempts turned away unchecked (429, 503) are audited as refusals, whose
 * repeats are summed per minute. An account with a second factor, or that
 * requires one, gets a challenge for the second step instead of a session
 * (server/commands/secondFactor/loginSteps.ts).
 */
export async function login(
  deps: Pick<CommandDeps, 'records' | 'audit' | 'sessions' | 'throttle' | 'secondFactor'>,
  input: LoginInput,
  origin: AuditActor,
): Promise<SecondFactorChallenge | StartedSession> {
  const keys = { account: input.username, ip: origin.ip ?? 'unknown' };
  const attempt: AuditActor = { ...origin, username: input.username.slice(0, MAX_USERNAME_CHARS) };
  const refuse = (detail: string) => deps.audit.recordRefusal(attempt, { action: 'login', outcome: 'denied', object: 'session', detail });

  const decision = await deps.throttle.begin(keys);
  if ('wait' in decision) {
    await refuse(decision.reason === 'in-flight' ? 'in-flight' : 'throttled');
    throw tooManyAttempts(decision.wait, decision.reason);
  }
  const { ticket } = decision;

  let valid: boolean | null = null;
  let user: UserRecord | null;
  try {
    user = await deps.records.findUserByUsername(input.username);
    valid = await tryVerifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()), keys.ip);
  } finally {
    // No verdict (the queue was full, or the store failed): the attempt is taken back.
    if (valid === null) await deps.throttle.release(ticket);
  }
  if (valid === null) {
    await refuse('busy');
    throw loginBusy(passwordWork.drainSeconds);
  }

  // A deactivated account is refused like a wrong password, so the answer does not say whether the password was right.
  if (!user || !valid || user.deactivatedAt !== null) {
    await deps.throttle.fail(ticket);
    await deps.audit.record(
      { ...attempt, userId: user?.id ?? null, role: user?.role ?? null, organisationId: user?.organisationId ?? null },
      { action: 'login', outcome: 'failure', object: 'session', detail: !user ? 'unknown-user' : valid ? 'deactivated' : 'wrong-password' },
    );
    throw invalidCredentials();
  }

  const secondStep = await secondStepOf(deps, user);
  if (secondStep) {
    // Not a login yet: the attempt is taken back without forgiving earlier failures; the code's verdict counts or forgives.
    await deps.throttle.release(ticket);
    await deps.audit.record(
      { ...attempt, userId: user.id, role: user.role, organisationId: user.organisationId },
      { action: 'login', outcome: 'success', object: 'second-factor', detail: `password-ok ${secondStep.secondFactor}` },
    );
    return secondStep;
  }
  await deps.throttle.succeed(ticket);
  return openSession(deps, user, origin, 'password');
}
