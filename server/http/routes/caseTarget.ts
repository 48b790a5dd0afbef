import type { Request } from 'express';
import { CaseIdParam } from '../../../shared/schemas.ts';
import type { CaseTarget } from '../../commands/workflow/disputeCommands.ts';
import { actorOf, principalOf } from '../middleware/auth.ts';
import { parseParam } from '../middleware/validate.ts';

/** The case a `/api/cases/:id/…` command is about, and who asks (routes of the workflow, sessions and comments). */
export function caseTarget(req: Request): CaseTarget {
  return { caseId: parseParam(CaseIdParam, req.params.id, 'id'), principal: principalOf(req), audit: actorOf(req) };
}
