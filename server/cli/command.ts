import type { z } from 'zod';
import type { Audit } from '../audit/Audit.ts';
import { PLATFORM_SCOPE, type AdminActor } from '../policies/organisationScope.ts';
import type { Stores } from '../store/ports.ts';
import type { LogKey } from '../workflow/logKey.ts';

/** The admin command line's parts (server/admin.ts): what a command gets, and how it refuses. */

/** The operator at the command line administers the platform. */
export const CLI_ACTOR: AdminActor = { userId: null, username: 'admin-cli', role: 'admin', ip: 'cli', userAgent: 'admin-cli', scope: PLATFORM_SCOPE };

/** A usage or input error: reported on stderr with exit code 1, without the usage text. */
export class UsageError extends Error {}

export interface Context {
  stores: Stores;
  audit: Audit;
  /** The log key, read as the server reads it; null when there is none. */
  logKey: LogKey | null;
}

export type Handler = (context: Context, options: Record<string, string | boolean | undefined>, positionals: string[]) => Promise<string>;

export interface Command {
  options: string[];
  /** Options without a value. */
  flags?: string[];
  /** At most this many arguments. */
  positionals?: number;
  run: Handler;
}

/** Parses CLI input with an API schema; a failure names the field like the API does. */
export function parse<T extends z.ZodType>(schema: T, value: unknown, name?: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.join('.') || name || 'value';
  throw new UsageError(`${field}: ${issue.message}`);
}
