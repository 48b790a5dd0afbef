import { useEffect, useRef } from 'react';
import { MIN_REFRESH_INTERVAL_SECONDS, REFRESH_AHEAD_SECONDS, type SessionResponse } from '../../../../shared/authSession.ts';
import { ApiError, request } from '../../api.ts';

/**
 * Keeps the login going (docs/security.md, "Sessions that refresh"): asks for
 * the next access token before the current one expires, and tells the server
 * whether the user did anything since the last refresh. Only input counts
 * (keys, pointer, wheel, touch): an open but untouched tab reaches the idle
 * timeout, and the server then ends the session everywhere. The tokens travel
 * in httpOnly cookies; the open document connections and the socket take the
 * new one at their next reconnect.
 */

/** The input events that count as activity. */
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

/** After a refresh that could not reach the server, the next try. */
const RETRY_SECONDS = 10;

/** The lock that keeps two tabs of one browser from refreshing with the same refresh token at once (which ends the session). */
const REFRESH_LOCK = 'cw-session-refresh';

export const refreshSession = (active: boolean) => request<SessionResponse>('POST', '/api/auth/refresh', { active });

/** Runs `refresh` alone among this browser's tabs, where the browser has Web Locks. */
function exclusively<T>(refresh: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? (locks.request(REFRESH_LOCK, refresh) as Promise<T>) : refresh();
}

/** Seconds from now until the refresh of a token that expires at `expiresAt` (seconds since the epoch). */
export function refreshDelaySeconds(expiresAt: number, nowSeconds: number): number {
  const left = expiresAt - nowSeconds;
  // A short token is refreshed halfway; a long one a minute before it expires.
  const ahead = Math.min(REFRESH_AHEAD_SECONDS, left / 2);
  return Math.max(MIN_REFRESH_INTERVAL_SECONDS, left - ahead);
}

/**
 * While `expiresAt` is set (signed in), refreshes the session on time;
 * `onRefreshed` gets each answer, `onEnded` is called once the server refuses
 * (the session ended: idle, maximum, logout elsewhere).
 */
export function useSessionRefresh(expiresAt: number | null, onRefreshed: (response: SessionResponse) => void, onEnded: () => void): void {
  const callbacks = useRef({ onRefreshed, onEnded });
  callbacks.current = { onRefreshed, onEnded };
  useEffect(() => {
    if (expiresAt === null) return;
    let active = false;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const markActive = () => {
      active = true;
    };
    const schedule = (seconds: number) => {
      if (!stopped) timer = setTimeout(() => void run(), seconds * 1000);
    };
    const run = async () => {
      const reported = active;
      active = false;
      try {
        const response = await exclusively(() => refreshSession(reported));
        if (stopped) return;
        callbacks.current.onRefreshed(response);
        schedule(refreshDelaySeconds(response.expiresAt, Date.now() / 1000));
      } catch (error) {
        if (stopped) return;
        if (error instanceof ApiError && error.status === 401) return callbacks.current.onEnded();
        // Not reached: what the user did still counts at the next try.
        active ||= reported;
        schedule(RETRY_SECONDS);
      }
    };
    const ended = () => {
      if (!stopped) callbacks.current.onEnded();
    };
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, markActive, { capture: true, passive: true });
    sessionEvents.addEventListener(ENDED, ended);
    schedule(refreshDelaySeconds(expiresAt, Date.now() / 1000));
    return () => {
      stopped = true;
      sessionEvents.removeEventListener(ENDED, ended);
      if (timer) clearTimeout(timer);
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, markActive, { capture: true });
    };
  }, [expiresAt]);
}

/** Least time between two renewals one connection asks for, so that a session that did end does not loop. */
export const RENEW_GUARD_MS = 30_000;

let renewing: Promise<boolean> | null = null;

/** Told when a renewal found the session ended, so that the page signs out at once rather than at its next refresh. */
const sessionEvents = new EventTarget();
const ENDED = 'ended';

/**
 * A connection was refused as unauthenticated: its access token may only have
 * expired (the page was offline or asleep past it). Refreshes once (one
 * refresh for every connection refused at the same time) and resolves whether
 * the connection should try again.
 */
export function renewAfterRefusal(): Promise<boolean> {
  renewing ??= exclusively(() => refreshSession(false)).then(
    () => true,
    (error: unknown) => {
      if (error instanceof ApiError && error.status === 401) sessionEvents.dispatchEvent(new Event(ENDED));
      return false;
    },
  );
  const current = renewing;
  void current.finally(() => {
    if (renewing === current) renewing = null;
  });
  return current;
}
