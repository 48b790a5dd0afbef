import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors.ts';
import { createMemoryStores } from '../../server/store/memory/index.ts';
import type { WorkflowRecord, WorkflowStore } from '../../server/store/ports.ts';
import { CaseIntegrity } from '../../server/workflow/CaseIntegrity.ts';
import { checkCaseLog, checkHead } from '../../server/workflow/caseCheck.ts';
import { GENESIS_HASH, hashEnvelope, legacyHashEnvelope, verifyChain } from '../../server/workflow/eventChain.ts';
import { sealHead } from '../../server/workflow/headSeal.ts';
import { createLogKey } from '../../server/workflow/logKey.ts';
import { VerifiedWorkflowStore } from '../../server/workflow/VerifiedWorkflowStore.ts';
import { CaseBusyError, UnknownCaseError, verifyCase } from '../../server/workflow/verifyCase.ts';
import {
  changeRationale,
  chainSample,
  commitSample,
  createSampleCase,
  DISPUTE_ID,
  legacySample,
  REVIEWER,
  rechain,
  SAMPLE_EVENTS,
  SECTION_IDS,
  sealedSample,
  TEST_LOG_KEY,
  WRONG_LOG_KEY,
} from '../helpers/caseLog.ts';

const CASE = 'c-unit';
const key = TEST_LOG_KEY;
const keyed = () => sealedSample(CASE);

/** The stored record after the sample's last commit. */
function sealedRecord(): WorkflowRecord {
  const last = keyed().commits.at(-1)!;
  return { seq: last.envelope.seq, hash: last.envelope.hash, state: last.state, reviewers: last.reviewers, seal: last.seal };
}

const caseLog = (record: WorkflowRecord | null, events = keyed().chained.events) => ({ caseId: CASE, record, events });

describe('the keyed event chain', () => {
  const { events } = keyed().chained;

  it('an intact chain verifies; each hash is an HMAC with the log key, not the bare SHA-256', () => {
    expect(verifyChain(events, key)).toEqual({ ok: true, events: SAMPLE_EVENTS });
    expect(events[0]!.hash).not.toBe(legacyHashEnvelope(events[0]!));
    expect(verifyChain(events, WRONG_LOG_KEY)).toMatchObject({ ok: false, problem: 'chain.rewritten', seq: 1 });
  });

  it('the event and head keys are derived apart, and differ per secret', () => {
    expect(key.events.equals(key.head)).toBe(false);
    expect(createLogKey('x'.repeat(32)).id).not.toBe(createLogKey('y'.repeat(32)).id);
    expect(createLogKey('x'.repeat(32)).id).toBe(createLogKey('x'.repeat(32)).id);
  });

  it('a removed or reordered event is missing; a broken link is named', () => {
    expect(verifyChain([events[0]!, events[2]!], key)).toMatchObject({ ok: false, problem: 'event.missing', seq: 3 });
    expect(verifyChain([events[1]!, events[0]!], key)).toMatchObject({ ok: false, problem: 'event.missing', seq: 2 });
    const relinked = [events[0]!, { ...events[1]!, prevHash: GENESIS_HASH }];
    expect(verifyChain(relinked, key)).toMatchObject({ ok: false, problem: 'event.link', seq: 2 });
  });

  it('an event changed in place, the rest untouched, is changed', () => {
    expect(verifyChain([changeRationale(events[0]!), ...events.slice(1)], key)).toMatchObject({ ok: false, problem: 'event.changed', seq: 1 });
    expect(verifyChain([...events.slice(0, 2), changeRationale(events[2]!), ...events.slice(3)], key)).toMatchObject({ problem: 'event.changed', seq: 3 });
  });

  it('a chain recomputed from an event on is rewritten, saying with what', () => {
    const unkeyed = rechain(events, 3, changeRationale, legacyHashEnvelope);
    expect(verifyChain(unkeyed, key)).toMatchObject({ ok: false, problem: 'chain.rewritten', seq: 3, detail: expect.stringMatching(/bare SHA-256/) });
    const otherKey = rechain(events, 1, changeRationale, (u) => hashEnvelope(WRONG_LOG_KEY, u));
    expect(verifyChain(otherKey, key)).toMatchObject({ ok: false, problem: 'chain.rewritten', seq: 1, detail: expect.stringMatching(/another key/) });
    // Only the newest event rehashed with the bare SHA-256: still an unkeyed rewrite, not an edit.
    const lastOnly = rechain(events, SAMPLE_EVENTS, (e) => e, legacyHashEnvelope);
    expect(verifyChain(lastOnly, key)).toMatchObject({ problem: 'chain.rewritten', seq: SAMPLE_EVENTS });
  });

  it('a legacy prefix verifies with the bare SHA-256, and only up to legacySeq', () => {
    const legacy = legacySample(CASE).events;
    expect(verifyChain(legacy, key, SAMPLE_EVENTS)).toEqual({ ok: true, events: SAMPLE_EVENTS });
    expect(verifyChain(legacy, key, 2)).toMatchObject({ ok: false, problem: 'chain.rewritten', seq: 3 });
    expect(verifyChain(legacy, key, 0)).toMatchObject({ ok: false, seq: 1 });
  });
});

describe('the full check of a case (checkCaseLog)', () => {
  it('an intact case passes; a case nobody acted on too', () => {
    expect(checkCaseLog(key, SECTION_IDS, caseLog(sealedRecord()))).toEqual({ ok: true, events: SAMPLE_EVENTS, legacyEvents: 0 });
    expect(checkCaseLog(key, SECTION_IDS, caseLog(null, []))).toMatchObject({ ok: true, events: 0 });
  });

  it('events without a state row, a truncated log, a log past its head, another head hash', () => {
    const { events } = keyed().chained;
    expect(checkCaseLog(key, SECTION_IDS, caseLog(null))).toMatchObject({ ok: false, problem: 'state.missing', seq: 1 });
    expect(checkCaseLog(key, SECTION_IDS, caseLog(sealedRecord(), events.slice(0, 3)))).toMatchObject({ problem: 'log.truncated', seq: 4 });
    const behind = { ...keyed().commits[2]!, seq: 3 };
    const row = { seq: 3, hash: behind.envelope.hash, state: behind.state, reviewers: behind.reviewers, seal: behind.seal };
    expect(checkCaseLog(key, SECTION_IDS, caseLog(row))).toMatchObject({ problem: 'head.behind', seq: 4 });
    expect(checkCaseLog(key, SECTION_IDS, caseLog({ ...sealedRecord(), hash: 'f'.repeat(64) }))).toMatchObject({ problem: 'head.mismatch', seq: 5 });
  });

  it('a stored state that differs from the replay is forged, naming the section (and nothing it says)', () => {
    const record = sealedRecord();
    record.state.sections.d240!.status = 'agreed';
    const check = checkCaseLog(key, SECTION_IDS, caseLog(record));
    expect(check).toMatchObject({ ok: false, problem: 'state.forged', detail: expect.stringMatching(/section d240/) });
    const injected = sealedRecord();
    (injected.state.sections as Record<string, unknown>)['Patiënt heeft rugklachten'] = injected.state.sections.d240;
    const named = checkCaseLog(key, SECTION_IDS, caseLog(injected));
    expect(named).toMatchObject({ problem: 'state.forged', detail: expect.stringMatching(/sections the template does not have/) });
    expect(JSON.stringify(named)).not.toContain('rugklachten');
  });

  it('grants the replay does not justify, or misses, are named', () => {
    const extra = { ...sealedRecord(), reviewers: [...sealedRecord().reviewers, { userId: 'u-intruder', disputeId: DISPUTE_ID }] };
    expect(checkCaseLog(key, SECTION_IDS, caseLog(extra))).toMatchObject({ problem: 'reviewers.unjustified', detail: expect.stringMatching(/u-intruder/) });
    expect(checkCaseLog(key, SECTION_IDS, caseLog({ ...sealedRecord(), reviewers: [] }))).toMatchObject({
      problem: 'reviewers.missing',
      detail: expect.stringContaining(REVIEWER.userId),
    });
  });

  it('a missing seal, a seal of another key, a seal over another head', () => {
    expect(checkCaseLog(key, SECTION_IDS, caseLog({ ...sealedRecord(), seal: null }))).toMatchObject({ problem: 'seal.missing' });
    const wrongKey = sealedSample(CASE, WRONG_LOG_KEY).commits.at(-1)!.seal;
    expect(checkCaseLog(key, SECTION_IDS, caseLog({ ...sealedRecord(), seal: wrongKey }))).toMatchObject({ problem: 'seal.invalid' });
    const record = sealedRecord();
    const otherCase = sealHead(key, { caseId: 'c-other', seq: record.seq, hash: record.hash, state: record.state, reviewers: record.reviewers, legacySeq: 0 });
    expect(checkCaseLog(key, SECTION_IDS, caseLog({ ...record, seal: otherCase }))).toMatchObject({ problem: 'seal.invalid' });
  });

  it('a seal does not depend on the order the grants come in', () => {
    const record = sealedRecord();
    const grants = [
      { userId: 'u-b', disputeId: 'd2' },
      { userId: 'u-a', disputeId: 'd1' },
    ];
    const head = { caseId: CASE, seq: record.seq, hash: record.hash, state: record.state, legacySeq: 0 };
    expect(sealHead(key, { ...head, reviewers: grants })).toEqual(sealHead(key, { ...head, reviewers: [...grants].reverse() }));
    expect(sealHead(key, { ...head, reviewers: grants })).not.toEqual(sealHead(key, { ...head, reviewers: grants.slice(1) }));
  });

  it('a legacy log without a seal reads as legacy and lacks only the seal; a state stored before sessions existed matches', () => {
    const legacy = legacySample(CASE);
    const { sessions: _sessions, ...withoutSessions } = legacy.state;
    const row = {
      seq: SAMPLE_EVENTS,
      hash: legacy.events.at(-1)!.hash,
      state: withoutSessions as typeof legacy.state,
      reviewers: legacy.reviewers,
      seal: null,
    };
    expect(checkCaseLog(key, SECTION_IDS, caseLog(row, legacy.events))).toMatchObject({ ok: false, problem: 'seal.missing' });
    const sealed = { ...row, seal: sealHead(key, { caseId: CASE, ...row, legacySeq: SAMPLE_EVENTS }) };
    expect(checkCaseLog(key, SECTION_IDS, caseLog(sealed, legacy.events))).toEqual({ ok: true, events: SAMPLE_EVENTS, legacyEvents: SAMPLE_EVENTS });
  });
});

describe('the check on every load (checkHead)', () => {
  const { events } = keyed().chained;
  const tail = events.slice(-1);

  it('passes an intact head and a case nobody acted on', () => {
    expect(checkHead(key, CASE, sealedRecord(), tail)).toMatchObject({ ok: true });
    expect(checkHead(key, CASE, null, [])).toMatchObject({ ok: true });
  });

  it('names a missing row, seal, head event, a head past the log, a rehashed newest event, a broken seal', () => {
    expect(checkHead(key, CASE, null, events)).toMatchObject({ problem: 'state.missing' });
    expect(checkHead(key, CASE, { ...sealedRecord(), seal: null }, tail)).toMatchObject({ problem: 'seal.missing' });
    expect(checkHead(key, CASE, sealedRecord(), [])).toMatchObject({ problem: 'log.truncated', seq: SAMPLE_EVENTS });
    expect(checkHead(key, CASE, sealedRecord(), [...tail, { ...tail[0]!, seq: SAMPLE_EVENTS + 1 }])).toMatchObject({ problem: 'head.behind' });
    const rehashed = rechain(events, SAMPLE_EVENTS, (e) => e, legacyHashEnvelope).slice(-1);
    expect(checkHead(key, CASE, { ...sealedRecord(), hash: rehashed[0]!.hash }, rehashed)).toMatchObject({ problem: 'chain.rewritten' });
    const edited = { ...sealedRecord(), reviewers: [] };
    expect(checkHead(key, CASE, edited, tail)).toMatchObject({ problem: 'seal.invalid' });
  });
});

describe('verifyCase against a store', () => {
  it('checks a committed case in full, and refuses an unknown case id', async () => {
    const stores = createMemoryStores();
    await commitSample(stores, CASE);
    expect(await verifyCase(stores, key, CASE)).toEqual({ ok: true, events: SAMPLE_EVENTS, legacyEvents: 0 });
    await expect(verifyCase(stores, key, 'nope')).rejects.toBeInstanceOf(UnknownCaseError);
  });

  it('a command committed between reading the row and the log is not taken for tampering', async () => {
    const stores = createMemoryStores();
    await createSampleCase(stores.records, CASE);
    const { commits } = sealedSample(CASE);
    for (const c of commits.slice(0, -1)) await stores.workflow.commit(c.envelope, c.state, c.reviewers, c.seal);
    const last = commits.at(-1)!;
    let raced = false;
    const racing: WorkflowStore = Object.assign(Object.create(stores.workflow) as WorkflowStore, {
      async listEvents(caseId: string, afterSeq?: number) {
        if (!raced) {
          raced = true;
          await stores.workflow.commit(last.envelope, last.state, last.reviewers, last.seal);
        }
        return stores.workflow.listEvents(caseId, afterSeq);
      },
    });
    expect(await verifyCase({ records: stores.records, workflow: racing, templates: stores.templates }, key, CASE)).toEqual({
      ok: true,
      events: SAMPLE_EVENTS,
      legacyEvents: 0,
    });
  });

  it('a case that moves under every read is not judged', async () => {
    const stores = createMemoryStores();
    await commitSample(stores, CASE);
    // Each read of the row shows another head just behind the log, as if a command landed each time.
    let reads = 0;
    const moving: WorkflowStore = Object.assign(Object.create(stores.workflow) as WorkflowStore, {
      async load(caseId: string) {
        const record = await stores.workflow.load(caseId);
        return record && { ...record, seq: record.seq - 1, hash: `moved-${reads++}` };
      },
    });
    await expect(verifyCase({ records: stores.records, workflow: moving, templates: stores.templates }, key, CASE)).rejects.toBeInstanceOf(CaseBusyError);
  });
});

describe('quarantine (CaseIntegrity) and the checked store', () => {
  function setup() {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
    const stores = createMemoryStores();
    const integrity = new CaseIntegrity({ records: stores.records, workflow: stores.workflow, templates: stores.templates, key, log });
    return { stores, integrity, checked: new VerifiedWorkflowStore(stores.workflow, integrity), lines };
  }

  it('a case failing the check on load is refused with case.integrity from then on, and logged once without its content', async () => {
    const { stores, integrity, checked, lines } = setup();
    const { events } = await commitSample(stores, CASE);
    expect((await checked.load(CASE))!.seq).toBe(SAMPLE_EVENTS);
    const record = (await stores.workflow.load(CASE))!;
    // The rationale is flipped, and the log recomputed with the bare SHA-256: the row's head no longer fits.
    const memory = stores.workflow as unknown as { events: Map<string, unknown> };
    memory.events.set(CASE, rechain(events, 1, changeRationale, legacyHashEnvelope));
    const refused = await checked.load(CASE).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({
      status: 503,
      id: 'case.integrity',
      message: 'The record of this case does not match its log; an administrator must check it',
    });
    // Repaired behind its back: still refused, until a restart checks it again.
    memory.events.set(CASE, events);
    await expect(checked.load(CASE)).rejects.toMatchObject({ id: 'case.integrity' });
    await expect(checked.listEvents(CASE)).rejects.toMatchObject({ id: 'case.integrity' });
    await expect(checked.commit(events[0]!, record.state, [], record.seal!)).rejects.toMatchObject({ id: 'case.integrity' });
    expect(integrity.report()).toEqual({ checked: 0, failed: [CASE], scan: 'pending' });
    const errors = lines.filter((line) => line.includes('"level":50'));
    expect(errors).toHaveLength(1);
    expect(JSON.parse(errors[0]!)).toMatchObject({ cat: 'integrity', caseId: CASE, problem: 'head.mismatch' });
    expect(lines.join('')).not.toMatch(/ziet|Altijd al|tillen/i);
  });

  it('the scan checks every case in full, names what fails, and leaves the rest open', async () => {
    const { stores, integrity, checked } = setup();
    await commitSample(stores, CASE);
    const { events } = await commitSample(stores, 'c-edited');
    const memory = stores.workflow as unknown as { events: Map<string, unknown> };
    // Changed in place, hash kept: only the full check sees it.
    memory.events.set('c-edited', [changeRationale(events[0]!), ...events.slice(1)]);
    expect((await checked.load('c-edited'))!.seq).toBe(SAMPLE_EVENTS);
    expect(await integrity.scanAll()).toEqual({ checked: 2, failed: ['c-edited'], scan: 'done' });
    await expect(checked.load('c-edited')).rejects.toMatchObject({ id: 'case.integrity' });
    expect((await checked.load(CASE))!.seq).toBe(SAMPLE_EVENTS);
    expect(integrity.scanAll()).toBe(integrity.scanAll());
  });

  it('a reviewer grant slipped in opens nothing; a genuine one still does', async () => {
    const { stores, checked } = setup();
    await commitSample(stores, CASE);
    await commitSample(stores, 'c-grant');
    expect(await checked.isReviewer(CASE, REVIEWER.userId)).toBe(true);
    const memory = stores.workflow as unknown as { records: Map<string, WorkflowRecord> };
    const row = memory.records.get('c-grant')!;
    memory.records.set('c-grant', { ...row, reviewers: [...row.reviewers, { userId: 'u-intruder', disputeId: DISPUTE_ID }] });
    expect(await stores.workflow.isReviewer('c-grant', 'u-intruder')).toBe(true);
    expect(await checked.isReviewer('c-grant', 'u-intruder')).toBe(false);
    expect(await checked.isReviewer('c-grant', REVIEWER.userId)).toBe(false);
    expect(await checked.casesReviewedBy(REVIEWER.userId)).toEqual([CASE]);
    expect(await checked.isReviewer(CASE, 'u-nobody')).toBe(false);
  });
});

describe('chainSample', () => {
  it('is a real log: every step accepted by the domain', () => {
    expect(chainSample(CASE, legacyHashEnvelope).events.map((e) => e.event.type)).toEqual([
      'disagreement.flagged',
      'agreement.proposed',
      'disagreement.flagged',
      'dispute.opened',
      'dispute.reviewer_invited',
    ]);
  });
});
