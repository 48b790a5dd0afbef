import { formatDocName } from '../../../shared/docNames.ts';
import type { DraftSnapshot, PositionSnapshot } from '../../../shared/workflow/types.ts';
import type { CollabServer } from '../../collab/CollabServer.ts';
import { draftSnapshot, sectionText } from '../../workflow/sectionText.ts';

/** Both physicians' positions on some sections, as the server holds them now. */
export async function positionsOf(collab: CollabServer, caseId: string, sectionIds: readonly string[]): Promise<Record<string, PositionSnapshot>> {
  const [ba, va] = await Promise.all([
    collab.registry.read(formatDocName({ caseId, part: 'occupational' }), (doc) => sectionIds.map((id) => sectionText(doc, id))),
    collab.registry.read(formatDocName({ caseId, part: 'insurance' }), (doc) => sectionIds.map((id) => sectionText(doc, id))),
  ]);
  return Object.fromEntries(sectionIds.map((id, i) => [id, { ba: ba[i]!, va: va[i]! }]));
}

/** The joint draft of a section as stored now: what a proposal records and a signature must still match. */
export function jointDraftOf(collab: CollabServer, caseId: string, sectionId: string): Promise<DraftSnapshot> {
  return collab.registry.read(formatDocName({ caseId, part: 'joint' }), (doc) => draftSnapshot(doc, sectionId));
}
