import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { applyAwarenessEntries } from '../../server/collab/awarenessApply.ts';
import type { AwarenessEntry } from '../../server/collab/awarenessGuard.ts';

function encode(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}

function serverAwareness() {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.setLocalState(null);
  const events: unknown[] = [];
  awareness.on('update', (change: unknown, origin: unknown) => events.push([change, origin]));
  return { awareness, events };
}

/** The clocks of the peers' client ids (the server's own id is random per document). */
const clocks = (awareness: awarenessProtocol.Awareness) =>
  [...awareness.meta].filter(([id]) => id !== awareness.clientID).map(([id, meta]) => [id, meta.clock]);

const caret = (anchor: number) => ({ user: { id: 'u1', name: 'Anna Bakker', role: 'ba' }, cursor: { anchor, head: anchor } });

describe('applying the awareness states the guard let through', () => {
  it('leaves the states, clocks and update events exactly as y-protocols would from their encoding', () => {
    const messages: AwarenessEntry[][] = [
      [{ clientId: 7, clock: 1, state: caret(1) }],
      [
        { clientId: 7, clock: 2, state: caret(2) },
        { clientId: 8, clock: 1, state: caret(5) },
      ],
      // Not newer: ignored.
      [{ clientId: 7, clock: 1, state: caret(9) }],
      // The same state again at a newer clock: still an update.
      [{ clientId: 8, clock: 2, state: caret(5) }],
      // A removal at the same clock removes; a later one for an id without state does nothing.
      [{ clientId: 7, clock: 2, state: null }],
      [{ clientId: 7, clock: 3, state: null }],
      [{ clientId: 9, clock: 4, state: null }],
    ];
    const direct = serverAwareness();
    const stock = serverAwareness();
    for (const entries of messages) {
      applyAwarenessEntries(direct.awareness, entries, 'peer');
      awarenessProtocol.applyAwarenessUpdate(stock.awareness, encode(entries), 'peer');
      expect(direct.awareness.getStates()).toEqual(stock.awareness.getStates());
      expect(clocks(direct.awareness)).toEqual(clocks(stock.awareness));
    }
    expect(direct.events).toEqual(stock.events);
    expect(direct.events.length).toBe(5);
    direct.awareness.destroy();
    stock.awareness.destroy();
  });
});
