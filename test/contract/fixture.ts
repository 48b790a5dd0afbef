import { afterEach, beforeEach } from 'vitest';
import type { Stores } from '../../server/store/ports.ts';
import type { RawWorkflow } from '../helpers/rawWorkflow.ts';

/** A fresh set of stores for one test, and how to dispose of it. */
export interface StoreFixture {
  stores: Stores;
  /** The same adapter's workflow data past its port: legacy rows, and an attacker's edits. */
  raw: RawWorkflow;
  cleanup(): Promise<void>;
}

/** Builds an empty set of stores of one adapter (memory, sqlite, redis, …). */
export type MakeStores = () => Promise<StoreFixture>;

/** Gives every test of the enclosing describe its own empty stores. */
export function useFreshStores(makeStores: MakeStores): () => Stores {
  return useFreshFixture(makeStores).stores;
}

/** Like useFreshStores, with the raw access to the same adapter. */
export function useFreshFixture(makeStores: MakeStores): { stores: () => Stores; raw: () => RawWorkflow } {
  let fixture: StoreFixture | null = null;
  beforeEach(async () => {
    fixture = await makeStores();
  });
  afterEach(async () => {
    const done = fixture;
    fixture = null;
    await done?.cleanup();
  });
  const current = () => {
    if (!fixture) throw new Error('stores are only available inside a test');
    return fixture;
  };
  return { stores: () => current().stores, raw: () => current().raw };
}

/** Resolves after the current event-loop turn, so later calls land in another batch. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** `length` bytes, each derived from `seed`, so every update is distinguishable. */
export function bytes(seed: number, length = 8): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (seed * 31 + i * 7) & 0xff);
}
