import { describe, expect, it } from 'vitest';
import { QUALIFIER_OPTIONS, isQualifierCode, qualifierDifference } from '../../shared/qualifiers.ts';
import { localDate, weekOfSickness } from '../../shared/sickness.ts';
import { templateSections } from '../../shared/template/index.ts';
import { TEMPLATE_V1 } from '../../shared/template/shipped.ts';

describe('assessment template v1', () => {
  const template = TEMPLATE_V1;
  const sections = templateSections(template);

  it('is the current version and has the 24 sections of the BAR template in 8 groups', () => {
    expect(template.version).toBe(1);
    expect(template.groups).toHaveLength(8);
    expect(sections).toHaveLength(24);
  });

  it('has unique section and group ids that are valid Y.XmlFragment names', () => {
    const ids = sections.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    const groups = template.groups.map((g) => g.id);
    expect(new Set(groups).size).toBe(groups.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9-]+$/);
    // The qualifiers map shares the document's root namespace.
    expect(ids).not.toContain('qualifiers');
  });

  it('codes every coded section in valid ICF form, with the scale its component needs', () => {
    for (const section of sections) {
      if (section.icf === null) {
        expect(section.qualifierScale).toBe('none');
        continue;
      }
      expect(section.icf).toMatch(/^[bdes]\d{3,5}$/);
      expect(section.qualifierScale).toBe(section.icf.startsWith('e') ? 'icf-e' : 'icf-d');
    }
    expect(sections.filter((s) => s.icf !== null)).toHaveLength(19);
  });

  it('labels every group and section in Dutch and English', () => {
    for (const item of [...template.groups, ...sections]) {
      expect(item.label.nl.trim()).not.toBe('');
      expect(item.label.en.trim()).not.toBe('');
    }
    expect(sections.find((s) => s.id === 'd240')!.label.nl).toBe('Omgaan met stress en andere psychische eisen');
  });
});

describe('week of sickness', () => {
  it.each([
    ['2026-03-02', '2026-03-02', 1],
    ['2026-03-02', '2026-03-08', 1],
    ['2026-03-02', '2026-03-09', 2],
    ['2026-03-02', '2026-11-15', 37],
    ['2026-03-02', '2026-11-16', 38],
    ['2024-11-25', '2026-11-22', 104],
  ])('first sick day %s, today %s -> week %i', (first, today, week) => {
    expect(weekOfSickness(first, today)).toBe(week);
  });

  it('is not defined before the first sick day', () => {
    expect(weekOfSickness('2026-03-02', '2026-03-01')).toBeNull();
  });

  it('counts calendar days across daylight-saving changes', () => {
    // The Netherlands switches to summer time on 2026-03-29.
    expect(weekOfSickness('2026-03-23', '2026-03-30')).toBe(2);
    expect(weekOfSickness('2026-10-19', '2026-10-26')).toBe(2);
  });

  it('uses the local calendar date', () => {
    expect(localDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});

describe('qualifier difference rule', () => {
  it.each([
    [null, '2', 'none'],
    ['2', undefined, 'none'],
    ['2', '2', 'none'],
    ['+1', '+1', 'none'],
    ['2', '3', 'minor'],
    ['1', '0', 'minor'],
    ['+2', '+3', 'minor'],
    ['1', '3', 'major'],
    ['0', '4', 'major'],
    ['2', '+2', 'major'],
    ['0', '+0', 'major'],
    ['8', '2', 'major'],
    ['9', '8', 'major'],
  ] as const)('%s vs %s -> %s', (a, b, expected) => {
    expect(qualifierDifference(a, b)).toBe(expected);
    expect(qualifierDifference(b, a)).toBe(expected);
  });

  it('knows the codes of each scale, with Dutch and English labels', () => {
    expect(QUALIFIER_OPTIONS['icf-d'].map((o) => o.code)).toEqual(['0', '1', '2', '3', '4', '8', '9']);
    expect(isQualifierCode('icf-e', '+3')).toBe(true);
    expect(isQualifierCode('icf-d', '+3')).toBe(false);
    for (const options of Object.values(QUALIFIER_OPTIONS)) {
      for (const option of options) expect(option.label.nl && option.label.en).toBeTruthy();
    }
    expect(QUALIFIER_OPTIONS['icf-d'][2]!.label.nl).toBe('2 matig probleem (25–49%)');
  });
});
