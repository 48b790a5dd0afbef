import { describe, expect, it } from 'vitest';
import { initialWorkflow, type EventEnvelope } from '../../shared/workflow/index.ts';
import { SeqConflictError, type AuditEntry, type HeadSeal, type NewNotification } from '../../server/store/ports.ts';
import { useFreshStores, type MakeStores } from './fixture.ts';

const at = (second: number) => new Date(Date.UTC(2026, 10, 23, 9, 0, second)).toISOString();
/** Ids that sort as the store must order them: by the number, then the suffix. */
const idOf = (n: number, suffix = 'a') => `n${String(n).padStart(4, '0')}${suffix}`;

function notification(n: number, userId = 'u-va', caseId = 'c1', kind: NewNotification['kind'] = 'disagreement.flagged'): NewNotification {
  return { id: idOf(n, userId), userId, caseId, kind, actor: { name: 'Bea Bakker', role: 'bedrijfsarts' }, section: n % 2 ? 'd240' : null, at: at(n) };
}

const state = initialWorkflow(['d240']);
const seal: HeadSeal = { legacySeq: 0, mac: 'a'.repeat(64) };
const envelope = (seq: number): EventEnvelope => ({
  caseId: 'c1',
  seq,
  at: at(seq),
  actor: { userId: 'u-ba', name: 'Bea Bakker', role: 'ba' },
  event: { type: 'disagreement.withdrawn', section: 'd240' },
  prevHash: String(seq - 1).padStart(64, '0'),
  hash: String(seq).padStart(64, '0'),
});
const audit: AuditEntry = {
  at: at(0),
  userId: 'u-ba',
  username: 'ba.demo',
  role: 'bedrijfsarts',
  organisationId: null,
  caseId: 'c1',
  object: 'section:d240',
  action: 'write',
  outcome: 'success',
  detail: 'x',
  ip: null,
  userAgent: null,
};

/** Each user's notifications and e-mail settings (NotificationStore), and their place in the workflow commit. */
export function notificationStoreContract(name: string, makeStores: MakeStores): void {
  describe(`NotificationStore: ${name}`, () => {
    const stores = useFreshStores(makeStores);
    const store = () => stores().notifications;
    const ids = async (userId: string, query = {}) => (await store().list(userId, { unreadOnly: false, limit: 50, ...query })).notifications.map((n) => n.id);

    it('lists a user’s own notifications newest first, unread, with what was stored', async () => {
      await store().add([notification(1), notification(2), notification(3, 'u-ba')]);
      const { notifications, nextCursor } = await store().list('u-va', { unreadOnly: false, limit: 10 });
      expect(notifications).toEqual([
        { ...notification(2), readAt: null },
        { ...notification(1), readAt: null },
      ]);
      expect(nextCursor).toBeNull();
      expect(await ids('u-ba')).toEqual([idOf(3, 'u-ba')]);
      expect(await ids('nobody')).toEqual([]);
    });

    it('pages with a cursor, without losing or repeating one', async () => {
      await store().add([1, 2, 3, 4, 5].map((n) => notification(n)));
      const first = await store().list('u-va', { unreadOnly: false, limit: 2 });
      expect(first.notifications.map((n) => n.id)).toEqual([idOf(5, 'u-va'), idOf(4, 'u-va')]);
      const second = await store().list('u-va', { unreadOnly: false, limit: 2, before: first.nextCursor! });
      expect(second.notifications.map((n) => n.id)).toEqual([idOf(3, 'u-va'), idOf(2, 'u-va')]);
      const last = await store().list('u-va', { unreadOnly: false, limit: 2, before: second.nextCursor! });
      expect(last.notifications.map((n) => n.id)).toEqual([idOf(1, 'u-va')]);
      expect(last.nextCursor).toBeNull();
      expect((await store().list('u-va', { unreadOnly: false, limit: 5 })).nextCursor).toBeNull();
    });

    it('counts unread per case and marks read by ids, by case and all, only the user’s own', async () => {
      await store().add([notification(1, 'u-va', 'c1'), notification(2, 'u-va', 'c1'), notification(3, 'u-va', 'c2'), notification(4, 'u-va', 'c3')]);
      await store().add([notification(5, 'u-ba', 'c1')]);
      expect(await store().unreadCounts('u-va')).toEqual({ unread: 4, unreadByCase: { c1: 2, c2: 1, c3: 1 } });

      await store().markRead('u-va', { ids: [idOf(1, 'u-va'), idOf(5, 'u-ba'), 'unknown'] }, at(10));
      expect(await store().unreadCounts('u-va')).toEqual({ unread: 3, unreadByCase: { c1: 1, c2: 1, c3: 1 } });
      expect(await store().unreadCounts('u-ba')).toEqual({ unread: 1, unreadByCase: { c1: 1 } });
      const [read] = (await store().list('u-va', { unreadOnly: false, limit: 50 })).notifications.filter((n) => n.id === idOf(1, 'u-va'));
      expect(read!.readAt).toBe(at(10));
      expect(await ids('u-va', { unreadOnly: true })).toEqual([idOf(4, 'u-va'), idOf(3, 'u-va'), idOf(2, 'u-va')]);

      await store().markRead('u-va', { caseId: 'c1' }, at(11));
      expect(await store().unreadCounts('u-va')).toEqual({ unread: 2, unreadByCase: { c2: 1, c3: 1 } });
      await store().markRead('u-va', { all: true }, at(12));
      expect(await store().unreadCounts('u-va')).toEqual({ unread: 0, unreadByCase: {} });
      expect(await store().unreadCounts('u-ba')).toEqual({ unread: 1, unreadByCase: { c1: 1 } });
      // Marking again keeps the first time.
      const again = (await store().list('u-va', { unreadOnly: false, limit: 50 })).notifications.find((n) => n.id === idOf(1, 'u-va'));
      expect(again!.readAt).toBe(at(10));
    });

    it('counts the kinds of unread notifications after a moment', async () => {
      await store().add([
        notification(1),
        notification(2, 'u-va', 'c1', 'comment.created'),
        notification(3, 'u-va', 'c2', 'comment.created'),
        notification(4, 'u-ba'),
      ]);
      expect(await store().unreadKindsSince('u-va', null)).toEqual({ 'disagreement.flagged': 1, 'comment.created': 2 });
      expect(await store().unreadKindsSince('u-va', at(1))).toEqual({ 'comment.created': 2 });
      await store().markRead('u-va', { ids: [idOf(3, 'u-va')] }, at(9));
      expect(await store().unreadKindsSince('u-va', at(1))).toEqual({ 'comment.created': 1 });
    });

    it('refuses an id that is taken, storing none of the batch', async () => {
      await store().add([notification(1)]);
      await expect(store().add([notification(2), notification(1)])).rejects.toThrow();
      expect(await ids('u-va')).toEqual([idOf(1, 'u-va')]);
      expect(await store().unreadCounts('u-va')).toEqual({ unread: 1, unreadByCase: { c1: 1 } });
    });

    it('keeps settings per user, and lists digest subscribers', async () => {
      expect(await store().getSettings('u-va')).toBeNull();
      const digest = { email: 'va@example.org', mode: 'digest', digestHour: 7, language: 'en' } as const;
      await store().putSettings('u-va', digest);
      await store().putSettings('u-ba', { email: 'ba@example.org', mode: 'immediate', digestHour: 8, language: 'nl' });
      expect(await store().getSettings('u-va')).toEqual(digest);
      expect(await store().digestSubscribers()).toEqual([{ userId: 'u-va', settings: digest, lastDigestAt: null }]);
      await store().putSettings('u-va', { ...digest, mode: 'never' });
      expect(await store().digestSubscribers()).toEqual([]);
    });

    it('claims a digest once per moment: a compare-and-set, also when racing', async () => {
      await store().putSettings('u-va', { email: 'va@example.org', mode: 'digest', digestHour: 7, language: 'nl' });
      const racing = await Promise.all([store().claimDigest('u-va', null, at(1)), store().claimDigest('u-va', null, at(2))]);
      expect(racing.filter(Boolean)).toHaveLength(1);
      const lastDigestAt = (await store().digestSubscribers())[0]!.lastDigestAt!;
      expect([at(1), at(2)]).toContain(lastDigestAt);
      expect(await store().claimDigest('u-va', null, at(3))).toBe(false);
      expect(await store().claimDigest('u-va', lastDigestAt, at(3))).toBe(true);
      // Changing the settings keeps when the last digest went.
      await store().putSettings('u-va', { email: 'va@example.org', mode: 'digest', digestHour: 9, language: 'nl' });
      expect((await store().digestSubscribers())[0]!.lastDigestAt).toBe(at(3));
    });

    it('a workflow commit stores its notifications with the event, and a refused one stores neither', async () => {
      const commit = (seq: number, notifications: NewNotification[]) => stores().workflow.commit(envelope(seq), state, [], seal, { audit, notifications });
      await commit(1, [notification(1), notification(1, 'u-rev')]);
      expect(await ids('u-va')).toEqual([idOf(1, 'u-va')]);
      expect(await ids('u-rev')).toEqual([idOf(1, 'u-rev')]);

      // The notification row is refused (its id is taken): no event, no audit row, no other notification.
      await expect(commit(2, [notification(2), notification(1)])).rejects.toThrow();
      // The event is refused (seq taken): no notification.
      await expect(commit(1, [notification(3)])).rejects.toBeInstanceOf(SeqConflictError);

      expect(await stores().workflow.listEvents('c1')).toHaveLength(1);
      expect((await stores().workflow.load('c1'))!.seq).toBe(1);
      expect(await stores().audit.list({ caseId: 'c1' })).toHaveLength(1);
      expect(await ids('u-va')).toEqual([idOf(1, 'u-va')]);
      expect(await store().unreadCounts('u-va')).toEqual({ unread: 1, unreadByCase: { c1: 1 } });
    });
  });
}
