import { createHmac, hkdfSync, randomInt } from 'node:crypto';
import { RECOVERY_CODE_COUNT } from '../../shared/secondFactor.ts';

/** Letters and digits that cannot be mistaken for one another (no 0/o, 1/l/i). */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const HALF_LENGTH = 5;
const KEY_BYTES = 32;

/**
 * One-time recovery codes: shown once at confirmation, stored only as a keyed
 * hash (HMAC-SHA-256 under a key derived from the server's secret). The codes
 * are random (about 49 bits each), so a slow hash adds nothing; the throttle
 * bounds guessing as it does for passwords.
 */
export class RecoveryCodes {
  private readonly key: Buffer;

  constructor(serverSecret: string) {
    this.key = Buffer.from(hkdfSync('sha256', serverSecret, 'consultation-workspace', 'recovery-codes', KEY_BYTES));
  }

  /** New codes as shown to the user (`xxxxx-xxxxx`), and their hashes. */
  generate(): { codes: string[]; hashes: string[] } {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => `${randomPart()}-${randomPart()}`);
    return { codes, hashes: codes.map((code) => this.hash(code)) };
  }

  /** The hash of a code as typed: letter case, spaces and the dash do not matter. */
  hash(code: string): string {
    return createHmac('sha256', this.key).update(normalize(code)).digest('base64url');
  }
}

const normalize = (code: string) => code.replace(/[\s-]+/g, '').toLowerCase();

function randomPart(): string {
  return Array.from({ length: HALF_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}
