import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { MAX_TEMPLATE_VERSION } from '../../../shared/template/schema.ts';
import type { CommandDeps } from '../../commands/deps.ts';
import { AppError } from '../../errors.ts';
import { findTemplate, listTemplates } from '../../templates/catalog.ts';
import { parseParam } from '../middleware/validate.ts';

const VersionParam = z.coerce.number().int('a whole number').min(1).max(MAX_TEMPLATE_VERSION);

/**
 * The assessment template's versions (docs/templates.md), for anyone signed in:
 * the instrument is the same for every case and holds no case data.
 */
export function templateRoutes(deps: Pick<CommandDeps, 'templates'>, auth: RequestHandler): Router {
  const router = Router();
  router.get('/api/templates', auth, async (_req, res) => {
    res.json(await listTemplates(deps.templates));
  });
  router.get('/api/templates/:version', auth, async (req, res) => {
    const version = parseParam(VersionParam, req.params.version, 'version');
    const template = await findTemplate(deps.templates, version);
    if (!template) throw new AppError(404, 'template.not-found', `There is no template version ${version}`);
    // A version never changes once it exists: the browser may keep it.
    res.set('Cache-Control', 'private, max-age=86400, immutable').json(template);
  });
  return router;
}
