import type { LoginResponse } from '../../shared/api.ts';
import type { LoginInput } from '../../shared/schemas.ts';
import type { AuditActor } from '../audit/Audit.ts';
import { dummyPasswordHash, verifyPassword } from '../auth/passwords.ts';
import { invalidCredentials, tooManyAttempts } from '../errors.ts';
import type { CommandDeps } from './deps.ts';
import { toPublicUser } from './views.ts';

/**
 * Checks a password and issues a session token. Failures are throttled per
 * account and per address, and every attempt is audited.
 */
export async function login(
  deps: Pick<CommandDeps, 'records' | 'audit' | 'tokens' | 'throttle'>,
  input: LoginInput,
  origin: AuditActor,
): Promise<LoginResponse> {
  const keys = { account: input.username, ip: origin.ip ?? 'unknown' };
  const attempt: AuditActor = { ...origin, username: input.username.slice(0, 64) };

  const wait = await deps.throttle.retryAfter(keys);
  if (wait > 0) {
    await deps.audit.record(attempt, { action: 'login', outcome: 'denied', object: 'session', detail: 'throttled' });
    throw tooManyAttempts(wait);
  }

  const user = await deps.records.findUserByUsername(input.username);
  const valid = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !valid) {
    await deps.throttle.recordFailure(keys);
    await deps.audit.record(
      { ...attempt, userId: user?.id ?? null, role: user?.role ?? null },
      { action: 'login', outcome: 'failure', object: 'session', detail: user ? 'wrong-password' : 'unknown-user' },
    );
    throw invalidCredentials();
  }

  await deps.throttle.recordSuccess(keys);
  const { token, claims } = deps.tokens.issue(user.id, user.role);
  await deps.audit.record(
    { ...origin, userId: user.id, username: user.username, role: user.role },
    { action: 'login', outcome: 'success', object: 'session' },
  );
  return { token, expiresAt: claims.exp, user: toPublicUser(user) };
}
