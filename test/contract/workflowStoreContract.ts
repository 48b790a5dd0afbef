import { describe, expect, it } from 'vitest';
import { initialWorkflow, type CaseWorkflow, type EventEnvelope } from '../../shared/workflow/index.ts';
import { SeqConflictError, type AuditEntry, type HeadSeal } from '../../server/store/ports.ts';
import { useFreshFixture, type MakeStores } from './fixture.ts';

const actor = { userId: 'u-ba', name: 'Anna Bakker', role: 'ba' as const };

function envelope(caseId: string, seq: number, fields: Partial<EventEnvelope> = {}): EventEnvelope {
  return {
    caseId,
    seq,
    at: new Date(Date.UTC(2026, 10, 1, 9, 0, seq)).toISOString(),
    actor,
    event: { type: 'disagreement.withdrawn', section: `s${seq}` },
    prevHash: String(seq - 1).padStart(64, '0'),
    hash: String(seq).padStart(64, '0'),
    ...fields,
  };
}

function state(seq: number): CaseWorkflow {
  return { ...initialWorkflow(['d240', 'd430']), seq };
}

/** The adapter stores a seal as given; what it means is server/workflow/headSeal.ts's business. */
function seal(tag: string, legacySeq = 0): HeadSeal {
  return { legacySeq, mac: tag.repeat(64).slice(0, 64) };
}

const AUDIT_ROW: AuditEntry = {
  at: '2026-11-01T09:00:01.000Z',
  userId: 'u-ba',
  username: 'ba.demo',
  role: 'bedrijfsarts',
  organisationId: 'org-arbo',
  caseId: null,
  object: 'section:s1',
  action: 'write',
  outcome: 'success',
  detail: 'disagreement.withdrawn',
  ip: '127.0.0.1',
  userAgent: 'contract',
};

/** The WorkflowStore rules every adapter keeps: an append-only log, a state written with it, optimistic concurrency. */
export function workflowStoreContract(name: string, makeStores: MakeStores): void {
  describe(`WorkflowStore contract: ${name}`, () => {
    const fixture = useFreshFixture(makeStores);
    const workflow = () => fixture.stores().workflow;

    it('a case nobody acted on has no record and no events', async () => {
      expect(await workflow().load('c1')).toBeNull();
      expect(await workflow().listEvents('c1')).toEqual([]);
    });

    it('commit stores the event, the state it leads to, its hash, the grants and the seal, together', async () => {
      const first = envelope('c1', 1);
      await workflow().commit(first, state(1), [{ userId: 'u-rev', disputeId: 'd1' }], seal('a', 0));
      expect(await workflow().load('c1')).toEqual({
        seq: 1,
        hash: first.hash,
        state: state(1),
        reviewers: [{ userId: 'u-rev', disputeId: 'd1' }],
        seal: seal('a', 0),
      });
      expect(await workflow().listEvents('c1')).toEqual([first]);
    });

    it("commit appends the command's audit row with the event, and a refused commit appends none", async () => {
      const row = { ...AUDIT_ROW, caseId: 'c1' };
      await workflow().commit(envelope('c1', 1), state(1), [], seal('a'), { audit: row });
      await expect(workflow().commit(envelope('c1', 1), state(1), [], seal('a'), { audit: { ...row, detail: 'lost the race' } })).rejects.toBeInstanceOf(
        SeqConflictError,
      );
      expect(await workflow().listEvents('c1')).toHaveLength(1);
      expect(await fixture.stores().audit.list({ caseId: 'c1' })).toEqual([row]);
      expect(await fixture.stores().audit.list({ userId: 'u-ba' })).toEqual([row]);
    });

    it('the seal round-trips with its legacy prefix, and each commit replaces it', async () => {
      await workflow().commit(envelope('c1', 1), state(1), [], seal('a', 7));
      expect((await workflow().load('c1'))!.seal).toEqual(seal('a', 7));
      await workflow().commit(envelope('c1', 2), state(2), [], seal('b', 7));
      expect((await workflow().load('c1'))!.seal).toEqual(seal('b', 7));
    });

    it('events list oldest first, optionally after a sequence number, and cases are isolated', async () => {
      for (let seq = 1; seq <= 4; seq++) await workflow().commit(envelope('c1', seq), state(seq), [], seal(String(seq)));
      await workflow().commit(envelope('c2', 1), state(1), [], seal('x'));
      expect((await workflow().listEvents('c1')).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
      expect((await workflow().listEvents('c1', 2)).map((e) => e.seq)).toEqual([3, 4]);
      expect((await workflow().listEvents('c1', 3)).map((e) => e.seq)).toEqual([4]);
      expect((await workflow().listEvents('c2')).map((e) => e.seq)).toEqual([1]);
      expect((await workflow().load('c2'))!.seq).toBe(1);
    });

    it('a commit that is not the next in the log is refused with SeqConflictError and changes nothing', async () => {
      await workflow().commit(envelope('c1', 1), state(1), [{ userId: 'u-rev', disputeId: 'x' }], seal('a'));
      await expect(workflow().commit(envelope('c1', 1, { hash: 'f'.repeat(64) }), state(1), [], seal('b'))).rejects.toBeInstanceOf(SeqConflictError);
      await expect(workflow().commit(envelope('c1', 3), state(3), [], seal('c'))).rejects.toBeInstanceOf(SeqConflictError);
      const record = await workflow().load('c1');
      expect(record!.hash).toBe(envelope('c1', 1).hash);
      expect(record!.seal).toEqual(seal('a'));
      expect(record!.reviewers).toEqual([{ userId: 'u-rev', disputeId: 'x' }]);
      expect(await workflow().listEvents('c1')).toHaveLength(1);
      expect(await workflow().isReviewer('c1', 'u-rev')).toBe(true);
    });

    it('of two concurrent commits for the same place in the log exactly one wins, with its own head and seal', async () => {
      await workflow().commit(envelope('c1', 1), state(1), [], seal('0'));
      const results = await Promise.allSettled([
        workflow().commit(envelope('c1', 2, { hash: 'a'.repeat(64) }), state(2), [], seal('a')),
        workflow().commit(envelope('c1', 2, { hash: 'b'.repeat(64) }), state(2), [], seal('b')),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof SeqConflictError)).toHaveLength(1);
      expect(await workflow().listEvents('c1')).toHaveLength(2);
      const stored = (await workflow().load('c1'))!;
      expect(stored.seal!.mac[0]).toBe(stored.hash[0]);
      expect((await workflow().listEvents('c1'))[1]!.hash).toBe(stored.hash);
    });

    it('reviewer access follows the last commit: granted, listed per user, loaded with the row, revoked', async () => {
      await workflow().commit(envelope('c1', 1), state(1), [{ userId: 'u-rev', disputeId: 'd1' }], seal('a'));
      await workflow().commit(envelope('c2', 1), state(1), [{ userId: 'u-rev', disputeId: 'd2' }], seal('b'));
      expect(await workflow().isReviewer('c1', 'u-rev')).toBe(true);
      expect(await workflow().isReviewer('c1', 'u-other')).toBe(false);
      expect(await workflow().casesReviewedBy('u-rev')).toEqual(['c1', 'c2']);
      await workflow().commit(envelope('c1', 2), state(2), [], seal('c'));
      expect(await workflow().isReviewer('c1', 'u-rev')).toBe(false);
      expect((await workflow().load('c1'))!.reviewers).toEqual([]);
      expect(await workflow().casesReviewedBy('u-rev')).toEqual(['c2']);
    });

    it("the labour expert's cases follow the state row: invited, moved to another expert, closed", async () => {
      const invited = (seq: number, userId: string | null, closed = false): CaseWorkflow => ({
        ...state(seq),
        labourExpert: userId === null ? null : { userId, name: userId, invitedBy: actor, invitedAt: '2026-11-01T09:00:00.000Z' },
        closed: closed ? { reason: 'werkhervatting', by: actor, at: '2026-11-02T09:00:00.000Z' } : null,
      });
      await workflow().commit(envelope('c2', 1), invited(1, 'u-ad'), [], seal('a'));
      await workflow().commit(envelope('c1', 1), invited(1, 'u-ad'), [], seal('b'));
      await workflow().commit(envelope('c3', 1), invited(1, 'u-other'), [], seal('c'));
      expect(await workflow().casesOfLabourExpert('u-ad')).toEqual(['c1', 'c2']);
      expect(await workflow().casesOfLabourExpert('u-nobody')).toEqual([]);
      await workflow().commit(envelope('c1', 2), invited(2, 'u-other'), [], seal('d'));
      await workflow().commit(envelope('c2', 2), invited(2, 'u-ad', true), [], seal('e'));
      expect(await workflow().casesOfLabourExpert('u-ad')).toEqual([]);
      expect(await workflow().casesOfLabourExpert('u-other')).toEqual(['c1', 'c3']);
      // A state row stored before labour experts existed names none.
      const { labourExpert: _l, closed: _c, ...older } = state(1);
      await workflow().commit(envelope('c4', 1), older as CaseWorkflow, [], seal('f'));
      expect(await workflow().casesOfLabourExpert('u-other')).toEqual(['c1', 'c3']);
    });

    it('a user reviewing two disputes of one case holds two grants, each stored once', async () => {
      const grants = [
        { userId: 'u-rev', disputeId: 'd1' },
        { userId: 'u-rev', disputeId: 'd2' },
        { userId: 'u-rev', disputeId: 'd1' },
      ];
      await workflow().commit(envelope('c1', 1), state(1), grants, seal('a'));
      const stored = (await workflow().load('c1'))!.reviewers;
      expect([...stored].sort((a, b) => a.disputeId.localeCompare(b.disputeId))).toEqual(grants.slice(0, 2));
    });

    it('what is stored is a copy: changing a loaded state or listed event changes nothing stored', async () => {
      await workflow().commit(envelope('c1', 1), state(1), [], seal('a'));
      const loaded = await workflow().load('c1');
      loaded!.state.sections.d240!.status = 'agreed';
      loaded!.seal!.mac = 'tampered';
      const [event] = await workflow().listEvents('c1');
      event!.hash = 'tampered';
      expect((await workflow().load('c1'))!.state.sections.d240!.status).toBe('open');
      expect((await workflow().load('c1'))!.seal).toEqual(seal('a'));
      expect((await workflow().listEvents('c1'))[0]!.hash).toBe(envelope('c1', 1).hash);
    });

    it('the seal census: no rows, then sealed rows only', async () => {
      expect(await workflow().sealCensus()).toEqual({ anySealed: false, unsealed: [] });
      await workflow().commit(envelope('c1', 1), state(1), [], seal('a'));
      expect(await workflow().sealCensus()).toEqual({ anySealed: true, unsealed: [] });
    });

    it('rows written before the log was keyed are counted, and sealed only while still at the head they were read at', async () => {
      const legacy = (caseId: string) => [envelope(caseId, 1), envelope(caseId, 2)];
      await fixture.raw().writeLegacy('c1', legacy('c1'), state(2), [{ userId: 'u-rev', disputeId: 'd1' }]);
      await fixture.raw().writeLegacy('c2', legacy('c2'), state(2), []);
      expect(await workflow().sealCensus()).toEqual({ anySealed: false, unsealed: ['c1', 'c2'] });
      const c1 = (await workflow().load('c1'))!;
      expect(c1).toMatchObject({ seq: 2, seal: null, reviewers: [{ userId: 'u-rev', disputeId: 'd1' }] });

      const sealed = await workflow().sealLegacy([
        { caseId: 'c1', seq: 2, hash: c1.hash, seal: seal('a', 2) },
        { caseId: 'c2', seq: 1, hash: envelope('c2', 1).hash, seal: seal('b', 1) },
      ]);
      expect(sealed).toEqual(['c1']);
      expect(await workflow().load('c1')).toEqual({ ...c1, seal: seal('a', 2) });
      expect((await workflow().load('c2'))!.seal).toBeNull();
      expect(await workflow().sealCensus()).toEqual({ anySealed: true, unsealed: ['c2'] });
      // A row once sealed is never sealed again.
      expect(await workflow().sealLegacy([{ caseId: 'c1', seq: 2, hash: c1.hash, seal: seal('c', 2) }])).toEqual([]);
      expect((await workflow().load('c1'))!.seal).toEqual(seal('a', 2));
      expect(await workflow().sealLegacy([])).toEqual([]);
    });
  });
}
