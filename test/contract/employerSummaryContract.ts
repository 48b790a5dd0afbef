import { describe, expect, expectTypeOf, it } from 'vitest';
import type { EmployerSummaryStore, NewSummaryRelease, StoredSummaryDraft } from '../../server/store/ports.ts';
import { useFreshStores, type MakeStores } from './fixture.ts';

const ba = { userId: 'u-ba', name: 'Anna Bakker' };
const at = (minute: number) => new Date(Date.UTC(2026, 2, 16, 9, minute)).toISOString();

function draft(sections: Record<string, string>, { caseId = 'c1', minute = 0 } = {}): StoredSummaryDraft {
  return { caseId, sections, updatedAt: at(minute), updatedBy: ba };
}

function release(sections: Record<string, string>, { caseId = 'c1', minute = 0 } = {}): NewSummaryRelease {
  return { caseId, sections, releasedAt: at(minute), releasedBy: ba };
}

/** Text no adapter may bend: quotes, new lines, non-Latin scripts, JSON and Lua look-alikes. */
const AWKWARD = 'Regel één\n"Citaat" \\ {"json": true} ]] -- Łódź Ελλάδα\t😀';

/** The EmployerSummaryStore rules every adapter keeps. */
export function employerSummaryContract(name: string, makeStores: MakeStores): void {
  describe(`EmployerSummaryStore contract: ${name}`, () => {
    const stores = useFreshStores(makeStores);
    const summaries = () => stores().employerSummaries;

    it('has no draft and no release before the first save', async () => {
      expect(await summaries().getDraft('c1')).toBeNull();
      expect(await summaries().latestRelease('c1')).toBeNull();
      expect(await summaries().listReleases('c1')).toEqual([]);
    });

    it('a saved draft reads back exactly, and a later save replaces it as a whole', async () => {
      await summaries().saveDraft(draft({ d240: AWKWARD, d430: 'Tillen tot 10 kg.' }));
      expect(await summaries().getDraft('c1')).toEqual(draft({ d240: AWKWARD, d430: 'Tillen tot 10 kg.' }));
      await summaries().saveDraft(draft({ d430: 'Tillen tot 5 kg.' }, { minute: 5 }));
      expect(await summaries().getDraft('c1')).toEqual(draft({ d430: 'Tillen tot 5 kg.' }, { minute: 5 }));
      expect(await summaries().getDraft('c2')).toBeNull();
    });

    it('releases are numbered 1, 2, … per case', async () => {
      expect(await summaries().release(release({ d240: 'een' }))).toEqual({ ...release({ d240: 'een' }), version: 1 });
      expect((await summaries().release(release({ d240: 'twee' }, { minute: 1 }))).version).toBe(2);
      expect((await summaries().release(release({ d240: 'ander' }, { caseId: 'c2' }))).version).toBe(1);
      expect(await summaries().listReleases('c1')).toEqual([
        { caseId: 'c1', version: 1, releasedAt: at(0), releasedBy: ba },
        { caseId: 'c1', version: 2, releasedAt: at(1), releasedBy: ba },
      ]);
      expect(await summaries().latestRelease('c1')).toEqual({ ...release({ d240: 'twee' }, { minute: 1 }), version: 2 });
    });

    it('a release never changes: not when the draft changes, nor through the objects passed in or read out', async () => {
      const sections = { d240: AWKWARD };
      await summaries().saveDraft(draft(sections));
      const releasing = summaries().release(release(sections));
      sections.d240 = 'changed while releasing';
      await releasing;
      await summaries().saveDraft(draft({ d240: 'Nieuwe tekst na de release.' }, { minute: 9 }));
      const read = await summaries().latestRelease('c1');
      read!.sections.d240 = 'changed after reading';
      expect(await summaries().latestRelease('c1')).toEqual({ ...release({ d240: AWKWARD }), version: 1 });
      expect((await summaries().getDraft('c1'))?.sections).toEqual({ d240: 'Nieuwe tekst na de release.' });
    });

    it('parallel releases of one case get distinct numbers, without gaps', async () => {
      const released = await Promise.all([1, 2, 3, 4, 5].map((n) => summaries().release(release({ d240: `versie ${n}` }, { minute: n }))));
      expect(released.map((r) => r.version).sort()).toEqual([1, 2, 3, 4, 5]);
      const listed = await summaries().listReleases('c1');
      expect(listed.map((r) => r.version)).toEqual([1, 2, 3, 4, 5]);
      // Each number holds the release it was given.
      for (const r of released) expect(listed[r.version - 1]?.releasedAt).toBe(r.releasedAt);
      expect((await summaries().latestRelease('c1'))?.version).toBe(5);
    });

    it('offers no method that changes or removes a release', () => {
      expectTypeOf<keyof EmployerSummaryStore>().toEqualTypeOf<'saveDraft' | 'getDraft' | 'release' | 'listReleases' | 'latestRelease'>();
      for (const method of ['updateRelease', 'deleteRelease', 'delete', 'remove', 'replace']) expect(method in summaries()).toBe(false);
    });
  });
}
