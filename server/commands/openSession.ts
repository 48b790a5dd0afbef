import type { LoginResponse } from '../../shared/api.ts';
import type { AuditActor } from '../audit/Audit.ts';
import { SECOND_FACTOR_AMR } from '../auth/tokens.ts';
import type { UserRecord } from '../store/ports.ts';
import type { CommandDeps } from './deps.ts';
import { toPublicUser } from './views.ts';

/** How a session was earned: a password alone, or a password and a second factor (a TOTP code or a recovery code). */
export type SessionMethod = 'password' | 'totp' | 'recovery-code';

/**
 * Issues a session token for an account whose login is complete, and audits
 * it: the one place every login path (password, second factor) opens a
 * session. A token after a second factor says so (`amr`).
 */
export async function openSession(
  deps: Pick<CommandDeps, 'tokens' | 'audit'>,
  user: UserRecord,
  origin: AuditActor,
  method: SessionMethod,
): Promise<LoginResponse> {
  const { token, claims } = deps.tokens.issue(user.id, user.role, user.sessionVersion, method === 'password' ? undefined : SECOND_FACTOR_AMR);
  await deps.audit.record(
    { ...origin, userId: user.id, username: user.username, role: user.role, organisationId: user.organisationId },
    { action: 'login', outcome: 'success', object: 'session', ...(method === 'password' ? {} : { detail: method }) },
  );
  return { token, expiresAt: claims.exp, user: toPublicUser(user) };
}
