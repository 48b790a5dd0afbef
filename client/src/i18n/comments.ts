/**
 * Interface strings of the comments feature, Dutch first; merged into nl.ts and
 * en.ts under `comments`. Every Dutch string needs its English counterpart.
 */
const nl = {};

const en: typeof nl = {};

export const commentsMessages = { nl, en };
