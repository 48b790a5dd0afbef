import { describe, expect, it } from 'vitest';
import { initialWorkflow, type CaseWorkflow, type EventEnvelope } from '../../shared/workflow/index.ts';
import { SeqConflictError } from '../../server/store/ports.ts';
import { useFreshStores, type MakeStores } from './fixture.ts';

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

/** The WorkflowStore rules every adapter keeps: an append-only log, a state written with it, optimistic concurrency. */
export function workflowStoreContract(name: string, makeStores: MakeStores): void {
  describe(`WorkflowStore contract: ${name}`, () => {
    const stores = useFreshStores(makeStores);
    const workflow = () => stores().workflow;

    it('a case nobody acted on has no record and no events', async () => {
      expect(await workflow().load('c1')).toBeNull();
      expect(await workflow().listEvents('c1')).toEqual([]);
    });

    it('commit stores the event, the state it leads to and its hash, together', async () => {
      const first = envelope('c1', 1);
      await workflow().commit(first, state(1), []);
      expect(await workflow().load('c1')).toEqual({ seq: 1, hash: first.hash, state: state(1) });
      expect(await workflow().listEvents('c1')).toEqual([first]);
    });

    it('events list oldest first, optionally after a sequence number, and cases are isolated', async () => {
      for (let seq = 1; seq <= 4; seq++) await workflow().commit(envelope('c1', seq), state(seq), []);
      await workflow().commit(envelope('c2', 1), state(1), []);
      expect((await workflow().listEvents('c1')).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
      expect((await workflow().listEvents('c1', 2)).map((e) => e.seq)).toEqual([3, 4]);
      expect((await workflow().listEvents('c2')).map((e) => e.seq)).toEqual([1]);
      expect((await workflow().load('c2'))!.seq).toBe(1);
    });

    it('a commit that is not the next in the log is refused with SeqConflictError and changes nothing', async () => {
      await workflow().commit(envelope('c1', 1), state(1), [{ userId: 'u-rev', disputeId: 'x' }]);
      await expect(workflow().commit(envelope('c1', 1, { hash: 'f'.repeat(64) }), state(1), [])).rejects.toBeInstanceOf(SeqConflictError);
      await expect(workflow().commit(envelope('c1', 3), state(3), [])).rejects.toBeInstanceOf(SeqConflictError);
      expect((await workflow().load('c1'))!.hash).toBe(envelope('c1', 1).hash);
      expect(await workflow().listEvents('c1')).toHaveLength(1);
      expect(await workflow().isReviewer('c1', 'u-rev')).toBe(true);
    });

    it('of two concurrent commits for the same place in the log exactly one wins', async () => {
      await workflow().commit(envelope('c1', 1), state(1), []);
      const results = await Promise.allSettled([
        workflow().commit(envelope('c1', 2, { hash: 'a'.repeat(64) }), state(2), []),
        workflow().commit(envelope('c1', 2, { hash: 'b'.repeat(64) }), state(2), []),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof SeqConflictError)).toHaveLength(1);
      expect(await workflow().listEvents('c1')).toHaveLength(2);
    });

    it('reviewer access follows the last commit: granted, listed per user, revoked', async () => {
      await workflow().commit(envelope('c1', 1), state(1), [{ userId: 'u-rev', disputeId: 'd1' }]);
      await workflow().commit(envelope('c2', 1), state(1), [{ userId: 'u-rev', disputeId: 'd2' }]);
      expect(await workflow().isReviewer('c1', 'u-rev')).toBe(true);
      expect(await workflow().isReviewer('c1', 'u-other')).toBe(false);
      expect(await workflow().casesReviewedBy('u-rev')).toEqual(['c1', 'c2']);
      await workflow().commit(envelope('c1', 2), state(2), []);
      expect(await workflow().isReviewer('c1', 'u-rev')).toBe(false);
      expect(await workflow().casesReviewedBy('u-rev')).toEqual(['c2']);
    });

    it('what is stored is a copy: changing a loaded state or listed event changes nothing stored', async () => {
      await workflow().commit(envelope('c1', 1), state(1), []);
      const loaded = await workflow().load('c1');
      loaded!.state.sections.d240!.status = 'agreed';
      const [event] = await workflow().listEvents('c1');
      event!.hash = 'tampered';
      expect((await workflow().load('c1'))!.state.sections.d240!.status).toBe('open');
      expect((await workflow().listEvents('c1'))[0]!.hash).toBe(envelope('c1', 1).hash);
    });
  });
}
