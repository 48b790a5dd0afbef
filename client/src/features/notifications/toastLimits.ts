/** How long a toast stays when the user leaves it alone (the pointer or focus on it holds it). */
export const TOAST_VISIBLE_MS = 8_000;

/** At most this many toasts at once: a burst shows its newest, the inbox has them all. */
export const MAX_TOASTS = 3;
