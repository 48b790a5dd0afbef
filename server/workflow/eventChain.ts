import { createHash } from 'node:crypto';
import type { EventEnvelope } from '../../shared/workflow/types.ts';

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

/** The hash of an envelope: everything in it but the hash itself, chained to the previous one. */
export function hashEnvelope(envelope: Omit<EventEnvelope, 'hash'>): string {
  const { caseId, seq, at, actor, event, prevHash } = envelope;
  return sha256(canonicalJson({ caseId, seq, at, actor, event, prevHash }));
}

export type ChainCheck = { ok: true; events: number } | { ok: false; seq: number; reason: string };

/** Checks a case's log from its first event: the first event that was changed, removed or reordered is named. */
export function verifyChain(events: readonly EventEnvelope[]): ChainCheck {
  let prevHash = GENESIS_HASH;
  for (let i = 0; i < events.length; i++) {
    const envelope = events[i]!;
    if (envelope.seq !== i + 1) return { ok: false, seq: envelope.seq, reason: `expected event ${i + 1} here: an event is missing or out of order` };
    if (envelope.prevHash !== prevHash) return { ok: false, seq: envelope.seq, reason: 'its previous-hash does not match the event before it' };
    if (hashEnvelope(envelope) !== envelope.hash) return { ok: false, seq: envelope.seq, reason: 'its content does not match its hash' };
    prevHash = envelope.hash;
  }
  return { ok: true, events: events.length };
}
