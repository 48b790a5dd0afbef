import { useEffect, useState } from 'react';
import type { CollabDoc } from './useCollabDoc.ts';

/**
 * One key of a document's root map, live: a section's qualifier, its
 * "niet beoordeeld" mark. `parse` reads the stored value (null: none or not
 * of the expected shape) and must be a stable function. Writing (a string
 * sets, null deletes) happens only on a read-write connection; the relay
 * refuses it anywhere else.
 */
export function useRootMapEntry<T>(
  collab: CollabDoc | null,
  mapName: string,
  key: string,
  parse: (stored: unknown) => T | null,
): [T | null, (value: string | null) => void] {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    if (!collab) return;
    const map = collab.doc.getMap<unknown>(mapName);
    const read = () => setValue(parse(map.get(key)));
    read();
    map.observe(read);
    return () => map.unobserve(read);
  }, [collab, mapName, key, parse]);
  const set = (next: string | null) => {
    if (!collab || collab.access !== 'rw') return;
    const map = collab.doc.getMap<unknown>(mapName);
    if (next === null) map.delete(key);
    else map.set(key, next);
  };
  return [value, set];
}
