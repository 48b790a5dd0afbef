import type { CommentsPush } from '../../shared/comments.ts';
import type { NotificationView } from '../../shared/notifications.ts';
import { caseRoom, RealtimeEvent, sessionRoom, userRoom, type AuthEnded, type SessionReminder, type WorkflowPush } from '../../shared/realtime.ts';
import type { WorkflowStore } from '../store/ports.ts';
import type { RealtimePublisher } from './RealtimePublisher.ts';
import { tokenRoom } from './rooms.ts';
import type { SocketAccess } from './socketAccess.ts';
import type { IoServer } from './socketTypes.ts';

/** The push channel of the commands, over socket.io rooms (through the adapter: on every node). */
export class SocketPublisher implements RealtimePublisher {
  constructor(
    private readonly io: IoServer,
    /** The case's workflow state, which holds its sessions. */
    private readonly workflow: Pick<WorkflowStore, 'load'>,
    private readonly access: SocketAccess,
  ) {}

  publishWorkflow(push: WorkflowPush): void {
    this.io.to(caseRoom(push.caseId)).emit(RealtimeEvent.workflow, push);
  }

  async removeFromCase(caseId: string, userId: string): Promise<void> {
    const room = caseRoom(caseId);
    for (const socket of await this.io.in(room).fetchSockets()) {
      if (socket.data.user.id !== userId) continue;
      socket.emit(RealtimeEvent.revoked, { caseId });
      socket.leave(room);
    }
  }

  async recheckCase(caseId: string): Promise<number> {
    const sessions = ((await this.workflow.load(caseId))?.state.sessions ?? []).map((session) => sessionRoom(session.id));
    return this.access.check(await this.io.in([caseRoom(caseId), ...sessions]).fetchSockets(), caseId);
  }

  async disconnectToken(tokenId: string): Promise<void> {
    this.endRoom(tokenRoom(tokenId));
  }

  async disconnectUser(userId: string): Promise<void> {
    this.endRoom(userRoom(userId));
  }

  /** Through the adapter, so that the sockets in the room on every node end, not only here. */
  private endRoom(room: string): void {
    const message: AuthEnded = { reason: 'revoked' };
    this.io.to(room).emit(RealtimeEvent.authEnded, message);
    this.io.in(room).disconnectSockets(true);
  }

  publishComments(caseId: string, push: CommentsPush): void {
    this.io.to(caseRoom(caseId)).emit(RealtimeEvent.comments, push);
  }

  async localUsers(): Promise<string[]> {
    const users = new Set<string>();
    for (const socket of this.io.of('/').sockets.values()) users.add(socket.data.user.id);
    return [...users];
  }

  remindLocal(userId: string, reminder: SessionReminder): void {
    this.io.local.to(userRoom(userId)).emit(RealtimeEvent.sessionReminder, reminder);
  }

  publishNotification(userId: string, notification: NotificationView): void {
    this.io.to(userRoom(userId)).emit(RealtimeEvent.notification, notification);
  }
}
