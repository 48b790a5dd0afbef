import type { AuditActor } from '../audit/Audit.ts';
import type { StartedSession } from '../auth/sessions.ts';
import { SECOND_FACTOR_AMR } from '../auth/tokens.ts';
import type { UserRecord } from '../store/ports.ts';
import type { CommandDeps } from './deps.ts';

/** How a session was earned: a password alone, or a password and a second factor (a TOTP code or a recovery code). */
export type SessionMethod = 'password' | 'totp' | 'recovery-code';

const AMR_OF = { password: undefined, totp: SECOND_FACTOR_AMR, 'recovery-code': SECOND_FACTOR_AMR } as const;

/**
 * Begins a login session for an account whose login is complete, and audits
 * it: the one place a password login (with or without a second factor) opens
 * a session (single sign-on: auth/sso/ssoSession.ts). Its tokens say how it
 * was earned (`amr`), and every refresh keeps that.
 */
export async function openSession(
  deps: Pick<CommandDeps, 'sessions' | 'audit'>,
  user: UserRecord,
  origin: AuditActor,
  method: SessionMethod,
): Promise<StartedSession> {
  const started = await deps.sessions.begin(user, AMR_OF[method]);
  await deps.audit.record(
    { ...origin, userId: user.id, username: user.username, role: user.role, organisationId: user.organisationId },
    { action: 'login', outcome: 'success', object: 'session', ...(method === 'password' ? {} : { detail: method }) },
  );
  return started;
}
