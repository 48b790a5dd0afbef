import { CloseCode } from '../../shared/limits.ts';
import type { AuditActor } from '../audit/Audit.ts';
import type { Principal } from '../auth/Authenticator.ts';
import type { CommandDeps } from './deps.ts';

/** Ends a session: the token stops working everywhere, including its open document connections. */
export async function logout(deps: Pick<CommandDeps, 'records' | 'audit' | 'connections' | 'realtime'>, principal: Principal, actor: AuditActor) {
  await deps.records.revokeToken(principal.claims.jti, principal.claims.exp);
  deps.connections.closeWhere((context) => context.tokenId === principal.claims.jti, CloseCode.unauthenticated, 'logged out');
  await deps.realtime.disconnectToken(principal.claims.jti);
  await deps.audit.record(actor, { action: 'logout', outcome: 'success', object: 'session' });
}
