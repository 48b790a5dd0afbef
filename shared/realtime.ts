import type { WorkflowView } from './api.ts';
import type { EventEnvelope } from './workflow/types.ts';

/**
 * socket.io carries server -> client pushes only (DESIGN §3); every change is
 * an HTTP command. A client asks to follow a case; the server lets it only as
 * a member or an invited reviewer.
 */
export const RealtimeEvent = {
  /** client -> server, with an acknowledgement: `(caseId, ack: (result: JoinResult) => void)`. */
  join: 'case:join',
  /** client -> server: stop following a case. */
  leave: 'case:leave',
  /** server -> client: a workflow command changed the case. */
  workflow: 'workflow:changed',
  /** server -> client: this user's access to the case ended (a reviewer's dispute closed). */
  revoked: 'case:revoked',
} as const;

export type JoinResult = { ok: true } | { ok: false; error: string };

export interface WorkflowPush {
  caseId: string;
  envelope: EventEnvelope;
  workflow: WorkflowView;
}

export function caseRoom(caseId: string): string {
  return `case:${caseId}`;
}
