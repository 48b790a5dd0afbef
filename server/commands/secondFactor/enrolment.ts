import type { SecondFactorStatus, TotpConfirmed, TotpEnrolment } from '../../../shared/secondFactor.ts';
import type { AuditActor } from '../../audit/Audit.ts';
import { newTotpSecret, otpauthUrl, qrSvg } from '../../auth/totp.ts';
import type { AppError } from '../../errors.ts';
import type { UserRecord } from '../../store/ports.ts';
import type { CommandDeps } from '../deps.ts';
import { takeCode, throttledCheck, timeStepOf, type CodeDeps } from './codeCheck.ts';
import { alreadyEnrolled, enrolmentReplaced, factorRequired, invalidCode, noEnrolment, noFactor } from './errors.ts';

/** The audit object of every second-factor row; no detail ever holds a secret or a code. */
export const SECOND_FACTOR_OBJECT = 'second-factor';

const actorOf = (origin: AuditActor, user: UserRecord): AuditActor => ({
  ...origin,
  userId: user.id,
  username: user.username,
  role: user.role,
  organisationId: user.organisationId,
});

/** The account's second factor as its owner sees it (never the secret). */
export async function secondFactorStatus(deps: Pick<CommandDeps, 'secondFactor'>, user: UserRecord): Promise<SecondFactorStatus> {
  const factor = await deps.secondFactor.store.getTotp(user.id);
  return {
    totp: !factor ? 'none' : factor.confirmedAt ? 'confirmed' : 'pending',
    required: await deps.secondFactor.policy.requiredFor(user),
    recoveryCodesLeft: factor?.confirmedAt ? factor.recoveryCodesLeft : 0,
  };
}

/**
 * Opens (or reopens) a TOTP enrolment: a new secret, sealed in the store, and
 * given back once as text, otpauth:// URL and QR code. Refused (409) while a
 * confirmed factor exists.
 */
export async function beginEnrolment(deps: Pick<CommandDeps, 'secondFactor' | 'audit'>, user: UserRecord, origin: AuditActor): Promise<TotpEnrolment> {
  const { store, secrets } = deps.secondFactor;
  if ((await store.getTotp(user.id))?.confirmedAt) throw alreadyEnrolled();
  const secret = newTotpSecret();
  if (!(await store.beginTotp(user.id, secrets.seal(secret), new Date().toISOString()))) throw alreadyEnrolled();
  await deps.audit.record(actorOf(origin, user), { action: 'write', outcome: 'success', object: SECOND_FACTOR_OBJECT, detail: 'totp-enrolment-begun' });
  const url = otpauthUrl(secret, user.username);
  return { secret, otpauthUrl: url, qrSvg: await qrSvg(url) };
}

/**
 * Confirms the open enrolment with a code of its secret (on the login
 * throttle, like a password), and hands out the recovery codes, shown this
 * once and stored only hashed.
 */
export async function confirmEnrolment(
  deps: CodeDeps,
  user: UserRecord,
  code: string,
  origin: AuditActor,
  refusal: () => AppError = invalidCode,
): Promise<TotpConfirmed> {
  const { store, recoveryCodes } = deps.secondFactor;
  const factor = await store.getTotp(user.id);
  if (!factor || factor.confirmedAt) throw factor ? alreadyEnrolled() : noEnrolment();
  const fresh = recoveryCodes.generate();
  const confirmed = await throttledCheck(deps, user, origin, SECOND_FACTOR_OBJECT, refusal, async () => {
    const timeStep = await timeStepOf(deps, factor, code);
    if (timeStep === null) return { wrong: 'wrong-code' };
    const ok = await store.confirmTotp(user.id, {
      sealedSecret: factor.sealedSecret,
      confirmedAt: new Date().toISOString(),
      timeStep,
      recoveryCodeHashes: fresh.hashes,
    });
    return { ok };
  });
  if (!confirmed) throw enrolmentReplaced();
  await deps.audit.record(actorOf(origin, user), { action: 'write', outcome: 'success', object: SECOND_FACTOR_OBJECT, detail: 'totp-confirmed' });
  return { recoveryCodes: fresh.codes };
}

/** Removes the confirmed factor, given a current code (or a recovery code); refused (403) while the account requires one. */
export async function removeFactor(deps: CodeDeps, user: UserRecord, code: string, origin: AuditActor): Promise<void> {
  const { store, policy } = deps.secondFactor;
  if (await policy.requiredFor(user)) throw factorRequired();
  const factor = await store.getTotp(user.id);
  if (!factor?.confirmedAt) throw noFactor();
  await throttledCheck<'totp' | 'recovery-code'>(deps, user, origin, SECOND_FACTOR_OBJECT, invalidCode, async () => {
    const verdict = await takeCode(deps, factor, code);
    return verdict === 'totp' || verdict === 'recovery-code' ? { ok: verdict } : { wrong: verdict };
  });
  await store.removeTotp(user.id);
  await deps.audit.record(actorOf(origin, user), { action: 'write', outcome: 'success', object: SECOND_FACTOR_OBJECT, detail: 'totp-removed' });
}
