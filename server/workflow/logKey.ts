import { createHmac } from 'node:crypto';

/**
 * The key of the case event log (LOG_SECRET, or DATA_DIR/log-secret). One
 * secret, two derived keys: an event's hash and a case head's seal are made
 * with different keys, so neither can ever be passed off as the other.
 */
export interface LogKey {
  /** Keys each envelope's HMAC (server/workflow/eventChain.ts). */
  readonly events: Buffer;
  /** Keys the seal of each case's state row (server/workflow/headSeal.ts). */
  readonly head: Buffer;
  /** A short public fingerprint, so an operator can see that every node holds the same key. */
  readonly id: string;
}

/** Hex characters of the key's fingerprint in logs: enough to tell keys apart, nothing to guess from. */
const KEY_ID_LENGTH = 12;

const derive = (secret: string, purpose: string) => createHmac('sha256', secret).update(purpose).digest();

export function createLogKey(secret: string): LogKey {
  return {
    events: derive(secret, 'consultation-workspace/case-events/v1'),
    head: derive(secret, 'consultation-workspace/case-head/v1'),
    id: derive(secret, 'consultation-workspace/key-id/v1').toString('hex').slice(0, KEY_ID_LENGTH),
  };
}

export function hmacHex(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text).digest('hex');
}
