import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR_MODE, PRIVATE_FILE_MODE } from './fileModes.ts';

/** The file in DATA_DIR that holds the token secret when JWT_SECRET is unset. */
export const JWT_SECRET_FILE = 'jwt-secret';
/** The file in DATA_DIR that holds the key of the case event log when LOG_SECRET is unset. */
export const LOG_SECRET_FILE = 'log-secret';

/** Shorter secrets than this are not used (the same floor as JWT_SECRET and LOG_SECRET). */
export const MIN_SECRET_LENGTH = 32;

/** Random bytes of a generated secret (64 characters in base64url). */
const GENERATED_SECRET_BYTES = 48;

/** The secret kept in `DATA_DIR/<fileName>`, or null when there is none (never creates one). */
export function readSecret(dataDir: string, fileName: string): string | null {
  try {
    const existing = readFileSync(join(dataDir, fileName), 'utf8').trim();
    return existing.length >= MIN_SECRET_LENGTH ? existing : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * A secret of embedded mode: generated on first start and kept in DATA_DIR
 * (mode 0600), so that it survives a restart — the token secret (sessions
 * stay valid) and the log key (the case logs it sealed still verify).
 */
export function loadOrCreateSecret(dataDir: string, fileName = JWT_SECRET_FILE): string {
  const existing = readSecret(dataDir, fileName);
  if (existing) return existing;
  mkdirSync(dataDir, { recursive: true, mode: DATA_DIR_MODE });
  const file = join(dataDir, fileName);
  const secret = randomBytes(GENERATED_SECRET_BYTES).toString('base64url');
  try {
    writeFileSync(file, `${secret}\n`, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw error;
  }
  return secret;
}
