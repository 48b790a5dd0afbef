import type { IncomingHttpHeaders } from 'node:http';
import type { RequestHandler } from 'express';
import { AppError } from '../../errors.ts';

/** Methods whose body the API reads. */
const BODY_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH']);

export const unsupportedContentType = () => new AppError(415, 'content_type.unsupported', 'The body of an API request must be application/json');

/**
 * The API reads JSON only. A body of another type is refused rather than
 * ignored: a form or a text/plain body is what another site's page can send
 * without asking ("simple request"), and a route without a body schema would
 * otherwise run on it. A request without a body is left alone.
 */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  if (!BODY_METHODS.has(req.method) || !hasBody(req.headers) || isJson(req.headers['content-type'])) return next();
  next(unsupportedContentType());
};

function hasBody(headers: IncomingHttpHeaders): boolean {
  if (headers['transfer-encoding'] !== undefined) return true;
  const length = Number(headers['content-length'] ?? 0);
  return !Number.isFinite(length) || length > 0;
}

/** `application/json`, with parameters such as charset; nothing that merely contains "json". */
function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}
