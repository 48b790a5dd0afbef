import { Router, type Request, type RequestHandler } from 'express';
import { CreateVersionInput, VersionIdParam } from '../../../shared/versionSchemas.ts';
import type { CommandDeps } from '../../commands/deps.ts';
import { createVersion, listVersions, readVersion, type VersionTarget } from '../../commands/versions/versionCommands.ts';
import { parseParam } from '../middleware/validate.ts';
import { routeHelpers } from './command.ts';
import { caseTarget } from './targets.ts';

const versionTarget = (req: Request): VersionTarget => ({ ...caseTarget(req), versionId: parseParam(VersionIdParam, req.params.version, 'version') });

/** Versions of a case's documents over the sickness period (docs/domain.md, "Versions"). */
export function versionRoutes(deps: CommandDeps, auth: RequestHandler): Router {
  const router = Router();
  const { command, action } = routeHelpers(deps);
  const versions = '/api/cases/:id/versions';

  router.post(versions, auth, command(CreateVersionInput, caseTarget, createVersion, 201));
  router.get(versions, auth, action(caseTarget, listVersions));
  router.get(`${versions}/:version`, auth, action(versionTarget, readVersion));

  return router;
}
