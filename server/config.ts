import { z } from 'zod';
import { MAX_EMAIL_CHARS, UPDATE_RATE } from '../shared/limits.ts';
import { MIN_SECRET_LENGTH } from './secret.ts';

/**
 * Configuration from the environment, parsed once at boot by the composition
 * root. Every variable is listed in the README's configuration table.
 */
const booleanFlag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((value) => value === 'true' || value === '1' || value === 'yes');

/** A Prometheus bearer token is a shared secret: as long as a token-signing one. */
const MIN_METRICS_TOKEN_LENGTH = 32;

/** Bounds of ACCESS_TOKEN_TTL_SECONDS: long enough to refresh in time, short enough that a stolen token soon stops working. */
const MIN_ACCESS_TOKEN_TTL_SECONDS = 30;
const MAX_ACCESS_TOKEN_TTL_SECONDS = 3600;

/** PUBLIC_URL: an http(s) origin, without path, query or fragment; kept in URL's canonical form. */
const publicUrl = z
  .string()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.pathname === '/' && !url.search && !url.hash && !url.username;
    } catch {
      return false;
    }
  }, 'must be an http(s) origin such as https://werkplek.example.nl, without a path')
  .transform((value) => new URL(value).origin);

const ConfigSchema = z
  .object({
    /** TCP port for HTTP and websockets; 0 picks a free port. */
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /** Interface to listen on. */
    HOST: z.string().min(1).default('0.0.0.0'),
    /** Directory for the SQLite file and the generated token secret. */
    DATA_DIR: z.string().min(1).default('./data'),
    /** Which store adapter to use: the embedded SQLite file, memory (tests), or Redis shared by several nodes. */
    STORE: z.enum(['sqlite', 'memory', 'redis']).default('sqlite'),
    /** The Redis of the distributed mode (STORE=redis), e.g. redis://redis:6379. */
    REDIS_URL: z
      .string()
      .refine((value) => /^rediss?:\/\/[^\s]+$/.test(value), 'must be a redis:// or rediss:// URL')
      .optional(),
    /** Prefix of every Redis key, so that several workspaces can share one Redis. */
    REDIS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{1,32}$/, 'letters, digits and _.:- only (at most 32)')
      .default('cw:'),
    /** Secret that signs session tokens; generated and kept in DATA_DIR when unset. */
    JWT_SECRET: z.string().min(MIN_SECRET_LENGTH, `must be at least ${MIN_SECRET_LENGTH} characters`).optional(),
    /**
     * Key of the case event log (HMAC of every event and of each case's head); generated and kept
     * in DATA_DIR when unset. Every node of the distributed mode needs the same one.
     */
    LOG_SECRET: z.string().min(MIN_SECRET_LENGTH, `must be at least ${MIN_SECRET_LENGTH} characters`).optional(),
    /**
     * How long a token without a login session stays valid, in seconds (tokens that tools issue; a
     * login's tokens follow ACCESS_TOKEN_TTL_SECONDS and the session limits below).
     */
    TOKEN_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(7 * 24 * 3600)
      .default(12 * 3600),
    /** How long one access token of a login session stays valid, in seconds; the browser refreshes it before then. */
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(MIN_ACCESS_TOKEN_TTL_SECONDS).max(MAX_ACCESS_TOKEN_TTL_SECONDS).default(300),
    /** Minutes without anything the user did after which a login session ends, on every connection. */
    SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
    /** Hours after the login at which a session ends however active it is (the absolute maximum). */
    SESSION_MAX_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24)
      .default(12),
    /** Seed demo users and the demo case into an empty store. */
    DEMO_SEED: booleanFlag.default(true),
    /** pino log level. */
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Document updates a collaboration connection may send per second (bursts of three seconds' worth); more wait. */
    COLLAB_UPDATE_RATE: z.coerce.number().int().min(1).max(1_000_000).default(UPDATE_RATE.perSecond),
    /** Maximum simultaneous collaboration connections per user. */
    MAX_CONNECTIONS_PER_USER: z.coerce.number().int().min(1).max(1000).default(24),
    /** Milliseconds a document without connections stays loaded. */
    DOC_IDLE_UNLOAD_MS: z.coerce.number().int().min(0).default(30_000),
    /** Number of stored updates after which a document is compacted into one snapshot. */
    DOC_COMPACT_THRESHOLD: z.coerce.number().int().min(1).default(500),
    /** SQLite synchronous mode: normal survives a killed process, full also a power loss. */
    SQLITE_SYNCHRONOUS: z.enum(['normal', 'full']).default('full'),
    /** express "trust proxy" setting: the number of proxy hops whose X-Forwarded-For is trusted. */
    TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
    /** Persistent disagreement: concluded sessions with the section on the agenda. */
    PERSISTENT_SESSIONS: z.coerce.number().int().min(1).max(100).default(2),
    /** Persistent disagreement: days since the flag was raised. */
    PERSISTENT_DAYS: z.coerce.number().int().min(0).max(3650).default(28),
    /** Minutes before a consultation session starts that online physicians are reminded. */
    SESSION_REMINDER_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
    /** Every local account needs a second factor (TOTP): a password alone never yields a session. Organisations can require it on their own (mfaRequired). */
    MFA_REQUIRED: booleanFlag.default(false),
    /** Send the session cookie with the Secure attribute (set behind HTTPS). */
    COOKIE_SECURE: booleanFlag.default(false),
    /** Only `production` changes anything here: the server then warns loudly about demo accounts. */
    NODE_ENV: z.string().default('development'),
    /** The address users open (https://werkplek.example.nl): the only origin allowed to write, and the base of absolute links. */
    PUBLIC_URL: publicUrl.optional(),
    /** Bearer token that /metrics requires on the public port; without it, /metrics is refused there. */
    METRICS_TOKEN: z.string().min(MIN_METRICS_TOKEN_LENGTH, `must be at least ${MIN_METRICS_TOKEN_LENGTH} characters`).optional(),
    /** The SMTP server notification e-mail goes through (smtp://host:port or smtps://user:pass@host); e-mail is off when unset. */
    SMTP_URL: z
      .string()
      .refine((value) => /^smtps?:\/\/[^\s]+$/.test(value), 'must be an smtp:// or smtps:// URL')
      .optional(),
    /** The sender of notification e-mail. */
    MAIL_FROM: z
      .string()
      .trim()
      .min(3)
      .max(MAX_EMAIL_CHARS * 2)
      .default('Consultatiewerkplek <no-reply@localhost>'),
    /** A second listener on 127.0.0.1 that serves /metrics only, without a token (0 picks a free port). */
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  })
  .superRefine((config, context) => {
    if (config.STORE === 'redis' && !config.REDIS_URL) {
      context.addIssue({ code: 'custom', path: ['REDIS_URL'], message: 'is required when STORE=redis' });
    }
    if (config.METRICS_PORT !== undefined && config.METRICS_PORT !== 0 && config.METRICS_PORT === config.PORT) {
      context.addIssue({ code: 'custom', path: ['METRICS_PORT'], message: 'must differ from PORT' });
    }
  });

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the environment; throws a ConfigError that lists every problem at once. */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const relevant = Object.fromEntries(
    Object.keys(ConfigSchema.shape)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const result = ConfigSchema.safeParse(relevant);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
}
