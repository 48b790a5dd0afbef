/** The refusals of the settings' schema (shared/notifications.ts) that the page words itself, by the server's message. */
export const KNOWN_REFUSALS: Readonly<Record<string, string>> = {
  'not an e-mail address': 'notifications.settings.invalid.email',
  'an address is needed to send e-mail': 'notifications.settings.invalid.emailNeeded',
};

/**
 * The i18n key of a refused field's message (a 400 `bad_request` naming the
 * field, its message "<field>: <why>"): the exact refusal when known, else the
 * field's, else null (the generic text of the error's id).
 */
export function refusalKey(error: { id: string; message: string; field?: string }, exists: (key: string) => boolean): string | null {
  if (error.id !== 'bad_request' || !error.field) return null;
  const prefix = `${error.field}: `;
  const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  const key = KNOWN_REFUSALS[message] ?? `notifications.settings.invalid.${error.field}`;
  return exists(key) ? key : null;
}
