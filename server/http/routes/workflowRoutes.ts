import { Router, type Request, type RequestHandler } from 'express';
import {
  CloseDisputeInput,
  DisputeIdParam,
  FlagInput,
  FormalRouteInput,
  FormalRouteOutcomeInput,
  InviteReviewerInput,
  OpenDisputeInput,
  OpinionInput,
  ReopenInput,
  SectionIdParam,
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
  type DisputeTarget,
} from '../../commands/workflow/disputeCommands.ts';
import { readEvents, readWorkflow, reviewerCandidates } from '../../commands/workflow/readWorkflow.ts';
import {
  flagDisagreement,
  proposeAgreement,
  reopenAgreement,
  signAgreement,
  withdrawFlag,
  type SectionTarget,
} from '../../commands/workflow/sectionCommands.ts';
import { parseParam, validateBody } from '../middleware/validate.ts';
import { caseTarget } from './caseTarget.ts';

function sectionTarget(req: Request): SectionTarget {
  return { ...caseTarget(req), sectionId: parseParam(SectionIdParam, req.params.section, 'section') };
}

function disputeTarget(req: Request): DisputeTarget {
  return { ...caseTarget(req), disputeId: parseParam(DisputeIdParam, req.params.dispute, 'dispute') };
}

/**
 * The consultation workflow (issue 4). Each command route is a pipeline:
 * auth -> validate -> one command (policy, decision, event, push).
 */
export function workflowRoutes(deps: CommandDeps, auth: RequestHandler): Router {
  const router = Router();
  const cases = '/api/cases/:id';
  const sections = `${cases}/sections/:section`;
  const disputes = `${cases}/disputes/:dispute`;

  router.get(`${cases}/workflow`, auth, async (req, res) => {
    res.json(await readWorkflow(deps, caseTarget(req)));
  });
  router.get(`${cases}/events`, auth, async (req, res) => {
    res.json(await readEvents(deps, caseTarget(req)));
  });
  router.get(`${cases}/reviewer-candidates`, auth, async (req, res) => {
    res.json(await reviewerCandidates(deps, caseTarget(req)));
  });

  router.post(`${sections}/flag`, auth, validateBody(FlagInput), async (req, res) => {
    res.json(await flagDisagreement(deps, sectionTarget(req), req.body as FlagInput));
  });
  router.post(`${sections}/withdraw-flag`, auth, async (req, res) => {
    res.json(await withdrawFlag(deps, sectionTarget(req)));
  });
  router.post(`${sections}/propose`, auth, async (req, res) => {
    res.json(await proposeAgreement(deps, sectionTarget(req)));
  });
  router.post(`${sections}/sign`, auth, validateBody(SignInput), async (req, res) => {
    res.json(await signAgreement(deps, sectionTarget(req), req.body as SignInput));
  });
  router.post(`${sections}/reopen`, auth, validateBody(ReopenInput), async (req, res) => {
    res.json(await reopenAgreement(deps, sectionTarget(req), req.body as ReopenInput));
  });

  router.post(`${cases}/disputes`, auth, validateBody(OpenDisputeInput), async (req, res) => {
    res.status(201).json(await openDispute(deps, caseTarget(req), req.body as OpenDisputeInput));
  });
  router.post(`${disputes}/reviewer`, auth, validateBody(InviteReviewerInput), async (req, res) => {
    res.json(await inviteReviewer(deps, disputeTarget(req), req.body as InviteReviewerInput));
  });
  router.post(`${disputes}/opinion`, auth, validateBody(OpinionInput), async (req, res) => {
    res.json(await recordOpinion(deps, disputeTarget(req), req.body as OpinionInput));
  });
  router.post(`${disputes}/formal-route`, auth, validateBody(FormalRouteInput), async (req, res) => {
    res.json(await recordFormalRoute(deps, disputeTarget(req), req.body as FormalRouteInput));
  });
  router.post(`${disputes}/formal-route/outcome`, auth, validateBody(FormalRouteOutcomeInput), async (req, res) => {
    res.json(await recordFormalRouteOutcome(deps, disputeTarget(req), req.body as FormalRouteOutcomeInput));
  });
  router.post(`${disputes}/close`, auth, validateBody(CloseDisputeInput), async (req, res) => {
    res.json(await closeDispute(deps, disputeTarget(req), req.body as CloseDisputeInput));
  });

  return router;
}
