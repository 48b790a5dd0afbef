import { CloseCode } from '../../shared/limits.ts';
import type { AuditActor } from '../audit/Audit.ts';
import type { Principal } from '../auth/Authenticator.ts';
import type { CommandDeps } from './deps.ts';
import { closeSessionConnections } from './loginSessions.ts';

/** Ends a session: the token (and its login session) stops working everywhere, including its open document connections. */
export async function logout(deps: Pick<CommandDeps, 'records' | 'audit' | 'connections' | 'realtime' | 'sessions'>, principal: Principal, actor: AuditActor) {
  await deps.records.revokeToken(principal.claims.jti, principal.claims.exp);
  deps.connections.closeWhere((context) => context.tokenId === principal.claims.jti, CloseCode.unauthenticated, 'logged out');
  await deps.realtime.disconnectToken(principal.claims.jti);
  const sessionId = principal.claims.sid;
  if (sessionId) {
    await deps.sessions.store.end(sessionId, 'logout', deps.sessions.now());
    await closeSessionConnections(deps, sessionId, 'logged out');
  }
  await deps.audit.record(actor, { action: 'logout', outcome: 'success', object: 'session' });
}
