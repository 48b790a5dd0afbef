import type { VersionDetail, VersionSummary } from '../../../../shared/record/api.ts';
import type { NotAssessed } from '../../../../shared/notAssessed.ts';
import type { PartContent } from '../../../../shared/record/types.ts';
import { qualifierChange, wordDiff, type DiffPart, type QualifierChange } from '../../../../shared/record/wordDiff.ts';

/** The three texts of a section, in the order the comparison shows them. */
export const VERSION_PARTS = ['occupational', 'insurance', 'joint'] as const;
export type VersionPart = (typeof VERSION_PARTS)[number];

export interface PartComparison {
  part: VersionPart;
  diff: DiffPart[];
  /** The text changed (not only the qualifier). */
  textChanged: boolean;
  qualifier: QualifierChange | null;
  /** The "niet beoordeeld" mark was set, cleared or its reason changed: the mark (or null) on each side. */
  notAssessed: { from: NotAssessed | null; to: NotAssessed | null } | null;
}

export interface SectionComparison {
  sectionId: string;
  parts: PartComparison[];
  changed: boolean;
}

const EMPTY: PartContent = { text: '', qualifier: null, qualifierCode: null, notAssessed: null };

function comparePart(part: VersionPart, before: PartContent, after: PartContent): PartComparison {
  const diff = wordDiff(before.text, after.text);
  return {
    part,
    diff,
    textChanged: diff.some((d) => d.kind !== 'same'),
    qualifier: qualifierChange(before.qualifierCode, after.qualifierCode),
    notAssessed: markChange(before.notAssessed ?? null, after.notAssessed ?? null),
  };
}

function markChange(from: NotAssessed | null, to: NotAssessed | null): PartComparison['notAssessed'] {
  return from?.reason === to?.reason ? null : { from, to };
}

/** Whether anything of one text changed: its words, its qualifier or its "niet beoordeeld" mark. */
export const partChanged = (part: PartComparison) => part.textChanged || part.qualifier !== null || part.notAssessed !== null;

/** Per section (in the template's order), what changed from `older` to `newer`: words, qualifiers and marks of each text. */
export function compareVersions(older: VersionDetail, newer: VersionDetail, sectionIds: readonly string[]): SectionComparison[] {
  return sectionIds.map((sectionId) => {
    const before = older.sections[sectionId];
    const after = newer.sections[sectionId];
    const parts = VERSION_PARTS.map((part) => comparePart(part, before?.[part] ?? EMPTY, after?.[part] ?? EMPTY));
    return { sectionId, parts, changed: parts.some(partChanged) };
  });
}

/** The pair compared at first: the previous and the newest version (the list is newest first); null with fewer than two. */
export function defaultPair(versions: readonly VersionSummary[]): { from: string; to: string } | null {
  const [newest, previous] = versions;
  return newest && previous ? { from: previous.id, to: newest.id } : null;
}

/** Versions grouped by week of sickness, in the list's order (newest first). */
export function byWeek(versions: readonly VersionSummary[]): { week: number; versions: VersionSummary[] }[] {
  const groups: { week: number; versions: VersionSummary[] }[] = [];
  for (const version of versions) {
    const last = groups.at(-1);
    if (last && last.week === version.week) last.versions.push(version);
    else groups.push({ week: version.week, versions: [version] });
  }
  return groups;
}

/** The comparison always reads from older to newer, whichever way round the two were picked. */
export function inOrder(versions: readonly VersionSummary[], a: string, b: string): { older: string; newer: string } {
  const index = (id: string) => versions.findIndex((v) => v.id === id);
  // Newest first: a higher index is older.
  return index(a) >= index(b) ? { older: a, newer: b } : { older: b, newer: a };
}
