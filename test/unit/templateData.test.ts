import { describe, expect, it } from 'vitest';
import { QUALIFIER_OPTIONS } from '../../shared/qualifiers.ts';
import { checkTemplate } from '../../shared/template/schema.ts';
import { templateSections, type AssessmentTemplate } from '../../shared/template/index.ts';
import { TEMPLATE_V1 } from '../../shared/template/shipped.ts';
import { apply, initialWorkflow, replay } from '../../shared/workflow/index.ts';
import { createMemoryStores } from '../../server/store/memory/index.ts';
import { findTemplate, importTemplate, InvalidStoredTemplateError, listTemplates, newestTemplate } from '../../server/templates/catalog.ts';

/** The ids of the shipped v1, as the external contract fixes them (documents name their parts by them). */
const V1_GROUPS = ['persoonlijk', 'sociaal', 'omgeving', 'dynamisch', 'statisch', 'werktijden', 'werk', 'context'];
const V1_SECTIONS = [
  'd160',
  'd175',
  'd220',
  'd230',
  'd240',
  'd350',
  'd720',
  'd740',
  'e225',
  'e240',
  'e250',
  'd430',
  'd440',
  'd445',
  'd450',
  'd4751',
  'd4153',
  'd4154',
  'werktijden',
  'd850',
  'werkfactoren',
  'persoonlijke-factoren',
  'prognose',
  'visie-werknemer',
];

const copy = (): AssessmentTemplate => structuredClone(TEMPLATE_V1);
const problemsOf = (value: unknown) => {
  const check = checkTemplate(value);
  return check.ok ? [] : check.problems;
};

describe('the shipped v1', () => {
  it('keeps its group and section ids, in order', () => {
    expect(TEMPLATE_V1.groups.map((group) => group.id)).toEqual(V1_GROUPS);
    expect(templateSections(TEMPLATE_V1).map((section) => section.id)).toEqual(V1_SECTIONS);
  });

  it('has a definition in Dutch and English at every section', () => {
    for (const section of templateSections(TEMPLATE_V1)) {
      expect(section.definition.nl.length, section.id).toBeGreaterThan(40);
      expect(section.definition.en.length, section.id).toBeGreaterThan(40);
      if (section.icf) expect(section.definition.nl, section.id).toContain(section.icf);
    }
  });
});

describe('template file validation', () => {
  it('accepts the shipped v1 as a file', () => {
    expect(checkTemplate(JSON.parse(JSON.stringify(TEMPLATE_V1)))).toEqual({ ok: true, template: TEMPLATE_V1 });
  });

  it.each([
    ['version', (t: AssessmentTemplate) => ((t as { version: unknown }).version = '2'), 'version:'],
    ['version, a fraction', (t: AssessmentTemplate) => (t.version = 1.5), 'version: a whole number'],
    ['name', (t: AssessmentTemplate) => (t.name = ''), 'name: must not be empty'],
    ['groups', (t: AssessmentTemplate) => (t.groups = []), 'groups: at least one group'],
    ['group id', (t: AssessmentTemplate) => (t.groups[1]!.id = 'Sociaal Functioneren'), 'groups.1.id: not an id'],
    ['group label', (t: AssessmentTemplate) => delete (t.groups[1]!.label as Partial<AssessmentTemplate['groups'][0]['label']>).en, 'groups.1.label.en:'],
    ['group without sections', (t: AssessmentTemplate) => (t.groups[1]!.sections = []), 'groups.1.sections: at least one section'],
    ['section id', (t: AssessmentTemplate) => (t.groups[0]!.sections[1]!.id = 'd175!'), 'groups.0.sections.1.id: not an id'],
    ['section id reserved', (t: AssessmentTemplate) => (t.groups[0]!.sections[1]!.id = 'qualifiers'), 'groups.0.sections.1.id: a name the documents reserve'],
    ['icf', (t: AssessmentTemplate) => (t.groups[0]!.sections[0]!.icf = 'D160'), 'groups.0.sections.0.icf: not an ICF code'],
    ['label', (t: AssessmentTemplate) => (t.groups[0]!.sections[0]!.label.nl = '  '), 'groups.0.sections.0.label.nl: must not be empty'],
    [
      'definition',
      (t: AssessmentTemplate) => (t.groups[0]!.sections[0]!.definition.en = 'x'.repeat(2001)),
      'groups.0.sections.0.definition.en: at most 2000 characters',
    ],
    [
      'unknown scale',
      (t: AssessmentTemplate) => ((t.groups[0]!.sections[0] as { qualifierScale: string }).qualifierScale = 'activity'),
      'groups.0.sections.0.qualifierScale: one of icf-d, icf-e, none',
    ],
    [
      'scale of another component',
      (t: AssessmentTemplate) => (t.groups[2]!.sections[0]!.qualifierScale = 'icf-d'),
      'groups.2.sections.0.qualifierScale: e225 takes the scale icf-e or none',
    ],
    [
      'graded scale without a code',
      (t: AssessmentTemplate) => (t.groups[5]!.sections[0]!.qualifierScale = 'icf-d'),
      'groups.5.sections.0.qualifierScale: a section without an ICF code takes the scale none',
    ],
    ['fml item', (t: AssessmentTemplate) => (t.groups[0]!.sections[0]!.fml = ['I.1', 'i.2']), 'groups.0.sections.0.fml.1: not an FML item'],
    [
      'unknown field',
      (t: AssessmentTemplate) => ((t.groups[0]!.sections[0] as unknown as Record<string, unknown>).scale = 'activity'),
      'groups.0.sections.0: Unrecognized key: "scale"',
    ],
  ])('names the field: %s', (_name, change, expected) => {
    const template = copy();
    change(template);
    expect(problemsOf(template).join('\n')).toContain(expected);
  });

  it('refuses duplicate section ids across groups and duplicate group ids, in the same answer as other problems', () => {
    const template = copy();
    template.groups[3]!.sections[0]!.id = 'd240';
    template.groups[4]!.id = 'sociaal';
    template.name = '';
    expect(problemsOf(template)).toEqual(
      expect.arrayContaining([
        'name: must not be empty',
        'groups.3.sections.0.id: duplicate id "d240" (first at groups.0.sections.4.id)',
        'groups.4.id: duplicate id "sociaal" (first at groups.1.id)',
      ]),
    );
  });

  it('lets a group and a section share an id (v1 has "werktijden" as both)', () => {
    expect(problemsOf(copy())).toEqual([]);
  });

  it('names something that is not a template at all', () => {
    expect(problemsOf(null)).toEqual(['(file): Invalid input: expected object, received null']);
    expect(problemsOf([])[0]).toMatch(/^\(file\):/);
  });
});

describe('the template catalog', () => {
  const v2 = (): AssessmentTemplate => ({ ...copy(), version: 2, name: 'BAR 2' });

  it('knows the shipped versions without an import, and an imported one after it', async () => {
    const { templates } = createMemoryStores();
    expect(await findTemplate(templates, 1)).toBe(TEMPLATE_V1);
    expect(await findTemplate(templates, 2)).toBeNull();
    expect((await newestTemplate(templates)).version).toBe(1);
    expect(await importTemplate(templates, v2())).toEqual({ ok: true, template: v2() });
    expect(await findTemplate(templates, 2)).toEqual(v2());
    expect((await newestTemplate(templates)).version).toBe(2);
    expect(await listTemplates(templates)).toEqual([
      { version: 1, name: TEMPLATE_V1.name, sectionCount: 24 },
      { version: 2, name: 'BAR 2', sectionCount: 24 },
    ]);
  });

  it('refuses an invalid file or a version that exists (shipped or imported), storing nothing', async () => {
    const { templates } = createMemoryStores();
    expect(await importTemplate(templates, { ...v2(), groups: [] })).toEqual({ ok: false, problems: ['groups: at least one group'] });
    expect(await importTemplate(templates, copy())).toMatchObject({ ok: false, problems: [expect.stringMatching(/^version: 1 exists/)] });
    expect(await templates.versions()).toEqual([]);
    await importTemplate(templates, v2());
    expect(await importTemplate(templates, { ...v2(), name: 'Anders' })).toMatchObject({ ok: false, problems: [expect.stringMatching(/^version: 2 exists/)] });
    expect((await findTemplate(templates, 2))!.name).toBe('BAR 2');
  });

  it('checks a stored version again when it reads it', async () => {
    const { templates } = createMemoryStores();
    await templates.add({ ...v2(), groups: [] }, '2026-12-03T10:00:00.000Z');
    await expect(findTemplate(templates, 2)).rejects.toBeInstanceOf(InvalidStoredTemplateError);
  });
});

describe('template.migrated in the workflow', () => {
  const operator = { userId: 'admin-cli', name: 'Beheerder', role: 'operator' as const };

  it('carries sections over by id, opens the new ones and drops those without a place', () => {
    const ids = templateSections(TEMPLATE_V1).map((section) => section.id);
    const flagged = apply(initialWorkflow(ids), {
      seq: 1,
      at: '2026-12-03T10:00:00.000Z',
      actor: { userId: 'u-ba', name: 'BA', role: 'ba' },
      event: { type: 'disagreement.flagged', section: 'd240', rationale: 'Anders gezien', kind: 'hours', positions: { ba: '4 uur', va: '8 uur' } },
    });
    const event = { type: 'template.migrated' as const, from: 1, to: 2, added: ['d155'], unplaced: ['d175'] };
    const moved = apply(flagged, { seq: 2, at: '2026-12-03T11:00:00.000Z', actor: operator, event });
    expect(Object.keys(moved.sections)).toContain('d155');
    expect(moved.sections.d175).toBeUndefined();
    expect(moved.sections.d155!.status).toBe('open');
    expect(moved.sections.d240).toEqual(flagged.sections.d240);
    expect(moved.seq).toBe(2);
    expect(replay(ids, [{ seq: 2, at: '2026-12-03T11:00:00.000Z', actor: operator, event }]).sections.d155).toBeDefined();
  });
});

describe('what each qualifier level means for work', () => {
  it('is written for every level of both scales, in Dutch and English', () => {
    for (const options of Object.values(QUALIFIER_OPTIONS)) {
      for (const option of options) {
        expect(option.work.nl.length, option.code).toBeGreaterThan(20);
        expect(option.work.en.length, option.code).toBeGreaterThan(20);
      }
    }
  });
});
