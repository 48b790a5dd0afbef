import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { AppError } from '../../errors.ts';

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * Who may read /metrics on the public port. The figures show who is online
 * and how busy each part is, so they are not for anyone who can reach the
 * port: with METRICS_TOKEN, a scraper sends it as a bearer token; without it,
 * /metrics is refused there and served only by the loopback listener of
 * METRICS_PORT.
 */
export function metricsAccess(token: string | null): RequestHandler {
  const expected = token === null ? null : digest(token);
  return (req, _res, next) => {
    if (expected === null) {
      return next(new AppError(403, 'metrics.token_required', 'Set METRICS_TOKEN to read /metrics on this port, or METRICS_PORT for a loopback listener'));
    }
    const presented = BEARER.exec(req.get('authorization') ?? '')?.[1];
    // Digests of equal length, so that the comparison takes as long for every guess.
    if (presented !== undefined && timingSafeEqual(digest(presented), expected)) return next();
    next(new AppError(401, 'metrics.unauthorized', 'The metrics token is missing or wrong', undefined, { 'WWW-Authenticate': 'Bearer realm="metrics"' }));
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
