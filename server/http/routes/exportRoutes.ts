import { Router, type Request, type RequestHandler } from 'express';
import { EmployerSummaryInput } from '../../../shared/employer/summarySchema.ts';
import { ExportLangQuery } from '../../../shared/schemas.ts';
import type { CommandDeps } from '../../commands/deps.ts';
import { exportEmployerPdf, readEmployerSummary, releaseEmployerSummary, saveEmployerSummary } from '../../commands/employerSummary/employerSummaryCommands.ts';
import { exportDossier, exportFhir } from '../../commands/export/caseExport.ts';
import type { ExportLanguage } from '../../export/exportInput.ts';
import { parseParam } from '../middleware/validate.ts';
import { routeHelpers } from './command.ts';
import type { SessionLinks } from './sessionRoutes.ts';
import { caseTarget } from './targets.ts';

/** `?lang=nl|en`, Dutch when absent; anything else is a 400 naming `lang`. */
const langOf = (req: Request): ExportLanguage => parseParam(ExportLangQuery, req.query.lang, 'lang');

/**
 * Exports of a case (docs/contract.md) and the employer-safe summary. File
 * names carry the case id only: a download's name ends up in mail and file
 * systems, where a pseudonym has no business.
 */
export function exportRoutes(deps: CommandDeps, auth: RequestHandler, links: SessionLinks): Router {
  const router = Router();
  const { command, action } = routeHelpers(deps);
  const base = '/api/cases/:id';

  router.get(`${base}/export/dossier.pdf`, auth, async (req, res) => {
    const target = caseTarget(req);
    const pdf = await exportDossier(deps, target, langOf(req));
    res.type('application/pdf').attachment(`dossier-${target.caseId}.pdf`).send(pdf);
  });
  router.get(`${base}/export/fhir`, auth, async (req, res) => {
    const target = caseTarget(req);
    // The identifier systems live under the public origin (PUBLIC_URL), never the request's Host.
    const bundle = await exportFhir(deps, target, langOf(req), links.publicOrigin());
    // attachment() sets the type from the file name's extension: the FHIR type goes after it.
    res.attachment(`fhir-${target.caseId}.json`).type('application/fhir+json; charset=utf-8').send(JSON.stringify(bundle));
  });
  router.get(`${base}/export/employer.pdf`, auth, async (req, res) => {
    const target = caseTarget(req);
    const pdf = await exportEmployerPdf(deps, target, langOf(req));
    res.type('application/pdf').attachment(`samenvatting-werkgever-${target.caseId}.pdf`).send(pdf);
  });

  router.get(`${base}/employer-summary`, auth, action(caseTarget, readEmployerSummary));
  router.put(`${base}/employer-summary`, auth, command(EmployerSummaryInput, caseTarget, saveEmployerSummary));
  router.post(`${base}/employer-summary/release`, auth, action(caseTarget, releaseEmployerSummary));

  return router;
}
