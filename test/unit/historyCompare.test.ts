import { describe, expect, it } from 'vitest';
import { byWeek, compareVersions, defaultPair, inOrder } from '../../client/src/features/history/compare.ts';
import type { VersionDetail, VersionSummary } from '../../shared/record/api.ts';
import { partContent, type SectionContent } from '../../shared/record/types.ts';

function section(occupational: string, code: string | null = null, joint = ''): SectionContent {
  return { occupational: partContent(occupational, code), insurance: partContent('', null), joint: partContent(joint, null) };
}

function version(id: string, sections: Record<string, SectionContent>): VersionDetail {
  return { id, at: '2026-03-01T10:00:00.000Z', week: 3, label: id, reason: 'manual', sections };
}

function summary(id: string, week: number): VersionSummary {
  return { id, at: '2026-03-01T10:00:00.000Z', week, label: id, reason: 'manual', by: null };
}

describe('compareVersions', () => {
  it('marks added words per text and a changed qualifier, and finds an unchanged section unchanged', () => {
    const older = version('a', { d240: section('Kan 4 uur werken.', '2'), d430: section('Tillen tot 5 kg.') });
    const newer = version('b', { d240: section('Kan 4 uur per dag werken.', '3'), d430: section('Tillen tot 5 kg.') });
    const [d240, d430] = compareVersions(older, newer, ['d240', 'd430']);
    expect(d240?.changed).toBe(true);
    const occupational = d240?.parts.find((p) => p.part === 'occupational');
    expect(occupational?.diff.filter((d) => d.kind === 'added').map((d) => d.text)).toEqual(['per dag ']);
    expect(occupational?.qualifier).toEqual({ from: '2', to: '3' });
    expect(d240?.parts.map((p) => p.part)).toEqual(['occupational', 'insurance', 'joint']);
    expect(d240?.parts.filter((p) => p.textChanged).map((p) => p.part)).toEqual(['occupational']);
    expect(d430?.changed).toBe(false);
  });

  it('finds a "niet beoordeeld" mark set, its reason changed or cleared, apart from the text', () => {
    const marked = (reason: string | null): SectionContent => ({
      ...section(''),
      insurance: partContent('', null, reason === null ? null : { reason }),
    });
    const [set] = compareVersions(version('a', { d240: marked(null) }), version('b', { d240: marked('') }), ['d240']);
    const insurance = set?.parts.find((p) => p.part === 'insurance');
    expect([set?.changed, insurance?.textChanged, insurance?.notAssessed]).toEqual([true, false, { from: null, to: { reason: '' } }]);
    const [reason] = compareVersions(version('a', { d240: marked('') }), version('b', { d240: marked('Niet relevant') }), ['d240']);
    expect(reason?.parts.find((p) => p.part === 'insurance')?.notAssessed).toEqual({ from: { reason: '' }, to: { reason: 'Niet relevant' } });
    const [same] = compareVersions(version('a', { d240: marked('x') }), version('b', { d240: marked('x') }), ['d240']);
    expect(same?.changed).toBe(false);
  });

  it('reads a section missing from a version as empty', () => {
    const [d240] = compareVersions(version('a', {}), version('b', { d240: section('', null, 'Samen') }), ['d240']);
    expect(d240?.changed).toBe(true);
    expect(d240?.parts.find((p) => p.part === 'joint')?.diff).toEqual([{ kind: 'added', text: 'Samen' }]);
  });
});

describe('picking versions', () => {
  const versions = [summary('v3', 5), summary('v2', 5), summary('v1', 2)];

  it('compares the previous with the newest at first, and needs two', () => {
    expect(defaultPair(versions)).toEqual({ from: 'v2', to: 'v3' });
    expect(defaultPair(versions.slice(0, 1))).toBeNull();
  });

  it('reads from older to newer whichever way round they were picked', () => {
    expect(inOrder(versions, 'v3', 'v1')).toEqual({ older: 'v1', newer: 'v3' });
    expect(inOrder(versions, 'v1', 'v2')).toEqual({ older: 'v1', newer: 'v2' });
  });

  it('groups the versions by week of sickness, newest first', () => {
    expect(byWeek(versions).map((g) => [g.week, g.versions.map((v) => v.id)])).toEqual([
      [5, ['v3', 'v2']],
      [2, ['v1']],
    ]);
  });
});
