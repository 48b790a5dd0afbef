import type { WorkflowPush } from '../../shared/realtime.ts';

/** What commands need from the push channel; socket.io appears only in its adapter. */
export interface RealtimePublisher {
  /** Pushes a workflow change to everyone following the case. */
  publishWorkflow(push: WorkflowPush): void;
  /** Ends a user's following of a case (a reviewer whose dispute closed), telling them why. */
  removeFromCase(caseId: string, userId: string): Promise<void>;
  /** Disconnects the sockets opened with a session token (logout). */
  disconnectToken(tokenId: string): Promise<void>;
}
