import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { ApiErrorBody } from '../../../shared/api.ts';
import { AppError, CASE_INTEGRITY, storeUnavailable } from '../../errors.ts';
import { isStoreUnavailable } from '../../store/unavailable.ts';

/** Maps every error to a status and a stable id; unknown errors become a plain 500. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const appError = toAppError(error);
    // A refused case was logged, with its problem, when it was found; each refusal is a short line.
    if (appError.id === CASE_INTEGRITY) log.warn({ cat: 'integrity', method: req.method, path: req.path }, 'refused a case that does not match its log');
    else if (appError.status === 503) log.warn({ cat: 'http', err: error, method: req.method, path: req.route?.path ?? req.path }, 'store unavailable');
    else if (appError.status >= 500) log.error({ cat: 'http', err: error, method: req.method, path: req.route?.path ?? req.path }, 'request failed');
    for (const [name, value] of Object.entries(appError.headers)) res.setHeader(name, value);
    const body: ApiErrorBody = {
      error: { id: appError.id, message: appError.message, ...(appError.field ? { field: appError.field } : {}) },
    };
    res.status(appError.status).json(body);
  };
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isStoreUnavailable(error)) return storeUnavailable();
  // Errors of express' body parser carry a status and a type.
  const parserError = error as { status?: number; type?: string };
  if (parserError.type === 'entity.too.large') return new AppError(413, 'too_large', 'Request body too large');
  if (parserError.type === 'entity.parse.failed') return new AppError(400, 'bad_json', 'Request body is not valid JSON');
  if (parserError.status === 400 || parserError.status === 415) return new AppError(parserError.status, 'bad_request', 'Malformed request');
  return new AppError(500, 'internal', 'Internal server error');
}

export const notFoundHandler: RequestHandler = (_req, _res, next) => next(new AppError(404, 'not_found', 'No such route'));
