import { describe, expect, expectTypeOf, it } from 'vitest';
import { DuplicateError, type NewVersion, type VersionMeta, type VersionStates, type VersionStore } from '../../server/store/ports.ts';
import { bytes, useFreshStores, type MakeStores } from './fixture.ts';

const ba = { userId: 'u-ba', name: 'Anna Bakker' };
const at = (minute: number) => new Date(Date.UTC(2026, 2, 16, 9, minute)).toISOString();

/** Every byte value, and a length past a page, so that no adapter gets away with text or truncation. */
function states(seed: number, length = 5000): VersionStates {
  return { occupational: bytes(seed, length), insurance: bytes(seed + 1, length), joint: bytes(seed + 2, 16) };
}

function version(id: string, { caseId = 'c1', minute = 0, seed = 1 } = {}): NewVersion {
  return { id, caseId, at: at(minute), week: 3, label: `Versie ${id}`, reason: 'manual', by: ba, states: states(seed) };
}

function milestone(id: string, week: number, caseId = 'c1'): NewVersion {
  return { ...version(id, { caseId, minute: 30 }), week, reason: 'milestone', milestone: week, label: `Week ${week}` };
}

const metaOf = ({ states: _states, ...meta }: NewVersion): VersionMeta => meta;

/** The VersionStore rules every adapter keeps. */
export function versionStoreContract(name: string, makeStores: MakeStores): void {
  describe(`VersionStore contract: ${name}`, () => {
    const stores = useFreshStores(makeStores);
    const versions = () => stores().versions;

    it('a version reads back with its meta and byte-identical states', async () => {
      const v = version('v1');
      expect(await versions().add(v)).toEqual(metaOf(v));
      const stored = await versions().get('c1', 'v1');
      expect(stored).toEqual(v);
      expect(stored?.states.occupational).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(stored!.states.insurance).equals(Buffer.from(v.states.insurance))).toBe(true);
    });

    it('an automatic version without a user and a milestone version read back as stored', async () => {
      const automatic: NewVersion = { ...version('v1'), reason: 'agreement', by: null };
      await versions().add(automatic);
      await versions().add(milestone('v2', 6));
      expect(await versions().get('c1', 'v1')).toEqual(automatic);
      expect(await versions().get('c1', 'v2')).toEqual(milestone('v2', 6));
      expect((await versions().get('c1', 'v1'))?.milestone).toBeUndefined();
    });

    it('empty states are kept as empty arrays', async () => {
      const v = { ...version('v1'), states: { occupational: new Uint8Array(0), insurance: new Uint8Array(0), joint: new Uint8Array(0) } };
      await versions().add(v);
      expect(await versions().get('c1', 'v1')).toEqual(v);
    });

    it('lists a case’s versions newest first, the later stored first at the same instant, with meta only', async () => {
      await versions().add(version('early', { minute: 1 }));
      await versions().add(version('late', { minute: 20 }));
      await versions().add(version('same-a', { minute: 10 }));
      await versions().add(version('same-b', { minute: 10 }));
      await versions().add(version('other', { caseId: 'c2', minute: 5 }));
      const list = await versions().list('c1');
      expect(list.map((v) => v.id)).toEqual(['late', 'same-b', 'same-a', 'early']);
      expect(list[0]).toEqual(metaOf(version('late', { minute: 20 })));
      for (const meta of list) expect(meta).not.toHaveProperty('states');
      expect(await versions().list('c3')).toEqual([]);
    });

    it('a version is not found through another case, nor an unknown id', async () => {
      await versions().add(version('v1'));
      expect(await versions().get('c2', 'v1')).toBeNull();
      expect(await versions().get('c1', 'nope')).toBeNull();
      expect(await versions().list('c2')).toEqual([]);
    });

    it('a taken id is refused with DuplicateError, in the same case or another, and the first version stays', async () => {
      await versions().add(version('v1'));
      for (const again of [version('v1', { seed: 9 }), version('v1', { caseId: 'c2', seed: 9 })]) {
        const error = await versions()
          .add(again)
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DuplicateError);
      }
      expect(await versions().get('c1', 'v1')).toEqual(version('v1'));
      expect(await versions().get('c2', 'v1')).toBeNull();
      expect((await versions().list('c1')).map((v) => v.id)).toEqual(['v1']);
    });

    it('a time that is not an ISO UTC timestamp is refused, storing nothing', async () => {
      for (const bad of ['2026-03-16 09:00', '2026-03-16T10:00:00+01:00', 'yesterday']) {
        await expect(versions().add({ ...version('v1'), at: bad })).rejects.toThrow(RangeError);
      }
      expect(await versions().list('c1')).toEqual([]);
    });

    it('a version never changes: neither the arrays passed in nor those read out reach what is stored', async () => {
      const v = version('v1');
      const passed = { ...v, states: { occupational: v.states.occupational.slice(), insurance: v.states.insurance.slice(), joint: v.states.joint.slice() } };
      const adding = versions().add(passed);
      // Changed while the add is under way, and after it.
      passed.states.occupational.fill(0);
      await adding;
      passed.states.joint.fill(0);
      const read = await versions().get('c1', 'v1');
      read!.states.insurance.fill(0);
      expect(await versions().get('c1', 'v1')).toEqual(v);
    });

    it('offers no method that changes or removes a version', () => {
      expectTypeOf<keyof VersionStore>().toEqualTypeOf<'add' | 'addOnce' | 'list' | 'get'>();
      for (const method of ['update', 'delete', 'remove', 'set', 'replace']) expect(method in versions()).toBe(false);
    });

    it('addOnce with one key stores one version even when the calls race', async () => {
      const results = await Promise.all([versions().addOnce('milestone:6', milestone('a', 6)), versions().addOnce('milestone:6', milestone('b', 6))]);
      expect(results.map((r) => r.created).sort()).toEqual([false, true]);
      const winner = results.find((r) => r.created)!.version;
      for (const result of results) expect(result.version).toEqual(winner);
      expect(await versions().list('c1')).toEqual([winner]);
      expect(await versions().get('c1', winner.id === 'a' ? 'b' : 'a')).toBeNull();
    });

    it('addOnce later with a taken key returns the stored version and stores nothing', async () => {
      const first = await versions().addOnce('milestone:6', milestone('a', 6));
      expect(first).toEqual({ version: metaOf(milestone('a', 6)), created: true });
      expect(await versions().addOnce('milestone:6', milestone('b', 6))).toEqual({ version: metaOf(milestone('a', 6)), created: false });
      expect(await versions().get('c1', 'a')).toEqual(milestone('a', 6));
      expect((await versions().list('c1')).map((v) => v.id)).toEqual(['a']);
    });

    it('addOnce keys are per case, and other keys and plain adds are independent', async () => {
      await versions().addOnce('milestone:6', milestone('a', 6));
      expect((await versions().addOnce('milestone:6', milestone('b', 6, 'c2'))).created).toBe(true);
      expect((await versions().addOnce('milestone:8', milestone('c', 8))).created).toBe(true);
      await versions().add(milestone('d', 6));
      expect((await versions().list('c1')).map((v) => v.id).sort()).toEqual(['a', 'c', 'd']);
      expect((await versions().list('c2')).map((v) => v.id)).toEqual(['b']);
    });

    it('addOnce with a new key and a taken id is refused with DuplicateError, and the key stays free', async () => {
      await versions().add(version('v1'));
      await expect(versions().addOnce('milestone:6', milestone('v1', 6))).rejects.toBeInstanceOf(DuplicateError);
      expect((await versions().addOnce('milestone:6', milestone('v2', 6))).created).toBe(true);
    });
  });
}
