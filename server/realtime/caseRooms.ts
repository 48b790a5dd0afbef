import { caseRoom, CaseJoinPayload, CaseLeavePayload, JoinError } from '../../shared/realtime.ts';
import type { Audit } from '../audit/Audit.ts';
import { ackOf, parsePayload } from './clientPayload.ts';
import { denial } from '../policies/participation.ts';
import { roomRefusal, type AccessRoleOf } from './roomAccess.ts';
import { socketActor } from './socketActor.ts';
import type { IoSocket } from './socketTypes.ts';

export interface CaseRoomDeps {
  accessRole: AccessRoleOf;
  audit: Audit;
  /** Proxy hops whose X-Forwarded-For is trusted (TRUST_PROXY), for the client address in the audit. */
  trustProxy: number;
}

/** `case:join`: the socket follows the case's pushes, if the user may; a refusal of a valid id is audited. */
export async function joinCase(socket: IoSocket, deps: CaseRoomDeps, payload: { caseId: unknown }, ack: unknown): Promise<void> {
  const reply = ackOf(ack);
  const parsed = parsePayload(CaseJoinPayload, payload);
  if (!parsed.ok) return reply(parsed);
  const { caseId } = parsed.payload;
  const { user } = socket.data;
  const refusal = await roomRefusal(deps.accessRole, caseId, user.id, 'read');
  if (refusal) {
    deps.audit.recordInBackground(socketActor(socket, user, deps.trustProxy), denial('case-events', caseId, refusal));
    return reply({ ok: false, error: JoinError.noAccess });
  }
  await socket.join(caseRoom(caseId));
  reply({ ok: true });
}

/** `case:leave`: no more pushes of the case to this socket. */
export function leaveCase(socket: IoSocket, payload: { caseId: unknown }): void {
  const parsed = parsePayload(CaseLeavePayload, payload);
  if (parsed.ok) void socket.leave(caseRoom(parsed.payload.caseId));
}
