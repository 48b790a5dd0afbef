import { z } from 'zod';
import type { WorkflowView } from './api.ts';
import type { CommentsPush } from './comments.ts';
import { ID_PATTERN } from './limits.ts';
import type { NotificationView } from './notifications.ts';
import type { EventEnvelope } from './workflow/types.ts';

/** Where the server's socket.io listens, and where the client connects. */
export const SOCKET_PATH = '/socket.io';

/**
 * socket.io carries server -> client pushes only (docs/architecture.md); every change is
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
  /** server -> client: a notification for this user (`NotificationView`), sent to the user's room on every node. */
  notification: 'notification',
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

/** This user's access to the case ended: the server took the socket out of its rooms. */
export interface CaseRevoked {
  caseId: string;
}

export type JoinResult = { ok: true } | { ok: false; error: string };

/** The acknowledgement of a join: whether the socket is in the room now, and if not why. */
export type JoinAck = (result: JoinResult) => void;

/** Why a join was refused, as its acknowledgement says it. */
export const JoinError = {
  notACaseId: 'not a case id',
  notASessionId: 'not a session id',
  noAccess: 'no access to this case',
  notAParticipant: 'only the physicians of the case take part in its sessions',
  noSuchSession: 'no such session in this case',
} as const;

export interface WorkflowPush {
  caseId: string;
  envelope: EventEnvelope;
  workflow: WorkflowView;
}

/** What the server pushes, each event with its payload. */
export interface ServerToClientEvents {
  [RealtimeEvent.workflow]: (push: WorkflowPush) => void;
  [RealtimeEvent.revoked]: (event: CaseRevoked) => void;
  [RealtimeEvent.authEnded]: (message: AuthEnded) => void;
  [RealtimeEvent.sessionPresence]: (message: SessionPresence) => void;
  [RealtimeEvent.sessionReminder]: (reminder: SessionReminder) => void;
  [RealtimeEvent.comments]: (push: CommentsPush) => void;
  [RealtimeEvent.notification]: (notification: NotificationView) => void;
}

/**
 * What a client may send, each event with its arguments and, for a join, the
 * acknowledgement it may ask for. The server trusts none of it: it parses the
 * arguments with the payload schemas below.
 */
export interface ClientToServerEvents {
  [RealtimeEvent.join]: (caseId: string, ack?: JoinAck) => void;
  [RealtimeEvent.leave]: (caseId: string) => void;
  [RealtimeEvent.sessionJoin]: (caseId: string, sessionId: string, ack?: JoinAck) => void;
  [RealtimeEvent.sessionLeave]: (sessionId: string) => void;
}

const CaseId = z.string({ error: JoinError.notACaseId }).regex(ID_PATTERN, JoinError.notACaseId);
const SessionId = z.string({ error: JoinError.notASessionId }).regex(ID_PATTERN, JoinError.notASessionId);

/**
 * The arguments of each client event, by name; a refusal's message is its
 * first issue's, so that a join's acknowledgement says what was wrong.
 */
export const CaseJoinPayload = z.object({ caseId: CaseId });
export const CaseLeavePayload = z.object({ caseId: CaseId });
// The session id first: of two bad ids, the session's is the one reported.
export const SessionJoinPayload = z.object({ sessionId: SessionId, caseId: CaseId });
export const SessionLeavePayload = z.object({ sessionId: SessionId });

/** The handshake's `auth`: a session token, or nothing when the session cookie carries it (the browser). */
export const HandshakeAuth = z.object({ token: z.string() });

export function caseRoom(caseId: string): string {
  return `case:${caseId}`;
}

export function sessionRoom(sessionId: string): string {
  return `session:${sessionId}`;
}

export function userRoom(userId: string): string {
  return `user:${userId}`;
}
