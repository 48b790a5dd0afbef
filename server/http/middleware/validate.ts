import type { z } from 'zod';
import { badRequest } from '../../errors.ts';

/** Parses a request body with `schema` (a missing body as `{}`), or answers 400 naming the first bad field. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.join('.') || undefined;
  throw badRequest(field ? `${field}: ${issue.message}` : issue.message, field);
}

/** Parses one route parameter with `schema`, or answers 400. */
export function parseParam<T extends z.ZodType>(schema: T, value: unknown, name: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw badRequest(`${name}: ${result.error.issues[0]!.message}`, name);
  return result.data;
}
