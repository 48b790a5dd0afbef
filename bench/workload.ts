import * as Y from 'yjs';
import { encodeAwarenessState } from './wire.ts';

/**
 * Pre-generated typing: every keystroke is a real Yjs update made by a
 * writer's own Y.Doc (one per document it types into), the way an editor
 * appends to a paragraph, plus the caret awareness update that goes with it.
 */

/** Mean typing rate per physician at multiplier 1. */
export const KEYS_PER_SECOND = 5;
/** Within a burst keys come faster than the mean; the pause after the burst brings the mean back to 5/s. */
const KEY_INTERVAL_MS = 150;
const MEAN_INTERVAL_MS = 1000 / KEYS_PER_SECOND;
const BURST_MIN = 4;
const BURST_MAX = 12;
const TEXT = 'de werknemer kan twee uur per dag werken met pauzes en beperkte belasting van de rug ';

/** Small deterministic PRNG (mulberry32) so runs offer the same load. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One writer's Y.Doc on one document. */
export class Typist {
  readonly doc = new Y.Doc();
  private awarenessClock = 0;
  private typed = 0;
  private last: Uint8Array | null = null;

  constructor(
    readonly section: string,
    readonly name: string,
  ) {
    this.doc.on('update', (update: Uint8Array) => (this.last = update));
  }

  get clientId(): number {
    return this.doc.clientID;
  }

  /** The awareness state before typing starts (no caret yet). */
  initialAwareness(): Uint8Array {
    return encodeAwarenessState(this.clientId, this.awarenessClock++, { user: { name: this.name, color: '#30bced' } });
  }

  /** Types one character: the update, its end clock (exclusive) and the caret awareness update. */
  key(): { update: Uint8Array; clock: number; awareness: Uint8Array } {
    const char = TEXT[this.typed++ % TEXT.length]!;
    const fragment = this.doc.getXmlFragment(this.section);
    this.doc.transact(() => {
      let paragraph = fragment.get(0) as Y.XmlElement | undefined;
      if (!paragraph) {
        paragraph = new Y.XmlElement('paragraph');
        fragment.insert(0, [paragraph]);
      }
      let text = paragraph.get(0) as Y.XmlText | undefined;
      if (!text) {
        text = new Y.XmlText();
        paragraph.insert(0, [text]);
      }
      text.insert(text.length, char);
    });
    const update = this.last!;
    const clock = Y.getState(this.doc.store, this.clientId);
    const caret = { type: null, tname: null, item: { client: this.clientId, clock: clock - 1 }, assoc: 0 };
    const awareness = encodeAwarenessState(this.clientId, this.awarenessClock++, {
      user: { name: this.name, color: '#30bced' },
      cursor: { anchor: caret, head: caret },
    });
    return { update, clock, awareness };
  }
}

/**
 * Keystroke times (ms from the step's start) of one physician: bursts of 4–12
 * keys 150 ms apart, then a pause, 5 keys a second on average (× multiplier).
 * Each entry also names its burst, so a writer can switch documents per burst.
 */
export function keystrokeTimes(durationMs: number, multiplier: number, random: () => number): { t: number; burst: number }[] {
  const times: { t: number; burst: number }[] = [];
  let t = random() * 2 * MEAN_INTERVAL_MS * 5; // a random phase, so writers do not type in step
  for (let burst = 0; t < durationMs; burst++) {
    const length = BURST_MIN + Math.floor(random() * (BURST_MAX - BURST_MIN + 1));
    for (let i = 0; i < length && t < durationMs; i++) {
      times.push({ t, burst });
      t += KEY_INTERVAL_MS / multiplier;
    }
    t += (length * (MEAN_INTERVAL_MS - KEY_INTERVAL_MS)) / multiplier;
  }
  return times;
}
