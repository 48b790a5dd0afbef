import type { RefreshInput } from '../../shared/authSession.ts';
import { CloseCode } from '../../shared/limits.ts';
import type { AuditActor } from '../audit/Audit.ts';
import type { Principal } from '../auth/Authenticator.ts';
import type { StartedSession } from '../auth/sessions.ts';
import { AppError } from '../errors.ts';
import type { SessionEndReason, UserRecord } from '../store/ports.ts';
import { endSessions } from './admin/users.ts';
import type { CommandDeps } from './deps.ts';

type Deps = Pick<CommandDeps, 'sessions' | 'records' | 'audit' | 'connections' | 'realtime'>;

/** A refused refresh: the browser has to log in again. */
export const sessionEnded = () => new AppError(401, 'session_ended', 'The session has ended; log in again');

/** The reasons of a session ended by time, audited as such (docs/security.md). */
const TIMEOUTS: ReadonlySet<SessionEndReason> = new Set(['idle-timeout', 'absolute-maximum']);

const actorOf = (origin: AuditActor, user: UserRecord | null): AuditActor =>
  user ? { ...origin, userId: user.id, username: user.username, role: user.role, organisationId: user.organisationId } : origin;

/**
 * Closes the open connections of one login session: its document connections
 * here (4401) and its sockets on every node (`auth:ended`). Other nodes'
 * document connections end at their next access check (the session is over).
 */
export async function closeSessionConnections(deps: Pick<CommandDeps, 'connections' | 'realtime'>, sessionId: string, reason: string): Promise<void> {
  deps.connections.closeWhere((connection) => connection.sessionId === sessionId, CloseCode.unauthenticated, reason);
  await deps.realtime.disconnectToken(sessionId);
}

/** Audits a session that ended by its idle timeout or its absolute maximum (no token in the row). */
export async function auditTimeout(deps: Pick<CommandDeps, 'audit'>, actor: AuditActor, reason: SessionEndReason): Promise<void> {
  await deps.audit.record(actor, { action: 'logout', outcome: 'success', object: 'session', detail: reason });
}

/**
 * POST /api/auth/refresh: the next access token and refresh token, or 401
 * `session_ended`. A refused refresh that ended the session (a reused refresh
 * token, the idle timeout, the absolute maximum, a changed account) closes the
 * session's open connections. Every refusal is audited, without the token.
 */
export async function refreshSession(deps: Deps, presented: string | null, input: RefreshInput, origin: AuditActor): Promise<StartedSession> {
  const outcome = await deps.sessions.refresh(presented, input.active);
  if (outcome.ok) return outcome.started;
  const actor = actorOf(origin, outcome.user);
  if (outcome.session === null) {
    // Nobody known: summed per address and minute, like other anonymous refusals.
    await deps.audit.recordRefusal(actor, { action: 'login', outcome: 'failure', object: 'session-refresh', detail: outcome.refusal });
    throw sessionEnded();
  }
  if (outcome.ended) {
    await closeSessionConnections(deps, outcome.session.id, 'session ended');
    if (TIMEOUTS.has(outcome.refusal as SessionEndReason)) await auditTimeout(deps, actor, outcome.refusal as SessionEndReason);
  }
  await deps.audit.record(actor, { action: 'login', outcome: 'failure', object: 'session-refresh', detail: outcome.refusal });
  throw sessionEnded();
}

/**
 * POST /api/auth/logout-everywhere: every session of the caller ends, on every
 * device and node: the login sessions in the store, and (through the account's
 * session version) any other token of the account; open connections close.
 */
export async function logoutEverywhere(deps: Deps, principal: Principal, actor: AuditActor): Promise<void> {
  const { user, claims } = principal;
  await deps.records.updateUser(user.id, { sessionVersion: user.sessionVersion + 1 });
  const ended = await deps.sessions.store.endAllOf(user.id, 'logout-everywhere', deps.sessions.now());
  await deps.records.revokeToken(claims.jti, claims.exp);
  await endSessions(deps, user.id);
  await deps.audit.record(actor, { action: 'logout', outcome: 'success', object: 'session', detail: `everywhere:${ended.length}` });
}
