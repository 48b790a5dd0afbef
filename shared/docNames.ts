import { ID_PATTERN } from './limits.ts';

/**
 * Collaborative document names: `cases/<caseId>/<part>` (docs/contract.md).
 * The one place that knows the format, used by the relay, the client and tests.
 */
export const DOC_PARTS = ['occupational', 'insurance', 'joint'] as const;
export type DocPart = (typeof DOC_PARTS)[number];

/** A case id is an id like any other. */
export const CASE_ID_PATTERN = ID_PATTERN;

export interface DocName {
  caseId: string;
  part: DocPart;
}

export function formatDocName({ caseId, part }: DocName): string {
  return `cases/${caseId}/${part}`;
}

/** Parses a document name; null when it is not one of ours. */
export function parseDocName(name: string): DocName | null {
  const match = /^cases\/([^/]+)\/([^/]+)$/.exec(name);
  if (!match) return null;
  const [, caseId = '', part = ''] = match;
  if (!CASE_ID_PATTERN.test(caseId)) return null;
  if (!(DOC_PARTS as readonly string[]).includes(part)) return null;
  return { caseId, part: part as DocPart };
}
