import { pino, type Logger } from 'pino';

/**
 * Structured logs. Log lines carry a category (`cat`) and ids, never medical
 * text: request bodies, document content and case titles are not logged, and
 * credentials are redacted should they ever reach a log call.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'consultation-workspace' },
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'req.headers.authorization', 'req.headers.cookie'],
      censor: '[redacted]',
    },
  });
}
