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
  /** server -> client: this user's access to the case ended (a reviewer's dispute closed, a physician replaced). */
  revoked: 'case:revoked',
  /** server -> client, just before the server disconnects the socket: its login ended (`AuthEnded`). */
  authEnded: 'auth:ended',
  /** client -> server, with an acknowledgement: `(caseId, sessionId, ack)`: present in a live session. */
  sessionJoin: 'session:join',
  /** client -> server: `(sessionId)`: no longer present. */
  sessionLeave: 'session:leave',
  /** server -> client: who is present in a session now. */
  sessionPresence: 'session:presence',
  /** server -> client: a session of one of this user's cases starts soon. */
  sessionReminder: 'session:reminder',
  /** server -> client: a comment thread of the case changed. */
  comments: 'comments:changed',
} as const;

export interface SessionPresence {
  sessionId: string;
  present: { userId: string; name: string }[];
}

export interface SessionReminder {
  caseId: string;
  sessionId: string;
  scheduledAt: string;
  /** The employee's pseudonym: enough to recognise the case in a notification. */
  employeePseudonym: string;
  minutesBefore: number;
}

/** Why the server ends a socket: the token expired, or it was revoked (logged out). Log in again. */
export interface AuthEnded {
  reason: 'expired' | 'revoked';
}

export type JoinResult = { ok: true } | { ok: false; error: string };

export interface WorkflowPush {
  caseId: string;
  envelope: EventEnvelope;
  workflow: WorkflowView;
}

export function caseRoom(caseId: string): string {
  return `case:${caseId}`;
}

export function sessionRoom(sessionId: string): string {
  return `session:${sessionId}`;
}

export function userRoom(userId: string): string {
  return `user:${userId}`;
}
