import { createHash } from 'node:crypto';
import type { EventEnvelope } from '../../shared/workflow/types.ts';
import { failure, type IntegrityFailure } from './integrityProblems.ts';
import { hmacHex, type LogKey } from './logKey.ts';

/** The previous hash of a case's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level, so that equal content always hashes equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

type Unsigned = Omit<EventEnvelope, 'hash'>;

/** What an envelope's hash covers: everything in it but the hash itself, chained to the previous one. */
function chainedContent({ caseId, seq, at, actor, event, prevHash }: Unsigned): string {
  return canonicalJson({ caseId, seq, at, actor, event, prevHash });
}

/**
 * The hash of an envelope: an HMAC keyed by the log key, so that someone with
 * access to the database alone cannot recompute a chain they rewrote.
 */
export function hashEnvelope(key: LogKey, envelope: Unsigned): string {
  return hmacHex(key.events, chainedContent(envelope));
}

/** The bare SHA-256 that hashed events before the log was keyed; events up to a case's `legacySeq` carry it. */
export function legacyHashEnvelope(envelope: Unsigned): string {
  return sha256(chainedContent(envelope));
}

/** Whether an event carries the hash it should: the bare SHA-256 up to `legacySeq`, the keyed HMAC after. */
export function eventHashValid(key: LogKey, envelope: EventEnvelope, legacySeq: number): boolean {
  const expected = envelope.seq <= legacySeq ? legacyHashEnvelope(envelope) : hashEnvelope(key, envelope);
  return expected === envelope.hash;
}

export type ChainCheck = { ok: true; events: number } | ({ ok: false } & IntegrityFailure);

/**
 * Checks a case's log from its first event and names the first event that was
 * changed, removed or reordered, or from which the chain was rewritten.
 * Events up to `legacySeq` were written before the log was keyed.
 */
export function verifyChain(events: readonly EventEnvelope[], key: LogKey, legacySeq = 0): ChainCheck {
  let prevHash = GENESIS_HASH;
  for (let i = 0; i < events.length; i++) {
    const envelope = events[i]!;
    if (envelope.seq !== i + 1) {
      return { ok: false, ...failure('event.missing', `expected event ${i + 1} here: an event is missing or out of order`, envelope.seq) };
    }
    if (envelope.prevHash !== prevHash) {
      return { ok: false, ...failure('event.link', 'its previous-hash does not match the event before it', envelope.seq) };
    }
    if (!eventHashValid(key, envelope, legacySeq)) return { ok: false, ...whatBroke(events, i, key, legacySeq) };
    prevHash = envelope.hash;
  }
  return { ok: true, events: events.length };
}

/**
 * An event's hash does not verify. If the next event still links to it and
 * verifies, only this event was changed; if the chain goes on linking but no
 * longer verifies, it was recomputed from here without the key.
 */
function whatBroke(events: readonly EventEnvelope[], index: number, key: LogKey, legacySeq: number): IntegrityFailure {
  const broken = events[index]!;
  const next = events[index + 1];
  const unkeyed = broken.seq > legacySeq && legacyHashEnvelope(broken) === broken.hash;
  const nextStillVerifies = next !== undefined && next.prevHash === broken.hash && eventHashValid(key, next, legacySeq);
  if (nextStillVerifies || (next === undefined && !unkeyed)) {
    return failure('event.changed', 'its content does not match its hash: it was changed (or rehashed without the log key)', broken.seq);
  }
  const how = unkeyed ? 'with the bare SHA-256, without the key' : 'with another key';
  return failure(
    'chain.rewritten',
    `from this event on the hashes were recomputed ${how}: the chain was rewritten (or this server holds another LOG_SECRET than the one that wrote it)`,
    broken.seq,
  );
}
