import type { AccessRole, CaseRole } from './roles.ts';
import type { DocPart } from './docNames.ts';

/** Access to one collaborative document: read-write, read-only, or none. */
export type DocAccess = 'rw' | 'r' | 'none';

/**
 * Who may write which document of a case (DESIGN §3): each physician owns
 * their own position, reads the other's, and both write the joint draft.
 */
const ACCESS: Record<DocPart, Record<CaseRole, DocAccess>> = {
  occupational: { ba: 'rw', va: 'r' },
  insurance: { ba: 'r', va: 'rw' },
  joint: { ba: 'rw', va: 'rw' },
};

/** An invited reviewer reads every document of the case and writes none. */
export function docAccess(role: AccessRole | null, part: DocPart): DocAccess {
  if (role === 'reviewer') return 'r';
  return role ? ACCESS[part][role] : 'none';
}

/** The document in which a physician writes their own position. */
export function ownPart(caseRole: CaseRole): DocPart {
  return caseRole === 'ba' ? 'occupational' : 'insurance';
}

export function otherPart(caseRole: CaseRole): DocPart {
  return caseRole === 'ba' ? 'insurance' : 'occupational';
}
