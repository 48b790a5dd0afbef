import { z } from 'zod';
import { MAX_SECTION_ID_CHARS } from '../limits.ts';
import { QUALIFIERS_MAP } from '../qualifiers.ts';
import { QUALIFIER_SCALES, type AssessmentTemplate, type GradedScale } from './types.ts';

/** Limits of a template version (docs/templates.md); a file beyond them is refused at import. */
export const MAX_TEMPLATE_GROUPS = 30;
export const MAX_TEMPLATE_SECTIONS = 200;
export const MAX_TEMPLATE_LABEL_CHARS = 200;
export const MAX_TEMPLATE_DEFINITION_CHARS = 2000;
export const MAX_TEMPLATE_NAME_CHARS = 120;
export const MAX_FML_ITEMS = 20;
/** Largest version number; versions are small positive integers counted up by the operator. */
export const MAX_TEMPLATE_VERSION = 1_000_000;

const ID = z.string().regex(new RegExp(`^[a-z0-9-]{1,${MAX_SECTION_ID_CHARS}}$`), 'not an id (a-z, 0-9, -)');
const Text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);
const TwoLanguages = (max: number) => z.object({ nl: Text(max), en: Text(max) }).strict();
/** An ICF code as the classification writes it: its component letter and 3 to 5 digits. */
const IcfCode = z.string().regex(/^[bdes][0-9]{3,5}$/, 'not an ICF code (e.g. d160, e225)');
/** An FML item: its rubriek in Roman numerals, then the item's numbers (I.1, IV.5.2). */
const FmlItem = z.string().regex(/^(I|II|III|IV|V|VI)(\.[0-9]{1,2}){1,2}$/, 'not an FML item (e.g. I.1, IV.5.2)');

/** Root names of a document that are not a section's (shared/qualifiers.ts). */
const RESERVED_SECTION_IDS: readonly string[] = [QUALIFIERS_MAP];

const Section = z
  .object({
    id: ID.refine((id) => !RESERVED_SECTION_IDS.includes(id), 'a name the documents reserve'),
    icf: IcfCode.nullable(),
    label: TwoLanguages(MAX_TEMPLATE_LABEL_CHARS),
    definition: TwoLanguages(MAX_TEMPLATE_DEFINITION_CHARS),
    qualifierScale: z.enum(QUALIFIER_SCALES, { error: `one of ${QUALIFIER_SCALES.join(', ')}` }),
    fml: z.array(FmlItem).max(MAX_FML_ITEMS),
  })
  .strict()
  .superRefine((section, ctx) => {
    // A graded scale must be the one of the code's component; any section may take none (text only).
    if (section.qualifierScale === 'none') return;
    const expected = gradedScaleFor(section.icf);
    if (section.qualifierScale !== expected) {
      ctx.addIssue({
        code: 'custom',
        path: ['qualifierScale'],
        message: expected
          ? `${section.icf} takes the scale ${expected} or none`
          : `a section ${section.icf ? `coded ${section.icf}` : 'without an ICF code'} takes the scale none`,
      });
    }
  });

/**
 * A template version as a JSON file (docs/templates.md); checkTemplate adds
 * that no id is used twice (a section id names its part of every document).
 */
export const TemplateFile = z
  .object({
    version: z.number().int('a whole number').min(1).max(MAX_TEMPLATE_VERSION),
    name: Text(MAX_TEMPLATE_NAME_CHARS),
    groups: z
      .array(
        z
          .object({
            id: ID,
            label: TwoLanguages(MAX_TEMPLATE_LABEL_CHARS),
            sections: z.array(Section).min(1, 'at least one section'),
          })
          .strict(),
      )
      .min(1, 'at least one group')
      .max(MAX_TEMPLATE_GROUPS),
  })
  .strict()
  .superRefine((template, ctx) => {
    const count = template.groups.reduce((sum, group) => sum + group.sections.length, 0);
    if (count > MAX_TEMPLATE_SECTIONS) ctx.addIssue({ code: 'custom', path: ['groups'], message: `at most ${MAX_TEMPLATE_SECTIONS} sections` });
  }) satisfies z.ZodType<AssessmentTemplate>;

/**
 * Ids used twice, as `path: message` lines. Groups and sections are two
 * namespaces (v1 has a group and a section "werktijden"); section ids are
 * unique across all groups. Read from the raw value, so that a file with
 * other problems hears of its duplicates in the same answer.
 */
function duplicateIds(value: unknown): string[] {
  const problems: string[] = [];
  const groups = new Map<string, string>();
  const sections = new Map<string, string>();
  const note = (seen: Map<string, string>, id: unknown, path: string) => {
    if (typeof id !== 'string') return;
    const first = seen.get(id);
    if (first) problems.push(`${path}: duplicate id "${id}" (first at ${first})`);
    else seen.set(id, path);
  };
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const field = (v: unknown, name: string): unknown => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[name] : undefined);
  list(field(value, 'groups')).forEach((group, g) => {
    note(groups, field(group, 'id'), `groups.${g}.id`);
    list(field(group, 'sections')).forEach((section, i) => note(sections, field(section, 'id'), `groups.${g}.sections.${i}.id`));
  });
  return problems;
}

/** The graded scale of an ICF code's component: d → icf-d, e → icf-e; null for others and for no code. */
function gradedScaleFor(icf: string | null): GradedScale | null {
  if (icf?.startsWith('d')) return 'icf-d';
  if (icf?.startsWith('e')) return 'icf-e';
  return null;
}

export type TemplateCheck = { ok: true; template: AssessmentTemplate } | { ok: false; problems: string[] };

/** Validates a parsed JSON value as a template version; every problem names its field (`groups.2.sections.0.icf: …`). */
export function checkTemplate(value: unknown): TemplateCheck {
  const parsed = TemplateFile.safeParse(value);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(file)'}: ${issue.message}`)),
    ...duplicateIds(value),
  ];
  return parsed.success && problems.length === 0 ? { ok: true, template: parsed.data } : { ok: false, problems };
}
