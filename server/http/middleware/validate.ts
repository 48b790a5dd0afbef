import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { badRequest } from '../../errors.ts';

/** Replaces `req.body` with its parsed form, or answers 400 naming the first bad field. */
export function validateBody<T extends z.ZodType>(schema: T): RequestHandler {
  return (req, _res, next) => {
    const result = schema.safeParse(req.body ?? {});
    if (result.success) {
      req.body = result.data;
      return next();
    }
    const issue = result.error.issues[0]!;
    const field = issue.path.join('.') || undefined;
    next(badRequest(field ? `${field}: ${issue.message}` : issue.message, field));
  };
}

/** Parses one route parameter with `schema`, or answers 400. */
export function parseParam<T extends z.ZodType>(schema: T, value: unknown, name: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw badRequest(`${name}: ${result.error.issues[0]!.message}`, name);
  return result.data;
}
