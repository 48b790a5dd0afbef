import * as Y from 'yjs';
import type { RefusalReason } from '../../shared/collabProtocol.ts';
import type { Home } from './editorContent.ts';
import type { Struct } from './updateEncoding.ts';

/**
 * - `ok`: stored as sent;
 * - `gc`: it lands in content already removed, so Yjs discards it anyway: stored as a GC range, no refusal;
 * - a refusal: stored as a GC range (the client's clock stays contiguous), and the sender is told.
 */
export type Verdict = { kind: 'ok'; home: Home } | { kind: 'gc' } | { kind: 'refused'; reason: RefusalReason; section: string | null };

export const GC_VERDICT: Verdict = { kind: 'gc' };

/** A struct of the batch, with its verdict once decided. */
export interface Pending {
  struct: Struct;
  verdict: Verdict | null;
}

/** One update's structs of one client, in clock order. */
type Segment = Pending[];

/** The structs of one write batch, found by id (an update may build on an earlier one of the batch). */
export class BatchStructs {
  /** Per client: one segment per update, newest last. */
  private readonly segments = new Map<number, Segment[]>();

  /** Adds the structs of the batch's next update. */
  add(entries: Pending[]): void {
    let segment: Segment | null = null;
    for (const entry of entries) {
      const client = entry.struct.id.client;
      if (!segment || segment[0]!.struct.id.client !== client) {
        segment = [];
        let segments = this.segments.get(client);
        if (!segments) this.segments.set(client, (segments = []));
        segments.push(segment);
      }
      segment.push(entry);
    }
  }

  /** The newest struct of the batch holding `id` (skips do not hold anything), or null. */
  find(id: Y.ID): Pending | null {
    const list = this.segments.get(id.client);
    if (!list) return null;
    for (let i = list.length - 1; i >= 0; i--) {
      const entry = findInSegment(list[i]!, id.clock);
      if (entry && !(entry.struct instanceof Y.Skip)) return entry;
    }
    return null;
  }
}

/** Binary search of a segment (contiguous clocks, ascending) for the struct holding `clock`. */
function findInSegment(segment: Segment, clock: number): Pending | null {
  let low = 0;
  let high = segment.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const { struct } = segment[mid]!;
    if (clock < struct.id.clock) high = mid - 1;
    else if (clock >= struct.id.clock + struct.length) low = mid + 1;
    else return segment[mid]!;
  }
  return null;
}

/** The ids an item's place depends on. */
export function dependencies(item: Y.Item): Y.ID[] {
  const ids: Y.ID[] = [];
  if (item.parent instanceof Y.ID) ids.push(item.parent);
  if (item.origin) ids.push(item.origin);
  if (item.rightOrigin) ids.push(item.rightOrigin);
  return ids;
}
