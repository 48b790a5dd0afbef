import type { Audit } from '../audit/Audit.ts';
import type { LoginThrottle } from '../auth/loginThrottle.ts';
import type { TokenService } from '../auth/tokens.ts';
import type { CollabServer } from '../collab/CollabServer.ts';
import type { RecordStore } from '../store/ports.ts';

/** What commands use; built once by createApp. */
export interface CommandDeps {
  records: RecordStore;
  audit: Audit;
  tokens: TokenService;
  throttle: LoginThrottle;
  collab: CollabServer;
}
