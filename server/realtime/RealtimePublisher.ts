import type { CommentsPush } from '../../shared/comments.ts';
import type { NotificationView } from '../../shared/notifications.ts';
import type { SessionReminder, WorkflowPush } from '../../shared/realtime.ts';

/** What commands need from the push channel; socket.io appears only in its adapter. */
export interface RealtimePublisher {
  /** Pushes a workflow change to everyone following the case. */
  publishWorkflow(push: WorkflowPush): void;
  /** Ends a user's following of a case (a reviewer whose dispute closed), telling them why. */
  removeFromCase(caseId: string, userId: string): Promise<void>;
  /**
   * Checks the access of every socket following the case or in one of its
   * sessions (on any node) now, after a change of its members; resolves with
   * how many lost access.
   */
  recheckCase(caseId: string): Promise<number>;
  /** Disconnects the sockets opened with a session token, or with any token of a login session (logout), on every node, telling them why. */
  disconnectToken(tokenId: string): Promise<void>;
  /** Disconnects every socket of a user (an administrator ended their sessions), on every node, telling them why. */
  disconnectUser(userId: string): Promise<void>;
  /** Pushes a change of comment threads to everyone following the case. */
  publishComments(caseId: string, push: CommentsPush): void;
  /** Users with a socket on this node (reminders go to the node that holds the socket). */
  localUsers(): Promise<string[]>;
  /** Reminds a user on the sockets they hold on this node. */
  remindLocal(userId: string, reminder: SessionReminder): void;
  /** Pushes a notification to the user's sockets on every node (their user room, through the adapter). */
  publishNotification(userId: string, notification: NotificationView): void;
}
