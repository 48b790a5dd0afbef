import type { Logger } from 'pino';
import type { Audit } from '../audit/Audit.ts';
import type { Authenticator } from '../auth/Authenticator.ts';
import type { Config } from '../config.ts';
import type { Metrics } from '../metrics.ts';
import type { ParticipationStores } from '../policies/participation.ts';

export type AppConfig = Pick<
  Config,
  | 'TOKEN_TTL_SECONDS'
  | 'ACCESS_TOKEN_TTL_SECONDS'
  | 'SESSION_IDLE_MINUTES'
  | 'SESSION_MAX_HOURS'
  | 'MAX_CONNECTIONS_PER_USER'
  | 'COLLAB_UPDATE_RATE'
  | 'DOC_IDLE_UNLOAD_MS'
  | 'DOC_COMPACT_THRESHOLD'
  | 'TRUST_PROXY'
  | 'COOKIE_SECURE'
  | 'PERSISTENT_SESSIONS'
  | 'PERSISTENT_DAYS'
  | 'SESSION_REMINDER_MINUTES'
  | 'PUBLIC_URL'
  | 'METRICS_TOKEN'
  | 'SMTP_URL'
  | 'MAIL_FROM'
  | 'MFA_REQUIRED'
>;

/** What every part of the workspace is built from (createApp builds it once). */
export interface Core {
  config: AppConfig;
  log: Logger;
  audit: Audit;
  metrics: Metrics;
  authenticator: Authenticator;
  /** The records, and the workflow checked against its log: every access check reads these. */
  checked: ParticipationStores;
}
