import type { Awareness } from 'y-protocols/awareness';
import type { AwarenessEntry } from './awarenessGuard.ts';

/**
 * Applies the states the AwarenessGuard let through, exactly as y-protocols'
 * `applyAwarenessUpdate` applies their encoding, but without decoding and
 * parsing them a second time (the guard has them parsed already). It emits
 * `update`, which the relay listens to. It does not emit `change`: that
 * event exists for the deep comparison of states, and nothing on the server
 * listens to it.
 */
export function applyAwarenessEntries(awareness: Awareness, entries: AwarenessEntry[], origin: unknown): void {
  const timestamp = Date.now();
  const added: number[] = [];
  const updated: number[] = [];
  const removed: number[] = [];
  for (const { clientId, clock, state } of entries) {
    const meta = awareness.meta.get(clientId);
    const current = meta === undefined ? 0 : meta.clock;
    if (!(current < clock || (current === clock && state === null && awareness.states.has(clientId)))) continue;
    // The server's own awareness client never has a state (SharedDocument sets it to null), so a removal always removes.
    if (state === null) awareness.states.delete(clientId);
    else awareness.states.set(clientId, state);
    awareness.meta.set(clientId, { clock, lastUpdated: timestamp });
    if (meta === undefined && state !== null) added.push(clientId);
    else if (meta !== undefined && state === null) removed.push(clientId);
    else if (state !== null) updated.push(clientId);
  }
  if (added.length > 0 || updated.length > 0 || removed.length > 0) awareness.emit('update', [{ added, updated, removed }, origin]);
}
