import type { Audit } from '../audit/Audit.ts';
import type { LoginThrottle } from '../auth/loginThrottle.ts';
import type { TokenService } from '../auth/tokens.ts';
import type { CollabServer } from '../collab/CollabServer.ts';
import type { RealtimePublisher } from '../realtime/RealtimePublisher.ts';
import type { CommentStore, RecordStore, WorkflowStore } from '../store/ports.ts';
import type { LogKey } from '../workflow/logKey.ts';

/** What commands use; built once by createApp. */
export interface CommandDeps {
  records: RecordStore;
  /** Checked against the log on every load (server/workflow/VerifiedWorkflowStore.ts). */
  workflow: WorkflowStore;
  /** Hashes each event and seals each case's head. */
  logKey: LogKey;
  comments: CommentStore;
  audit: Audit;
  tokens: TokenService;
  throttle: LoginThrottle;
  collab: CollabServer;
  realtime: RealtimePublisher;
  persistence: { sessions: number; days: number };
  /** The current time; injectable so that tests can move it. */
  now: () => Date;
}
