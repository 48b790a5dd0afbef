import { z } from 'zod';
import type { LoginResponse } from './api.ts';

/**
 * Login sessions that refresh (docs/contract.md, "Sessions"): the login's
 * answer with the session's own end, and the body of POST /api/auth/refresh.
 */

/** What a login or a refresh answers: the access token (`token`, until `expiresAt`) and the session's absolute end. */
export interface SessionResponse extends LoginResponse {
  /** Seconds since the epoch at which the session ends however active it is (SESSION_MAX_HOURS). */
  sessionExpiresAt: number;
}

/** POST /api/auth/refresh: whether the user did something (typed, clicked) since the last refresh. */
export const RefreshInput = z
  .object({
    /** Only what the user did counts against the idle timeout: an open but untouched tab reaches it. */
    active: z.boolean(),
  })
  .strict();
export type RefreshInput = z.infer<typeof RefreshInput>;

/** How long before its access token expires the browser asks for the next one. */
export const REFRESH_AHEAD_SECONDS = 60;

/** At least this long between two scheduled refreshes of the browser, however short the access token. */
export const MIN_REFRESH_INTERVAL_SECONDS = 1;
