import { useSyncExternalStore } from 'react';
import type { TextRange } from './anchors.ts';

/**
 * Where each thread's text is in the editor that shows it, as that editor last
 * reported it: a range, or null once the text is gone (detached). A thread
 * whose editor has not reported (not shown, or not yet synced) is unknown.
 */
export class RangeStore {
  private readonly ranges = new Map<string, TextRange | null>();
  private readonly listeners = new Set<() => void>();
  private version = 0;

  get(threadId: string): TextRange | null | undefined {
    return this.ranges.get(threadId);
  }

  report(ranges: ReadonlyMap<string, TextRange | null>): void {
    let changed = false;
    for (const [id, range] of ranges) {
      const known = this.ranges.get(id);
      if (known !== undefined && sameRange(known, range)) continue;
      this.ranges.set(id, range);
      changed = true;
    }
    if (!changed) return;
    this.version++;
    for (const listener of this.listeners) listener();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getVersion = (): number => this.version;
}

function sameRange(a: TextRange | null, b: TextRange | null): boolean {
  return a === b || (a !== null && b !== null && a.from === b.from && a.to === b.to);
}

/** Re-renders the caller whenever a reported range changes. */
export function useRanges(store: RangeStore): RangeStore {
  useSyncExternalStore(store.subscribe, store.getVersion);
  return store;
}
