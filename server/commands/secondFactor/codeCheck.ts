import type { AuditActor } from '../../audit/Audit.ts';
import { totpTimeStep } from '../../auth/totp.ts';
import { tooManyAttempts, type AppError } from '../../errors.ts';
import type { StoredTotpFactor, UserRecord } from '../../store/ports.ts';
import type { CommandDeps } from '../deps.ts';

export type CodeDeps = Pick<CommandDeps, 'secondFactor' | 'throttle' | 'audit'>;

/** What a code was, once accepted; or why it was not. */
export type CodeVerdict = 'totp' | 'recovery-code' | 'wrong-code' | 'replayed-code';

const SIX_DIGITS = /^\d{6}$/;

/**
 * Checks a code of the account's confirmed factor and takes it: a TOTP code's
 * time step (so a code is good once), or a recovery code (once).
 */
export async function takeCode(deps: Pick<CommandDeps, 'secondFactor'>, factor: StoredTotpFactor, code: string): Promise<CodeVerdict> {
  const { store, recoveryCodes } = deps.secondFactor;
  if (!SIX_DIGITS.test(code)) return (await store.useRecoveryCode(factor.userId, recoveryCodes.hash(code))) ? 'recovery-code' : 'wrong-code';
  const step = await timeStepOf(deps, factor, code);
  if (step === null) return 'wrong-code';
  return (await store.useTimeStep(factor.userId, step)) ? 'totp' : 'replayed-code';
}

/** The time step of a right TOTP code for the factor's secret, or null. */
export async function timeStepOf(deps: Pick<CommandDeps, 'secondFactor'>, factor: StoredTotpFactor, code: string): Promise<number | null> {
  if (!SIX_DIGITS.test(code)) return null;
  const secret = deps.secondFactor.secrets.open(factor.sealedSecret);
  return secret === null ? null : totpTimeStep(secret, code, deps.secondFactor.nowSeconds());
}

/**
 * Runs a code check on the login throttle, as a password is checked
 * (server/auth/loginThrottle.ts: the account's and the address's keys): the
 * attempt is counted before the check, a wrong code stays counted (429 with
 * Retry-After once there are too many), a right one forgives. `check` says
 * `{ wrong: detail }` for a wrong code (the audit detail says why), which is
 * then refused with `refusal()`.
 */
export async function throttledCheck<T>(
  deps: CodeDeps,
  user: UserRecord,
  origin: AuditActor,
  object: string,
  refusal: () => AppError,
  check: () => Promise<{ ok: T } | { wrong: string }>,
): Promise<T> {
  const actor: AuditActor = { ...origin, userId: user.id, username: user.username, role: user.role, organisationId: user.organisationId };
  const decision = await deps.throttle.begin({ account: user.username, ip: origin.ip ?? 'unknown' });
  if ('wait' in decision) {
    await deps.audit.recordRefusal(actor, { action: 'login', outcome: 'denied', object, detail: decision.reason === 'in-flight' ? 'in-flight' : 'throttled' });
    throw tooManyAttempts(decision.wait, decision.reason);
  }
  let verdict: { ok: T } | { wrong: string } | null = null;
  try {
    verdict = await check();
  } finally {
    if (verdict === null) await deps.throttle.release(decision.ticket);
  }
  if ('wrong' in verdict) {
    await deps.throttle.fail(decision.ticket);
    await deps.audit.record(actor, { action: 'login', outcome: 'failure', object, detail: verdict.wrong });
    throw refusal();
  }
  await deps.throttle.succeed(decision.ticket);
  return verdict.ok;
}
