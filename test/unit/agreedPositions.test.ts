import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { draftHash, draftSnapshot } from '../../server/collab/documentReader.ts';
import { createMemoryStores } from '../../server/store/memory/index.ts';
import type { WorkflowRecord } from '../../server/store/ports.ts';
import { checkCaseLog } from '../../server/workflow/caseCheck.ts';
import { GENESIS_HASH, hashEnvelope, sha256 } from '../../server/workflow/eventChain.ts';
import { sealHead } from '../../server/workflow/headSeal.ts';
import { loadWorkflow } from '../../server/workflow/loadWorkflow.ts';
import { QUALIFIERS_MAP } from '../../shared/qualifiers.ts';
import {
  apply,
  initialWorkflow,
  type Actor,
  type CaseWorkflow,
  type EventEnvelope,
  type SectionState,
  type WorkflowEvent,
} from '../../shared/workflow/index.ts';
import { createSampleCase, SECTION_IDS, TEST_LOG_KEY } from '../helpers/caseLog.ts';

const BA: Actor = { userId: 'u-ba', name: 'Anna Bakker', role: 'ba' };
const VA: Actor = { userId: 'u-va', name: 'Victor Visser', role: 'va' };
const CASE = 'c-agreed';

/** A joint document holding one paragraph in `d240` and, when given, a joint qualifier. */
function jointDoc(text: string, qualifier: string | null): Y.Doc {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment('d240').insert(0, [paragraph]);
  if (qualifier !== null) doc.getMap(QUALIFIERS_MAP).set('d240', qualifier);
  return doc;
}

describe('the hash of a joint draft', () => {
  it('changes when only the joint qualifier changes', () => {
    const doc = jointDoc('Samen: 4 uur per dag', '2');
    const before = draftSnapshot(doc, 'd240');
    doc.getMap(QUALIFIERS_MAP).set('d240', '3');
    const after = draftSnapshot(doc, 'd240');
    expect([before.text, before.qualifier, after.text, after.qualifier]).toEqual(['Samen: 4 uur per dag', '2', 'Samen: 4 uur per dag', '3']);
    expect(after.hash).not.toBe(before.hash);
    doc.getMap(QUALIFIERS_MAP).delete('d240');
    expect(draftSnapshot(doc, 'd240')).toMatchObject({ qualifier: null });
    expect(draftSnapshot(doc, 'd240').hash).not.toBe(before.hash);
  });

  it('is the same for the same text and qualifier, in another document', () => {
    expect(draftSnapshot(jointDoc('Samen', '+1'), 'd240')).toEqual(draftSnapshot(jointDoc('Samen', '+1'), 'd240'));
    expect(draftSnapshot(jointDoc('Samen', '+1'), 'd240').hash).not.toBe(draftSnapshot(jointDoc('Samen', '1'), 'd240').hash);
    expect(draftSnapshot(jointDoc('Samen', '2'), 'd240').hash).not.toBe(draftSnapshot(jointDoc('Samen!', '2'), 'd240').hash);
  });

  it('without a joint qualifier is the hash of the content, as proposals recorded before had it', () => {
    const doc = jointDoc('Samen', null);
    expect(draftSnapshot(doc, 'd240').hash).toBe(sha256(doc.getXmlFragment('d240').toString()));
    expect(draftHash('<paragraph>x</paragraph>', '2')).not.toBe(draftHash('<paragraph>x</paragraph>', null));
  });
});

/** An old log: a flag, a proposal and its signature as recorded before drafts carried the qualifier, and a reopening. */
const OLD_EVENTS: { actor: Actor; event: WorkflowEvent }[] = [
  { actor: BA, event: { type: 'disagreement.flagged', section: 'd240', rationale: 'BA ziet 4 uur', kind: 'hours', positions: { ba: '4 uur', va: '8 uur' } } },
  { actor: BA, event: { type: 'agreement.proposed', section: 'd240', draft: { text: 'Samen: 6 uur', hash: sha256('<p>6</p>') } } },
  { actor: VA, event: { type: 'agreement.signed', section: 'd240', hash: sha256('<p>6</p>') } },
  { actor: VA, event: { type: 'agreement.reopened', section: 'd240', reason: 'Nieuwe informatie van de werknemer' } },
];

function chain(steps: readonly { actor: Actor; event: WorkflowEvent }[]): { events: EventEnvelope[]; state: CaseWorkflow } {
  let state = initialWorkflow(SECTION_IDS);
  const events: EventEnvelope[] = [];
  for (const [index, { actor, event }] of steps.entries()) {
    const unsigned = { caseId: CASE, seq: index + 1, at: `2026-03-0${index + 1}T09:00:00.000Z`, actor, event, prevHash: events.at(-1)?.hash ?? GENESIS_HASH };
    const envelope = { ...unsigned, hash: hashEnvelope(TEST_LOG_KEY, unsigned) };
    state = apply(state, envelope);
    events.push(envelope);
  }
  return { events, state };
}

/** A section as the version before this one stored it: no kept flag, no history, no qualifier in proposals and agreements. */
function storedByOldVersion(state: CaseWorkflow): CaseWorkflow {
  const old = (section: SectionState): SectionState => {
    const { lastFlag: _flag, reopened: _reopened, proposal, agreement, ...rest } = section;
    const withoutQualifier = <T extends { qualifier: string | null }>(value: T | null) => {
      if (!value) return null;
      const { qualifier: _qualifier, ...kept } = value;
      return kept as T;
    };
    return { ...rest, proposal: withoutQualifier(proposal), agreement: withoutQualifier(agreement) };
  };
  return { ...state, sections: Object.fromEntries(Object.entries(state.sections).map(([id, section]) => [id, old(section)])) };
}

function record(events: EventEnvelope[], state: CaseWorkflow): WorkflowRecord {
  const head = { caseId: CASE, seq: events.at(-1)!.seq, hash: events.at(-1)!.hash, state, reviewers: [], legacySeq: 0 };
  return { seq: head.seq, hash: head.hash, state, reviewers: [], seal: sealHead(TEST_LOG_KEY, head) };
}

describe('agreements and their history in the state', () => {
  it('an old proposal without a qualifier gives an agreement whose qualifier is null; the flag stays readable after it', () => {
    const { state } = chain(OLD_EVENTS.slice(0, 3));
    const section = state.sections.d240!;
    expect(section.agreement).toMatchObject({ text: 'Samen: 6 uur', qualifier: null });
    expect([section.flag, section.lastFlag?.rationale]).toEqual([null, 'BA ziet 4 uur']);
  });

  it('reopening keeps the agreement in the history, with the reason, who and when', () => {
    const { state } = chain(OLD_EVENTS);
    const section = state.sections.d240!;
    expect([section.status, section.agreement]).toEqual(['open', null]);
    expect(section.reopened).toEqual([
      {
        agreement: expect.objectContaining({ text: 'Samen: 6 uur', signedBy: VA }),
        reason: 'Nieuwe informatie van de werknemer',
        by: VA,
        at: '2026-03-04T09:00:00.000Z',
      },
    ]);
  });

  it('a withdrawn flag is not kept', () => {
    const { state } = chain([OLD_EVENTS[0]!, { actor: BA, event: { type: 'disagreement.withdrawn', section: 'd240' } }]);
    expect(state.sections.d240!.lastFlag).toBeNull();
  });
});

describe('the integrity check over old and new states', () => {
  it('a state stored by the version before, over an old log, still matches a replay', () => {
    for (const length of [3, 4]) {
      const { events, state } = chain(OLD_EVENTS.slice(0, length));
      expect(checkCaseLog(TEST_LOG_KEY, SECTION_IDS, { caseId: CASE, record: record(events, storedByOldVersion(state)), events })).toMatchObject({ ok: true });
    }
  });

  it('what the old state holds is still compared: a changed agreement is found', () => {
    const { events, state } = chain(OLD_EVENTS.slice(0, 3));
    const old = storedByOldVersion(state);
    const forged = {
      ...old,
      sections: { ...old.sections, d240: { ...old.sections.d240!, agreement: { ...old.sections.d240!.agreement!, text: 'Altijd 8 uur' } } },
    };
    expect(checkCaseLog(TEST_LOG_KEY, SECTION_IDS, { caseId: CASE, record: record(events, forged), events })).toMatchObject({
      ok: false,
      problem: 'state.forged',
    });
  });

  it('a new state is compared whole: a changed reopen reason or agreed qualifier is found', () => {
    const { events, state } = chain(OLD_EVENTS);
    const d240 = state.sections.d240!;
    const reason = { ...d240, reopened: [{ ...d240.reopened![0]!, reason: 'Anders' }] };
    expect(checkCaseLog(TEST_LOG_KEY, SECTION_IDS, { caseId: CASE, record: record(events, state), events })).toMatchObject({ ok: true });
    const forged = { ...state, sections: { ...state.sections, d240: reason } };
    expect(checkCaseLog(TEST_LOG_KEY, SECTION_IDS, { caseId: CASE, record: record(events, forged), events })).toMatchObject({
      ok: false,
      problem: 'state.forged',
    });
    const agreed = chain(OLD_EVENTS.slice(0, 3));
    const a = agreed.state.sections.d240!;
    const qualifier = { ...agreed.state, sections: { ...agreed.state.sections, d240: { ...a, agreement: { ...a.agreement!, qualifier: '3' } } } };
    const check = checkCaseLog(TEST_LOG_KEY, SECTION_IDS, { caseId: CASE, record: record(agreed.events, qualifier), events: agreed.events });
    expect(check).toMatchObject({ ok: false, problem: 'state.forged' });
  });

  it('loading a state stored by the version before rebuilds it from the log, so the next stored state is a replay', async () => {
    const stores = createMemoryStores();
    await createSampleCase(stores.records, CASE);
    const { events, state } = chain(OLD_EVENTS);
    const old = storedByOldVersion(state);
    for (const envelope of events) {
      const row = record(events.slice(0, envelope.seq), old);
      await stores.workflow.commit(envelope, old, [], row.seal!);
    }
    const loaded = await loadWorkflow(stores, (await stores.records.getCase(CASE))!);
    expect(loaded.state).toEqual(state);
    expect(loaded.state.sections.d240!.reopened![0]!.reason).toBe('Nieuwe informatie van de werknemer');
  });
});
