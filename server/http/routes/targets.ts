import type { Request } from 'express';
import { CommentIdParam, ThreadIdParam } from '../../../shared/comments.ts';
import { CaseIdParam } from '../../../shared/schemas.ts';
import { DisputeIdParam, SectionIdParam, SessionIdParam } from '../../../shared/workflowSchemas.ts';
import type { CommentTarget } from '../../commands/comments/commentCommands.ts';
import type { SessionTarget } from '../../commands/sessions/sessionCommands.ts';
import type { CaseTarget, DisputeTarget } from '../../commands/workflow/disputeCommands.ts';
import type { SectionTarget } from '../../commands/workflow/sectionCommands.ts';
import { actorOf, principalOf } from '../middleware/auth.ts';
import { parseParam } from '../middleware/validate.ts';

/**
 * What a `/api/cases/:id/…` route is about, read from its path, and who
 * asks. Each parameter is parsed in path order, so a bad case id is the
 * refusal before a bad section or dispute id.
 */
export function caseTarget(req: Request): CaseTarget {
  return { caseId: parseParam(CaseIdParam, req.params.id, 'id'), principal: principalOf(req), audit: actorOf(req) };
}

export const sectionTarget = (req: Request): SectionTarget => ({ ...caseTarget(req), sectionId: parseParam(SectionIdParam, req.params.section, 'section') });
export const disputeTarget = (req: Request): DisputeTarget => ({ ...caseTarget(req), disputeId: parseParam(DisputeIdParam, req.params.dispute, 'dispute') });
export const sessionTarget = (req: Request): SessionTarget => ({ ...caseTarget(req), sessionId: parseParam(SessionIdParam, req.params.session, 'session') });

/** A comment thread of a case, and one comment in it (the comment commands take the ids apart from the case). */
export interface ThreadTarget {
  target: CommentTarget;
  threadId: string;
}
export interface CommentInThread extends ThreadTarget {
  commentId: string;
}

export const threadTarget = (req: Request): ThreadTarget => ({ target: caseTarget(req), threadId: parseParam(ThreadIdParam, req.params.thread, 'thread') });
export const commentTarget = (req: Request): CommentInThread => ({
  ...threadTarget(req),
  commentId: parseParam(CommentIdParam, req.params.comment, 'comment'),
});
