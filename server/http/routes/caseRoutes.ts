import { Router, type RequestHandler } from 'express';
import { CaseIdParam } from '../../../shared/schemas.ts';
import type { CommandDeps } from '../../commands/deps.ts';
import { listCases, readCase } from '../../commands/readCases.ts';
import { actorOf, principalOf } from '../middleware/auth.ts';
import { parseParam } from '../middleware/validate.ts';

export function caseRoutes(deps: CommandDeps, auth: RequestHandler): Router {
  const router = Router();

  router.get('/api/cases', auth, async (req, res) => {
    res.json(await listCases(deps, principalOf(req), actorOf(req)));
  });

  router.get('/api/cases/:id', auth, async (req, res) => {
    const caseId = parseParam(CaseIdParam, req.params.id, 'id');
    res.json(await readCase(deps, principalOf(req), actorOf(req), caseId));
  });

  return router;
}
