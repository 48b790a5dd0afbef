import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** The version of the sealed form, its first segment. */
const SEAL_VERSION = 'v1';

/**
 * Seals small secrets at rest (the TOTP secrets): AES-256-GCM under a key
 * derived from the server's token secret for this purpose alone. A sealed
 * value is `v1.<iv>.<ciphertext>.<tag>` in base64url; one altered, or sealed
 * under another key, does not open.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(serverSecret: string, purpose: string) {
    this.key = Buffer.from(hkdfSync('sha256', serverSecret, 'consultation-workspace', purpose, KEY_BYTES));
  }

  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key, iv, { authTagLength: TAG_BYTES });
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [SEAL_VERSION, iv, sealed, cipher.getAuthTag()].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
  }

  /** The plain value; null when it was altered or sealed under another key. */
  open(sealed: string): string | null {
    const [version, iv, data, tag] = sealed.split('.');
    if (version !== SEAL_VERSION || iv === undefined || data === undefined || tag === undefined) return null;
    try {
      const decipher = createDecipheriv(ALGORITHM, this.key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}
