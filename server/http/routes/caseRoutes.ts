import { Router } from 'express';
import { CaseIdParam } from '../../../shared/schemas.ts';
import type { Authenticator } from '../../auth/Authenticator.ts';
import type { CommandDeps } from '../../commands/deps.ts';
import { listCases, readCase } from '../../commands/readCases.ts';
import { actorOf, principalOf, requireAuth } from '../middleware/auth.ts';
import { parseParam } from '../middleware/validate.ts';

export function caseRoutes(deps: CommandDeps, authenticator: Authenticator): Router {
  const router = Router();

  router.get('/api/cases', requireAuth(authenticator), async (req, res) => {
    res.json(await listCases(deps, principalOf(req), actorOf(req)));
  });

  router.get('/api/cases/:id', requireAuth(authenticator), async (req, res) => {
    const caseId = parseParam(CaseIdParam, req.params.id, 'id');
    res.json(await readCase(deps, principalOf(req), actorOf(req), caseId));
  });

  return router;
}
