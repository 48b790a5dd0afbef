import { Router, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Metrics } from '../../metrics.ts';
import type { Stores } from '../../store/ports.ts';
import type { IntegrityReport } from '../../workflow/CaseIntegrity.ts';

/**
 * Liveness, readiness (the store answers) and Prometheus metrics behind
 * `metricsGate` (see metricsAccess). Readiness also reports the cases refused
 * for not matching their log, but stays 200: one damaged case must not take
 * the node out of the load balancer.
 */
export function healthRoutes(stores: Stores, metrics: Metrics, log: Logger, integrity: () => IntegrityReport, metricsGate: RequestHandler): Router {
  const router = Router();

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    try {
      await stores.records.ping();
      res.json({ status: 'ready', integrity: integrity() });
    } catch (error) {
      log.warn({ cat: 'health', err: error }, 'store not reachable');
      res.status(503).json({ status: 'unavailable', error: { id: 'store_unavailable', message: 'The store does not answer' } });
    }
  });

  router.get('/metrics', metricsGate, async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  return router;
}
