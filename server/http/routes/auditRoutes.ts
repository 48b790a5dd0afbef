import { Router, type RequestHandler } from 'express';
import { AuditFilterQuery, AuditPageQuery } from '../../../shared/admin.ts';
import { exportAuditCsv, readAudit } from '../../commands/admin/audit.ts';
import type { CommandDeps } from '../../commands/deps.ts';
import type { AuditStore } from '../../store/ports.ts';
import { parseBody } from '../middleware/validate.ts';
import { adminActorOf, requireAdmin } from './adminGuard.ts';

/** The audit trail for the log manager (an administrator): a filtered, paged read and a CSV export, each audited. */
export function auditRoutes(deps: Pick<CommandDeps, 'audit'>, auditStore: Pick<AuditStore, 'page'>, auth: RequestHandler): Router {
  const router = Router();
  const admin = [auth, requireAdmin(deps.audit)];
  const trail = { audit: deps.audit, auditStore };

  router.get('/api/audit', ...admin, async (req, res) => {
    res.json(await readAudit(trail, adminActorOf(req), parseBody(AuditPageQuery, req.query)));
  });

  router.get('/api/audit.csv', ...admin, async (req, res) => {
    const filter = parseBody(AuditFilterQuery, req.query);
    const { csv, truncated } = await exportAuditCsv(trail, adminActorOf(req), filter);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`);
    if (truncated) res.setHeader('X-Audit-Truncated', 'true');
    res.send(csv);
  });

  return router;
}
