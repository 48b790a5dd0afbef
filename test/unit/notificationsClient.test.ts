import { describe, expect, it } from 'vitest';
import { en } from '../../client/src/i18n/en.ts';
import { nl } from '../../client/src/i18n/nl.ts';
import { notificationKey, notificationLink } from '../../client/src/features/notifications/paths.ts';
import { KNOWN_REFUSALS, refusalKey } from '../../client/src/features/notifications/settingsRefusals.ts';
import { NOTIFICATION_ACTOR_ROLES, NOTIFICATION_KINDS, NotificationSettingsInput } from '../../shared/notifications.ts';

/** The value at a dotted i18n key, as i18next finds it. */
function lookup(messages: object, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), messages);
}

describe('notifications in the browser: words, links and refusals', () => {
  it('every kind of notification has a Dutch and an English sentence naming its actor', () => {
    for (const kind of NOTIFICATION_KINDS) {
      for (const messages of [nl, en]) expect(lookup(messages, `notifications.kind.${kind}`), kind).toMatch(/^\{\{actor\}\} \S/);
    }
    expect(lookup(nl, 'notifications.kind.disagreement.flagged')).toBe('{{actor}} markeerde onenigheid');
  });

  it('the arbeidsdeskundige reads their own invitation as one to them; the physicians read it as one of a labour expert', () => {
    expect(lookup(nl, notificationKey('labour_expert.invited', 'arbeidsdeskundige'))).toBe('{{actor}} nodigde u uit als arbeidsdeskundige');
    expect(lookup(en, notificationKey('labour_expert.invited', 'arbeidsdeskundige'))).toBe('{{actor}} invited you as labour expert');
    expect(lookup(nl, notificationKey('labour_expert.invited', 'verzekeringsarts'))).toBe('{{actor}} nodigde een arbeidsdeskundige uit');
    expect(notificationKey('case.closed', 'arbeidsdeskundige')).toBe('notifications.kind.case.closed');
  });

  it('every role an actor can have is a role the interface names', () => {
    for (const role of NOTIFICATION_ACTOR_ROLES) for (const messages of [nl, en]) expect(typeof lookup(messages, `roles.${role}`), role).toBe('string');
  });

  it('links to the case, at the section when the notification names one', () => {
    expect(notificationLink({ caseId: 'case-1', section: 'd240' })).toBe('/cases/case-1?sectie=d240');
    expect(notificationLink({ caseId: 'case 1', section: null })).toBe('/cases/case%201');
  });

  it('words each refusal of an address the server gives, as the shared schema gives it', () => {
    const refusals = [
      { email: 'geen-adres', mode: 'digest', digestHour: 7, language: 'nl' },
      { email: '', mode: 'immediate', digestHour: 7, language: 'nl' },
    ].map((body) => NotificationSettingsInput.safeParse(body));
    const exists = (key: string) => typeof lookup(nl, key) === 'string';
    const keys = refusals.map((result) => {
      expect(result.success).toBe(false);
      const issue = result.error!.issues[0]!;
      expect(issue.path).toEqual(['email']);
      // As the server's body parser answers it (server/http/middleware/validate.ts).
      return refusalKey({ id: 'bad_request', field: 'email', message: `email: ${issue.message}` }, exists);
    });
    expect(keys).toEqual(['notifications.settings.invalid.email', 'notifications.settings.invalid.emailNeeded']);
    for (const key of Object.values(KNOWN_REFUSALS)) for (const messages of [nl, en]) expect(typeof lookup(messages, key), key).toBe('string');
    // An id the page does not word itself falls back to the error's generic text.
    expect(refusalKey({ id: 'forbidden', message: 'no', field: 'email' }, exists)).toBeNull();
  });
});
