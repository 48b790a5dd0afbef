import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { NotificationView } from '../../shared/notifications.ts';
import { RealtimeEvent } from '../../shared/realtime.ts';
import { loginAll, newCase, notificationsOf, vaComments, type Who } from '../helpers/notificationClient.ts';
import { api } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';

describe('notifications over HTTP and socket.io', () => {
  let server: TestServer;
  let tokens: Record<Who | 'admin', string>;
  const pushed: Record<'ba' | 'va', NotificationView[]> = { ba: [], va: [] };
  const sockets: Socket[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    tokens = await loginAll(server);
    for (const who of ['ba', 'va'] as const) {
      const socket = io(server.url, { path: '/socket.io', transports: ['websocket'], auth: { token: tokens[who] }, reconnection: false });
      socket.on(RealtimeEvent.notification, (n: NotificationView) => pushed[who].push(n));
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      sockets.push(socket);
    }
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await server.close();
  });

  const of = (who: Who) => notificationsOf(server, tokens[who]);
  const inCase = async (who: Who, caseId: string) => (await of(who).list('?limit=100')).body.notifications.filter((n) => n.caseId === caseId);
  const ok = async (response: Promise<{ status: number; body: unknown }>) => {
    const { status, body } = await response;
    expect(status, JSON.stringify(body)).toBeLessThan(300);
    return body as { workflow: { disputes: { id: string }[] } };
  };

  it('a VA replaced in a case no longer sees what they were told of it, nor counts it', async () => {
    const c = await newCase(server, tokens);
    await ok(c.ba.flag('d240'));
    expect(await inCase('va', c.ba.caseId)).toHaveLength(1);
    const before = (await of('va').list()).body.unreadByCase[c.ba.caseId];
    expect(before).toBe(1);

    const users = (await api<{ id: string; username: string }[]>(server.url, 'GET', '/api/admin/users', { token: tokens.admin })).body;
    const replacement = users.find((user) => user.username === 'reviewer.demo')!;
    const replaced = await api(server.url, 'PUT', `/api/cases/${c.ba.caseId}/members/va`, { token: tokens.admin, body: { userId: replacement.id } });
    expect(replaced.status, JSON.stringify(replaced.body)).toBeLessThan(300);

    expect(await inCase('va', c.ba.caseId)).toEqual([]);
    const after = (await of('va').list()).body;
    expect(after.unreadByCase[c.ba.caseId]).toBeUndefined();
    expect(after.unread).toBe(Object.values(after.unreadByCase).reduce((sum, count) => sum + count, 0));
  });

  it('the BA flags: the VA is told, on the list and on their socket; the BA, the outsider and the reviewer are not', async () => {
    const c = await newCase(server, tokens);
    await ok(c.ba.flag('d240', 'RATIONALE-ZEER-GEHEIM'));

    const told = await inCase('va', c.ba.caseId);
    expect(told).toEqual([
      {
        id: expect.any(String),
        caseId: c.ba.caseId,
        kind: 'disagreement.flagged',
        actor: { name: 'Anna Bakker', role: 'bedrijfsarts' },
        section: 'd240',
        at: expect.any(String),
        readAt: null,
      },
    ]);
    expect(JSON.stringify(told)).not.toContain('RATIONALE');
    for (const who of ['ba', 'outsider', 'reviewer'] as const) expect(await inCase(who, c.ba.caseId)).toEqual([]);

    await waitFor(() => pushed.va.some((n) => n.id === told[0]!.id), { what: "the VA's push" });
    expect(pushed.va.find((n) => n.id === told[0]!.id)).toEqual(told[0]);
    // The BA's socket is then told of the VA's flag; nothing of the BA's own flag came before it.
    await ok(c.va.flag('d430'));
    const back = await inCase('ba', c.ba.caseId);
    expect(back.map((n) => [n.kind, n.section])).toEqual([['disagreement.flagged', 'd430']]);
    await waitFor(() => pushed.ba.some((n) => n.id === back[0]!.id), { what: "the BA's push" });
    expect(pushed.ba.filter((n) => n.caseId === c.ba.caseId)).toEqual(back);
  });

  it('the VA comments: the BA gets comment.created on that section, the VA nothing', async () => {
    const c = await newCase(server, tokens);
    expect(await vaComments(server, tokens, c.ba.caseId, 'Kan vier uur per dag werken.', 'Waarop baseer je dit?')).toBe(201);
    const told = await inCase('ba', c.ba.caseId);
    expect(told.map((n) => [n.kind, n.section, n.actor])).toEqual([['comment.created', 'd240', { name: 'Victor Visser', role: 'verzekeringsarts' }]]);
    expect(await inCase('va', c.ba.caseId)).toEqual([]);
  });

  it('a dispute: the invited reviewer gets dispute.reviewer_invited, the physicians the opinion, and no one their own step', async () => {
    const c = await newCase(server, tokens);
    await ok(c.ba.flag('d240'));
    const opened = await ok(c.ba.openDispute(['d240']));
    const disputeId = opened.workflow.disputes.at(-1)!.id;
    await ok(c.va.inviteReviewer(disputeId, 'reviewer.demo'));
    expect((await inCase('reviewer', c.ba.caseId)).map((n) => [n.kind, n.actor.role])).toEqual([['dispute.reviewer_invited', 'verzekeringsarts']]);
    await ok(c.reviewer.recordOpinion(disputeId));

    const kinds = async (who: Who) => (await inCase(who, c.ba.caseId)).map((n) => n.kind).reverse();
    expect(await kinds('ba')).toEqual(['dispute.reviewer_invited', 'dispute.opinion_recorded']);
    expect(await kinds('va')).toEqual(['disagreement.flagged', 'dispute.opened', 'dispute.opinion_recorded']);
    expect(await kinds('reviewer')).toEqual(['dispute.reviewer_invited']);
    expect((await inCase('ba', c.ba.caseId))[0]!.actor).toEqual({ name: 'Renée de Roos', role: 'reviewer' });
    expect(await kinds('outsider')).toEqual([]);
  });

  it('lists newest first in pages, with unread counts per case', async () => {
    await of('va').read({ all: true });
    const first = await newCase(server, tokens);
    const second = await newCase(server, tokens);
    for (const section of ['d160', 'd175', 'd220', 'd230', 'd240']) await ok(first.ba.flag(section));
    await ok(second.ba.flag('d240'));

    const seen: NotificationView[] = [];
    let cursor: string | null = null;
    do {
      const page = await of('va').list(`?unread=true&limit=2${cursor ? `&before=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.notifications.length).toBeLessThanOrEqual(2);
      expect(page.body.unread).toBe(6);
      expect(page.body.unreadByCase).toEqual({ [first.ba.caseId]: 5, [second.ba.caseId]: 1 });
      seen.push(...page.body.notifications);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.map((n) => n.section)).toEqual(['d240', 'd240', 'd230', 'd220', 'd175', 'd160']);
    expect(seen[0]!.caseId).toBe(second.ba.caseId);
    expect(new Set(seen.map((n) => n.id)).size).toBe(6);
  });

  it('marks read by ids, by case and all; another user’s ids change nothing and are not revealed', async () => {
    await of('va').read({ all: true });
    await of('ba').read({ all: true });
    const first = await newCase(server, tokens);
    const second = await newCase(server, tokens);
    for (const section of ['d160', 'd175', 'd220']) await ok(first.ba.flag(section));
    await ok(second.ba.flag('d240'));
    const vaIds = (await of('va').list('?unread=true')).body.notifications.map((n) => n.id);

    const foreign = await of('ba').read({ ids: vaIds });
    expect(foreign.body).toEqual({ unread: 0, unreadByCase: {} });
    expect((await of('va').list('?unread=true')).body.unread).toBe(4);

    expect((await of('va').read({ ids: [vaIds[0]!] })).body).toEqual({ unread: 3, unreadByCase: { [first.ba.caseId]: 3 } });
    const read = (await of('va').list()).body.notifications.find((n) => n.id === vaIds[0]);
    expect(read!.readAt).toEqual(expect.any(String));
    expect((await of('va').read({ caseId: first.ba.caseId })).body).toEqual({ unread: 0, unreadByCase: {} });
    await ok(second.ba.flag('d430'));
    expect((await of('va').read({ all: true })).body).toEqual({ unread: 0, unreadByCase: {} });
    expect((await of('va').list('?unread=true')).body.notifications).toEqual([]);
  });

  it('refuses bad bodies and queries with the field, changing nothing', async () => {
    const refused = async (response: Promise<{ status: number; body: { error?: { id: string; field?: string } } }>, field?: string) => {
      const { status, body } = await response;
      expect(status).toBe(400);
      expect(body.error?.id).toBe('bad_request');
      if (field) expect(body.error?.field).toBe(field);
    };
    await refused(of('va').list('?limit=0'), 'limit');
    await refused(of('va').list('?limit=101'), 'limit');
    await refused(of('va').list('?before=no%20cursor'), 'before');
    await refused(of('va').list('?unread=yes'), 'unread');
    await refused(of('va').read({}));
    await refused(of('va').read({ ids: [] }));
    await refused(of('va').read({ ids: Array.from({ length: 201 }, (_, i) => `id${i}`) }));
    await refused(of('va').read({ all: false }));
    await refused(of('va').read({ caseId: '../x' }));
    expect((await notificationsOf(server, 'not-a-token').list()).status).toBe(401);
  });

  it('settings: defaults, validation with the field, and each user sees their own', async () => {
    expect((await of('outsider').settings()).body).toEqual({ email: null, mode: 'never', digestHour: 8, language: 'nl', emailAvailable: false });
    const bad = async (body: unknown, field: string) => {
      const response = await of('outsider').putSettings(body);
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ id: 'bad_request', field });
    };
    const good = { email: 'otto@example.org', mode: 'digest', digestHour: 7, language: 'en' };
    await bad({ ...good, email: 'geen adres' }, 'email');
    await bad({ ...good, email: `${'a'.repeat(250)}@example.org` }, 'email');
    await bad({ ...good, digestHour: 24 }, 'digestHour');
    await bad({ ...good, digestHour: 7.5 }, 'digestHour');
    await bad({ ...good, email: null, mode: 'immediate' }, 'email');
    await bad({ ...good, mode: 'weekly' }, 'mode');
    await bad({ ...good, language: 'de' }, 'language');
    expect((await of('outsider').settings()).body.mode).toBe('never');

    expect((await of('outsider').putSettings(good)).body).toEqual({ ...good, emailAvailable: false });
    expect((await of('outsider').settings()).body).toEqual({ ...good, emailAvailable: false });
    expect((await of('outsider').putSettings({ ...good, email: '', mode: 'never' })).body.email).toBeNull();
    expect((await of('ba').settings()).body.email).toBeNull();
  });
});
