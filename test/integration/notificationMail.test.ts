import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAll, newCase, notificationsOf, vaComments, type Who } from '../helpers/notificationClient.ts';
import { startSmtpSink, type ReceivedMail } from '../helpers/smtpSink.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';

/** Strings that must never leave the workspace by e-mail: each typed once into the case. */
const SECRETS = {
  title: 'TITEL-KWARTS-7Q',
  pseudonym: 'PSEUDO-KWARTS-7Q',
  employer: 'WERKGEVER-KWARTS-7Q',
  sectionText: 'SECTIETEKST-KWARTS-7Q vier uur per dag',
  rationale: 'RATIONALE-KWARTS-7Q',
  comment: 'OPMERKING-KWARTS-7Q',
};
const PUBLIC_URL = 'https://werkplek.example.nl';

describe('notification e-mail through a real SMTP server', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let server: TestServer;
  let tokens: Record<Who | 'admin', string>;
  // Winter time: Amsterdam is UTC+1, so 06:30Z is 07:30 there.
  let clock = Date.parse('2026-12-02T06:30:00.000Z');

  beforeAll(async () => {
    smtp = await startSmtpSink();
    server = await startTestServer({ config: { SMTP_URL: smtp.url, MAIL_FROM: 'Werkplek <werkplek@example.nl>', PUBLIC_URL }, now: () => new Date(clock) });
    tokens = await loginAll(server);
  });
  afterAll(async () => {
    await server.close();
    await smtp.close();
  });

  const mailTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));

  it('sends at once to "immediate", a digest at the hour to "digest" (once), nothing to "never", and no case content in any', async () => {
    const settings = (who: Who, mode: string, email: string) =>
      notificationsOf(server, tokens[who]).putSettings({ email, mode, digestHour: 8, language: who === 'ba' ? 'en' : 'nl' });
    expect((await settings('va', 'immediate', 'va@example.org')).body.emailAvailable).toBe(true);
    await settings('ba', 'digest', 'ba@example.org');
    await settings('reviewer', 'never', 'reviewer@example.org');

    const c = await newCase(server, tokens, { title: SECRETS.title, employeePseudonym: SECRETS.pseudonym, employer: SECRETS.employer });
    expect((await c.ba.flag('d240', SECRETS.rationale)).status).toBe(200);
    expect(await vaComments(server, tokens, c.ba.caseId, SECRETS.sectionText, SECRETS.comment)).toBe(201);
    const opened = await c.ba.openDispute(['d240']);
    expect((await c.va.inviteReviewer(opened.body.workflow.disputes.at(-1)!.id, 'reviewer.demo')).status).toBe(200);
    await server.workspace.notificationMailsSettled();

    // The VA: one mail per notification (the flag, the dispute), as they happened.
    await waitFor(() => mailTo('va@example.org').length === 2, { what: "the VA's mails" });
    const [flagged] = mailTo('va@example.org');
    expect(flagged!.subject).toBe('Consultatiewerkplek: Verschil van inzicht gemarkeerd');
    expect(flagged!.text).toContain('- Verschil van inzicht gemarkeerd (1)');
    expect(flagged!.text).toContain(`${PUBLIC_URL}/notifications`);
    expect(flagged!.raw).toMatch(/^From: Werkplek <werkplek@example\.nl>/m);
    // The BA chose a digest and the reviewer none: nothing yet.
    expect(mailTo('ba@example.org')).toEqual([]);

    // 07:30 in Amsterdam: not the BA's hour.
    expect(await server.workspace.sendDigestsNow()).toBe(0);
    clock = Date.parse('2026-12-02T07:00:00.000Z');
    // Two runs at once (as two nodes would): one digest.
    expect((await Promise.all([server.workspace.sendDigestsNow(), server.workspace.sendDigestsNow()])).reduce((a, b) => a + b)).toBe(1);
    clock += 30 * 60_000;
    expect(await server.workspace.sendDigestsNow()).toBe(0);
    const digests = mailTo('ba@example.org');
    expect(digests).toHaveLength(1);
    expect(digests[0]!.subject).toBe('Consultation workspace: 2 new notifications');
    expect(digests[0]!.text).toContain('- Comment added (1)');
    expect(digests[0]!.text).toContain('- Invited as reviewer (1)');
    expect(digests[0]!.text).toContain(`${PUBLIC_URL}/notifications`);

    // The next day at 08:00 nothing new waits: no digest.
    clock = Date.parse('2026-12-03T07:05:00.000Z');
    expect(await server.workspace.sendDigestsNow()).toBe(0);
    expect(mailTo('reviewer@example.org')).toEqual([]);

    expect(smtp.received).toHaveLength(3);
    for (const mail of smtp.received) expectNoSecrets(mail);
  });

  it('a mail that cannot be sent fails nothing: the command succeeds, the failure is counted', async () => {
    const closed = await startSmtpSink();
    await closed.close();
    const other = await startTestServer({ store: 'memory', config: { SMTP_URL: closed.url } });
    const otherTokens = await loginAll(other);
    await notificationsOf(other, otherTokens.va).putSettings({ email: 'va@example.org', mode: 'immediate', digestHour: 8, language: 'nl' });
    const c = await newCase(other, otherTokens);
    expect((await c.ba.flag('d240', SECRETS.rationale)).status).toBe(200);
    await other.workspace.notificationMailsSettled();
    const counted = (await other.workspace.metrics.notificationMails.get()).values;
    expect(counted).toContainEqual(expect.objectContaining({ labels: { mode: 'immediate', outcome: 'failed' }, value: 1 }));
    expect((await notificationsOf(other, otherTokens.va).list()).body.unread).toBe(1);
  });
});

function expectNoSecrets(mail: ReceivedMail): void {
  for (const secret of Object.values(SECRETS)) {
    const word = secret.split(' ')[0]!;
    for (const part of [mail.raw, mail.subject, mail.text]) expect(part.toUpperCase()).not.toContain(word.toUpperCase());
  }
  // Nor the case's id, its section or the actor: only the kind, how many, and the link.
  expect(mail.text).not.toMatch(/d240|Anna Bakker|Victor Visser/);
}
