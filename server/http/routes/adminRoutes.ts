import { Router, type RequestHandler } from 'express';
import { CreateCaseInput, CreateUserInput } from '../../../shared/schemas.ts';
import { createCase } from '../../commands/createCase.ts';
import { createUser } from '../../commands/createUser.ts';
import type { CommandDeps } from '../../commands/deps.ts';
import { forbidden } from '../../errors.ts';
import { canAdminister } from '../../policies/participation.ts';
import { actorOf, principalOf } from '../middleware/auth.ts';
import { routeHelpers } from './command.ts';

/** Administration (docs/contract.md): only admins; others get 403 before their input is even read. */
export function adminRoutes(deps: CommandDeps, auth: RequestHandler): Router {
  const router = Router();
  const { command } = routeHelpers(deps);
  const requireAdmin: RequestHandler = async (req, _res, next) => {
    if (canAdminister(principalOf(req).user)) return next();
    await deps.audit.record(actorOf(req), { action: 'denied', outcome: 'denied', object: req.path.slice('/api/'.length), detail: 'not-admin' });
    next(forbidden('Only administrators may do this'));
  };

  router.post('/api/users', auth, requireAdmin, command(CreateUserInput, actorOf, createUser, 201));
  router.post('/api/cases', auth, requireAdmin, command(CreateCaseInput, actorOf, createCase, 201));

  return router;
}
