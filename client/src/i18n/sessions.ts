/**
 * Interface strings of the sessions feature, Dutch first; merged into nl.ts and
 * en.ts under `sessions`. Every Dutch string needs its English counterpart.
 */
const nl = {};

const en: typeof nl = {};

export const sessionsMessages = { nl, en };
