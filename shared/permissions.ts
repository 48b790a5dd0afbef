import type { AccessRole, CaseRole } from './roles.ts';
import type { DocPart } from './docNames.ts';

/** Access to one collaborative document: read-write, read-only, or none. */
export type DocAccess = 'rw' | 'r' | 'none';

/**
 * Who may write which document of a case (docs/architecture.md): each physician owns
 * their own position, reads the other's, and both write the joint draft.
 */
const ACCESS: Record<DocPart, Record<CaseRole, DocAccess>> = {
  occupational: { ba: 'rw', va: 'r' },
  insurance: { ba: 'r', va: 'rw' },
  joint: { ba: 'rw', va: 'rw' },
};

/**
 * An invited reviewer reads every document of the case and writes none. The
 * invited arbeidsdeskundige reads none: they read what the physicians agreed
 * and handed over, never the live drafts.
 */
export function docAccess(role: AccessRole | null, part: DocPart): DocAccess {
  if (role === 'reviewer') return 'r';
  if (role === 'labour-expert' || role === null) return 'none';
  return ACCESS[part][role];
}

/** The document in which a physician writes their own position. */
export function ownPart(caseRole: CaseRole): DocPart {
  return caseRole === 'ba' ? 'occupational' : 'insurance';
}

export function otherPart(caseRole: CaseRole): DocPart {
  return caseRole === 'ba' ? 'insurance' : 'occupational';
}

/**
 * Margin comments: both physicians read and write them; an invited reviewer
 * has read access to the case for the dispute's lifetime (docs/domain.md), so reads
 * threads (and marks them read) but starts, answers, edits, deletes, resolves
 * and reopens none. The arbeidsdeskundige reads no comments: they are the
 * physicians' working notes.
 */
const COMMENT_ACCESS: Record<AccessRole, DocAccess> = { ba: 'rw', va: 'rw', reviewer: 'r', 'labour-expert': 'none' };

export function commentAccess(role: AccessRole | null): DocAccess {
  return role ? COMMENT_ACCESS[role] : 'none';
}
