import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { activeReviewers, apply, type EventEnvelope } from '../../shared/workflow/index.ts';
import { hashEnvelope, legacyHashEnvelope } from '../../server/workflow/eventChain.ts';
import { sealHead, sealNext } from '../../server/workflow/headSeal.ts';
import { sealLegacyLogs } from '../../server/workflow/sealLegacyLogs.ts';
import { checkCaseHead, verifyCase } from '../../server/workflow/verifyCase.ts';
import {
  changeRationale,
  commitSample,
  createSampleCase,
  DISPUTE_ID,
  legacySample,
  rechain,
  SAMPLE_EVENTS,
  TEST_LOG_KEY,
  WRONG_LOG_KEY,
} from '../helpers/caseLog.ts';
import { useFreshFixture, type MakeStores } from './fixture.ts';

const CASE = 'c-integrity';
const silent = pino({ level: 'silent' });

/**
 * What the keyed log and the sealed head make detectable, on each adapter,
 * with the attacker (or the older version) writing past the adapter: the
 * full check (verify-log, the scan at boot) and the check on every load.
 */
export function workflowIntegrityContract(name: string, makeStores: MakeStores): void {
  describe(`the case log against tampering: ${name}`, () => {
    const fixture = useFreshFixture(makeStores);
    const full = () => verifyCase(fixture.stores(), TEST_LOG_KEY, CASE);
    const onLoad = async () => (await checkCaseHead(fixture.stores().workflow, TEST_LOG_KEY, CASE)).check;
    const sample = () => commitSample(fixture.stores(), CASE);

    it('an intact case verifies in full and on load', async () => {
      await sample();
      expect(await full()).toEqual({ ok: true, events: SAMPLE_EVENTS, legacyEvents: 0 });
      expect((await onLoad()).ok).toBe(true);
    });

    it('deleted trailing events: the row still names the old head (log.truncated)', async () => {
      await sample();
      await fixture.raw().deleteEventsAfter(CASE, 3);
      expect(await full()).toMatchObject({ ok: false, problem: 'log.truncated', seq: 4 });
      expect(await onLoad()).toMatchObject({ ok: false, problem: 'log.truncated' });
    });

    it('an event changed in place is named (event.changed)', async () => {
      const { events } = await sample();
      await fixture.raw().replaceEvents(CASE, [changeRationale(events[0]!)]);
      expect(await full()).toMatchObject({ ok: false, problem: 'event.changed', seq: 1 });
    });

    it('the old attack, the chain recomputed with the bare SHA-256 from an event on, is a rewritten chain', async () => {
      const { events } = await sample();
      await fixture.raw().replaceEvents(CASE, rechain(events, 1, changeRationale, legacyHashEnvelope));
      expect(await full()).toMatchObject({ ok: false, problem: 'chain.rewritten', seq: 1, detail: expect.stringMatching(/bare SHA-256/) });
      expect(await onLoad()).toMatchObject({ ok: false, problem: 'head.mismatch' });
    });

    it('a chain recomputed with a wrong key, the row moved to its new head, is caught by the chain and by the seal', async () => {
      const { events } = await sample();
      const rewritten = rechain(events, 3, changeRationale, (unsigned) => hashEnvelope(WRONG_LOG_KEY, unsigned));
      await fixture.raw().replaceEvents(CASE, rewritten);
      await fixture.raw().setHead(CASE, SAMPLE_EVENTS, rewritten.at(-1)!.hash);
      expect(await full()).toMatchObject({ ok: false, problem: 'chain.rewritten', seq: 3, detail: expect.stringMatching(/another key/) });
      expect(await onLoad()).toMatchObject({ ok: false, problem: 'event.changed', seq: SAMPLE_EVENTS });
    });

    it('a forged state (a section flipped to agreed) differs from the replay; on load its seal fails', async () => {
      const { state } = await sample();
      const forged = structuredClone(state);
      forged.sections.d240!.status = 'agreed';
      await fixture.raw().setState(CASE, forged);
      expect(await full()).toMatchObject({ ok: false, problem: 'state.forged', detail: expect.stringMatching(/section d240/) });
      expect(await onLoad()).toMatchObject({ ok: false, problem: 'seal.invalid' });
    });

    it('a reviewer grant the log does not justify is named; on load the seal fails', async () => {
      await sample();
      await fixture.raw().addGrant(CASE, { userId: 'u-intruder', disputeId: DISPUTE_ID });
      expect(await full()).toMatchObject({ ok: false, problem: 'reviewers.unjustified', detail: expect.stringMatching(/u-intruder/) });
      expect(await onLoad()).toMatchObject({ ok: false, problem: 'seal.invalid' });
    });

    it('a forged state resealed with a wrong key: the seal does not verify, and the replay still differs', async () => {
      const { state, reviewers } = await sample();
      const forged = structuredClone(state);
      forged.sections.d240!.status = 'agreed';
      const head = (await fixture.stores().workflow.load(CASE))!;
      await fixture.raw().setState(CASE, forged);
      await fixture.raw().setSeal(CASE, sealHead(WRONG_LOG_KEY, { caseId: CASE, seq: head.seq, hash: head.hash, state: forged, reviewers, legacySeq: 0 }));
      expect(await onLoad()).toMatchObject({ ok: false, problem: 'seal.invalid' });
      expect(await full()).toMatchObject({ ok: false, problem: 'state.forged' });
    });

    it('a removed seal is missing, on load and in full', async () => {
      await sample();
      await fixture.raw().removeSeal(CASE);
      expect(await onLoad()).toMatchObject({ ok: false, problem: 'seal.missing' });
      expect(await full()).toMatchObject({ ok: false, problem: 'seal.missing' });
    });

    it('a keyed chain passed off as legacy (rehashed with the bare SHA-256, the legacy prefix of the seal moved) does not verify', async () => {
      const { events } = await sample();
      const rehashed = rechain(events, 1, (e) => e, legacyHashEnvelope);
      await fixture.raw().replaceEvents(CASE, rehashed);
      await fixture.raw().setHead(CASE, SAMPLE_EVENTS, rehashed.at(-1)!.hash);
      const { seal } = (await fixture.stores().workflow.load(CASE))!;
      await fixture.raw().setSeal(CASE, { ...seal!, legacySeq: SAMPLE_EVENTS });
      expect(await full()).toMatchObject({ ok: false, problem: 'seal.invalid' });
      expect(await onLoad()).toMatchObject({ ok: false, problem: 'seal.invalid' });
    });

    describe('a store written before the log was keyed', () => {
      const writeLegacy = async (caseId: string, change?: (events: EventEnvelope[]) => EventEnvelope[]) => {
        await createSampleCase(fixture.stores().records, caseId);
        const legacy = legacySample(caseId);
        await fixture.raw().writeLegacy(caseId, change ? change(legacy.events) : legacy.events, legacy.state, legacy.reviewers);
        return legacy;
      };

      it('verifies as an intact legacy log without a seal; sealed once at boot, it opens, and new events are keyed', async () => {
        const legacy = await writeLegacy(CASE);
        expect(await full()).toMatchObject({ ok: false, problem: 'seal.missing' });
        expect(await sealLegacyLogs(fixture.stores(), TEST_LOG_KEY, silent)).toEqual({ sealed: [CASE], refused: [] });
        expect(await full()).toEqual({ ok: true, events: SAMPLE_EVENTS, legacyEvents: SAMPLE_EVENTS });
        expect((await onLoad()).ok).toBe(true);

        // The next command hashes with the key, and the seal keeps the legacy prefix.
        const previous = (await fixture.stores().workflow.load(CASE))!;
        const unsigned = {
          ...legacy.events.at(-1)!,
          seq: SAMPLE_EVENTS + 1,
          prevHash: previous.hash,
          event: { type: 'disagreement.withdrawn' as const, section: 'd240' },
        };
        const next = { ...unsigned, hash: hashEnvelope(TEST_LOG_KEY, unsigned) };
        const state = apply(previous.state, next);
        const reviewers = activeReviewers(state);
        await fixture
          .stores()
          .workflow.commit(next, state, reviewers, sealNext(TEST_LOG_KEY, previous, { caseId: CASE, seq: next.seq, hash: next.hash, state, reviewers }));
        expect(await full()).toEqual({ ok: true, events: SAMPLE_EVENTS + 1, legacyEvents: SAMPLE_EVENTS });
        // Sealed once: the boot after does nothing.
        expect(await sealLegacyLogs(fixture.stores(), TEST_LOG_KEY, silent)).toEqual({ sealed: [], refused: [] });
      });

      it('a tampered legacy chain is not sealed, and stays refused', async () => {
        await writeLegacy(CASE, (events) => [changeRationale(events[0]!), ...events.slice(1)]);
        expect(await sealLegacyLogs(fixture.stores(), TEST_LOG_KEY, silent)).toEqual({ sealed: [], refused: [CASE] });
        expect((await fixture.stores().workflow.load(CASE))!.seal).toBeNull();
        expect(await full()).toMatchObject({ ok: false, problem: 'event.changed', seq: 1 });
        expect(await onLoad()).toMatchObject({ ok: false, problem: 'seal.missing' });
      });

      it('a legacy log whose stored state differs from its replay is not sealed', async () => {
        await createSampleCase(fixture.stores().records, CASE);
        const legacy = legacySample(CASE);
        const forged = structuredClone(legacy.state);
        forged.sections.d430!.status = 'agreed';
        await fixture.raw().writeLegacy(CASE, legacy.events, forged, legacy.reviewers);
        expect(await sealLegacyLogs(fixture.stores(), TEST_LOG_KEY, silent)).toEqual({ sealed: [], refused: [CASE] });
      });

      it('a keyed log whose seal was removed is not taken for legacy, even as the only row', async () => {
        await sample();
        await fixture.raw().removeSeal(CASE);
        expect(await sealLegacyLogs(fixture.stores(), TEST_LOG_KEY, silent)).toEqual({ sealed: [], refused: [CASE] });
        expect((await fixture.stores().workflow.load(CASE))!.seal).toBeNull();
      });

      it('once any row is sealed, a row without a seal is a seal removed: refused, never sealed', async () => {
        await commitSample(fixture.stores(), 'c-sealed');
        await writeLegacy(CASE);
        expect(await sealLegacyLogs(fixture.stores(), TEST_LOG_KEY, silent)).toEqual({ sealed: [], refused: [CASE] });
        expect((await fixture.stores().workflow.load(CASE))!.seal).toBeNull();
      });
    });
  });
}
