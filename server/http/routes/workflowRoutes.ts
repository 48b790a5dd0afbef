import { Router, type RequestHandler } from 'express';
import {
  CloseDisputeInput,
  FlagInput,
  FormalRouteInput,
  FormalRouteOutcomeInput,
  InviteReviewerInput,
  OpenDisputeInput,
  OpinionInput,
  ReopenInput,
  RivDoubtInput,
  SignInput,
} from '../../../shared/workflowSchemas.ts';
import type { CommandDeps } from '../../commands/deps.ts';
import {
  closeDispute,
  inviteReviewer,
  openDispute,
  recordFormalRoute,
  recordFormalRouteOutcome,
  recordOpinion,
} from '../../commands/workflow/disputeCommands.ts';
import { readEvents, readWorkflow, reviewerCandidates } from '../../commands/workflow/readWorkflow.ts';
import { recordRivDoubt, withdrawRivDoubt } from '../../commands/workflow/rivCommands.ts';
import { flagDisagreement, proposeAgreement, reopenAgreement, signAgreement, withdrawFlag } from '../../commands/workflow/sectionCommands.ts';
import { routeHelpers } from './command.ts';
import { caseTarget, disputeTarget, sectionTarget } from './targets.ts';

/**
 * The consultation workflow (docs/domain.md). Each command route is a pipeline:
 * auth -> validate -> one command (policy, decision, event, push).
 */
export function workflowRoutes(deps: CommandDeps, auth: RequestHandler): Router {
  const router = Router();
  const { command, action } = routeHelpers(deps);
  const cases = '/api/cases/:id';
  const sections = `${cases}/sections/:section`;
  const disputes = `${cases}/disputes/:dispute`;

  router.get(`${cases}/workflow`, auth, action(caseTarget, readWorkflow));
  router.get(`${cases}/events`, auth, action(caseTarget, readEvents));
  router.get(`${cases}/reviewer-candidates`, auth, action(caseTarget, reviewerCandidates));

  router.post(`${sections}/flag`, auth, command(FlagInput, sectionTarget, flagDisagreement));
  router.post(`${sections}/withdraw-flag`, auth, action(sectionTarget, withdrawFlag));
  router.post(`${sections}/propose`, auth, action(sectionTarget, proposeAgreement));
  router.post(`${sections}/sign`, auth, command(SignInput, sectionTarget, signAgreement));
  router.post(`${sections}/reopen`, auth, command(ReopenInput, sectionTarget, reopenAgreement));

  router.post(`${cases}/disputes`, auth, command(OpenDisputeInput, caseTarget, openDispute, 201));
  router.post(`${disputes}/reviewer`, auth, command(InviteReviewerInput, disputeTarget, inviteReviewer));
  router.post(`${disputes}/opinion`, auth, command(OpinionInput, disputeTarget, recordOpinion));
  router.post(`${disputes}/formal-route`, auth, command(FormalRouteInput, disputeTarget, recordFormalRoute));
  router.post(`${disputes}/formal-route/outcome`, auth, command(FormalRouteOutcomeInput, disputeTarget, recordFormalRouteOutcome));
  router.post(`${disputes}/close`, auth, command(CloseDisputeInput, disputeTarget, closeDispute));

  router.post(`${cases}/riv/doubt`, auth, command(RivDoubtInput, caseTarget, recordRivDoubt));
  router.post(`${cases}/riv/withdraw-doubt`, auth, action(caseTarget, withdrawRivDoubt));

  return router;
}
