import { Router, type RequestHandler } from 'express';
import { CloseCaseInput, InviteLabourExpertInput, LabourExpertObjectionInput } from '../../../shared/labourExpertApi.ts';
import type { CommandDeps } from '../../commands/deps.ts';
import {
  closeCase,
  inviteLabourExpert,
  labourExpertCandidates,
  objectToLabourExpert,
  revokeLabourExpert,
} from '../../commands/workflow/labourExpertCommands.ts';
import { readLabourExpertView } from '../../commands/workflow/labourExpertView.ts';
import { routeHelpers } from './command.ts';
import { caseTarget } from './targets.ts';

/** The arbeidsdeskundige of a case, what is handed over to them, and closing the case (docs/contract.md). */
export function labourExpertRoutes(deps: CommandDeps, auth: RequestHandler): Router {
  const router = Router();
  const { command, action } = routeHelpers(deps);
  const cases = '/api/cases/:id';

  router.get(`${cases}/labour-expert/candidates`, auth, action(caseTarget, labourExpertCandidates));
  router.post(`${cases}/labour-expert`, auth, command(InviteLabourExpertInput, caseTarget, inviteLabourExpert));
  router.delete(`${cases}/labour-expert`, auth, action(caseTarget, revokeLabourExpert));
  router.post(`${cases}/labour-expert/objection`, auth, command(LabourExpertObjectionInput, caseTarget, objectToLabourExpert));
  router.get(`${cases}/labour-expert-view`, auth, action(caseTarget, readLabourExpertView));
  router.post(`${cases}/close`, auth, command(CloseCaseInput, caseTarget, closeCase));

  return router;
}
