import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedSectionMoves,
  apply,
  decide,
  initialWorkflow,
  replay,
  SECTION_STATUSES,
  SESSION_STATUSES,
  STAGE_ORDER,
  type Actor,
  type AppliedEvent,
  type CaseWorkflow,
  type WorkflowCommand,
} from '../../shared/workflow/index.ts';

/**
 * Random command sequences by random actors against the pure workflow: the
 * machines never reach a state they forbid, a refusal changes nothing, and
 * replaying the log rebuilds the state.
 */
const SECTIONS = ['d240', 'd430', 'd160'];
const BA: Actor = { userId: 'u-ba', name: 'Anna Bakker', role: 'ba' };
const VA: Actor = { userId: 'u-va', name: 'Victor Visser', role: 'va' };
const REVIEWER: Actor = { userId: 'u-rev', name: 'Renée de Roos', role: 'reviewer' };
const OTHER_REVIEWER: Actor = { userId: 'u-rev2', name: 'Otto Oudeman', role: 'reviewer' };
const ACTORS = [BA, VA, REVIEWER, OTHER_REVIEWER];

const section = fc.constantFrom(...SECTIONS);
const text = fc.constantFrom('', 'Belastbaar 4 uur', 'Geen beperkingen', 'x');
const draft = fc.record({
  text: fc.constantFrom('', 'Samen: 4 uur', 'Samen: 6 uur'),
  qualifier: fc.constantFrom(null, '2'),
  hash: fc.constantFrom('h1', 'h2'),
});
const positions = fc.constant({ ba: 'BA', va: 'VA' });
const disputeId = fc.constantFrom('dispute-1', 'dispute-2');
const date = fc.constantFrom('2026-12-01', '2027-01-15');
const outcome = fc.constantFrom('agreed' as const, 'residual' as const, 'withdrawn' as const);

const command: fc.Arbitrary<WorkflowCommand> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('flag' as const),
      section,
      rationale: text,
      kind: fc.constantFrom('capacity' as const, 'hours' as const),
      positions,
    }),
  },
  fc.record({ type: fc.constant('withdrawFlag' as const), section }),
  { weight: 3, arbitrary: fc.record({ type: fc.constant('propose' as const), section, draft }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('sign' as const), section, seen: fc.constantFrom('h1', 'h2'), current: draft }) },
  fc.record({ type: fc.constant('reopen' as const), section, reason: text }),
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('openDispute' as const),
      disputeId,
      sections: fc.uniqueArray(section, { minLength: 0, maxLength: 2 }),
      question: fc.constantFrom('', 'Hoeveel uur per dag?', 'Welke belasting?'),
      reason: fc.constantFrom('persistent' as const, 'explicit' as const),
      explanation: text,
      targets: fc.record({ peerReview: fc.option(date), formalRoute: fc.option(date), closed: fc.option(date) }),
      positions: fc.constant({}),
      persistentSections: fc.uniqueArray(section, { maxLength: 3 }),
    }),
  },
  fc.record({
    type: fc.constant('inviteReviewer' as const),
    disputeId,
    reviewer: fc.constantFrom({ userId: REVIEWER.userId, name: REVIEWER.name }, { userId: OTHER_REVIEWER.userId, name: OTHER_REVIEWER.name }, null),
    independent: fc.boolean(),
  }),
  fc.record({ type: fc.constant('recordOpinion' as const), disputeId, text }),
  fc.record({
    type: fc.constant('recordFormalRoute' as const),
    disputeId,
    kind: fc.constantFrom('deskundigenoordeel' as const, 'second_opinion' as const),
    requestedBy: fc.constantFrom('employer' as const, 'employee' as const),
    requestedOn: date,
    question: text,
  }),
  fc.record({ type: fc.constant('recordFormalRouteOutcome' as const), disputeId, text, decidedOn: date }),
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('closeDispute' as const),
      disputeId,
      outcomes: fc
        .uniqueArray(section, { minLength: 1, maxLength: 2 })
        .chain((ids) => fc.tuple(...ids.map((id) => fc.tuple(fc.constant(id), outcome))))
        .map((pairs) => Object.fromEntries(pairs)),
      positions: fc.constant({}),
    }),
  },
);

const sessionId = fc.constantFrom('session-1', 'session-2');
const sessionCommand: fc.Arbitrary<WorkflowCommand> = fc.oneof(
  fc.record({
    type: fc.constant('scheduleSession' as const),
    sessionId,
    scheduledAt: fc.constant('2026-12-01T09:00:00.000Z'),
    durationMinutes: fc.constantFrom(45, 3),
    mode: fc.constantFrom('video' as const, 'fysiek' as const),
    agenda: fc.uniqueArray(section, { maxLength: 3 }),
    notBefore: fc.constantFrom('2026-11-20T00:00:00.000Z', '2027-01-01T00:00:00.000Z'),
  }),
  fc.record({
    type: fc.constant('rescheduleSession' as const),
    sessionId,
    scheduledAt: fc.constant('2026-12-02T09:00:00.000Z'),
    durationMinutes: fc.constant(30),
    mode: fc.constant('video' as const),
    notBefore: fc.constant('2026-11-20T00:00:00.000Z'),
  }),
  fc.record({ type: fc.constant('changeAgenda' as const), sessionId, agenda: fc.uniqueArray(section, { maxLength: 3 }) }),
  fc.record({ type: fc.constant('cancelSession' as const), sessionId, reason: text }),
  fc.record({ type: fc.constant('startSession' as const), sessionId }),
  fc.record({ type: fc.constant('selectItem' as const), sessionId, section }),
  fc.record({
    type: fc.constant('recordOutcome' as const),
    sessionId,
    section,
    outcome: fc.constantFrom('agreed' as const, 'still_disagree' as const, 'escalated' as const, 'deferred' as const),
    notes: text,
  }),
  fc.record({ type: fc.constant('concludeSession' as const), sessionId }),
  fc.record({ type: fc.constant('acceptSession' as const), sessionId }),
  fc.record({
    type: fc.constant('declineSession' as const),
    sessionId,
    proposedAt: fc.constantFrom(null, '2026-12-03T09:00:00.000Z'),
    reason: text,
    notBefore: fc.constant('2026-11-20T00:00:00.000Z'),
  }),
);

const step = fc.record({ actor: fc.constantFrom(...ACTORS), command: fc.oneof({ weight: 3, arbitrary: command }, { weight: 1, arbitrary: sessionCommand }) });
/** Sequences long enough to reach disputes, reviewers and closings often. */
const sequence = fc.array(step, { minLength: 1, maxLength: 80, size: 'max' });

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

interface Run {
  states: CaseWorkflow[];
  log: AppliedEvent[];
  rejected: number;
}

/** Runs a sequence: every command is decided on a frozen state, so a decision that changed it would throw. */
function run(steps: { actor: Actor; command: WorkflowCommand }[]): Run {
  let state = deepFreeze(initialWorkflow(SECTIONS));
  const states = [state];
  const log: AppliedEvent[] = [];
  let rejected = 0;
  steps.forEach(({ actor, command }, i) => {
    const decision = decide(state, command, actor);
    if (!decision.ok) {
      rejected++;
      expect([400, 403, 409]).toContain(decision.rejection.status);
      expect(decision.rejection.rule).toMatch(/^[a-zA-Z]+\.[a-z-]+$/);
      return;
    }
    const applied: AppliedEvent = { seq: log.length + 1, at: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00.000Z`, actor, event: decision.event };
    log.push(applied);
    state = deepFreeze(apply(state, applied));
    states.push(state);
  });
  return { states, log, rejected };
}

function checkInvariants(state: CaseWorkflow): void {
  expect(state.sessions.filter((s) => s.status === 'live').length).toBeLessThanOrEqual(1);
  for (const session of state.sessions) {
    expect(SESSION_STATUSES).toContain(session.status);
    expect(session.status === 'live').toBe(session.started !== null && session.concluded === null);
    if (session.status === 'concluded') expect(session.started).not.toBeNull();
    if (session.status === 'cancelled') expect(session.started).toBeNull();
    if (session.currentItem) expect(session.agenda.map((i) => i.section)).toContain(session.currentItem);
    expect(session.scheduledBy.role).not.toBe('reviewer');
    // Only the physician who did not plan the session answers it.
    if (session.answer) expect([session.answer.by.role, session.scheduledBy.role].sort()).toEqual(['ba', 'va']);
  }
  for (const [id, s] of Object.entries(state.sections)) {
    expect(SECTION_STATUSES).toContain(s.status);
    // A flag stands while the section is in disagreement, and while a proposal answers it.
    if (s.status === 'disagreement') expect(s.flag).not.toBeNull();
    if (s.flag) expect(['disagreement', 'proposed']).toContain(s.status);
    if (s.status === 'proposed') expect(s.proposal).not.toBeNull();
    if (s.status === 'agreed') {
      expect(s.agreement).not.toBeNull();
      // Signed by the other physician: never by the proposer, never by a reviewer.
      expect(s.agreement!.signedBy.userId).not.toBe(s.agreement!.proposedBy.userId);
      expect(s.agreement!.signedBy.role).not.toBe('reviewer');
      expect(s.agreement!.proposedBy.role).not.toBe('reviewer');
    }
    const dispute = s.disputeId ? state.disputes.find((d) => d.id === s.disputeId) : undefined;
    if (s.status === 'escalated') {
      expect(dispute?.stage).not.toBe('closed');
      expect(dispute?.sections).toContain(id);
    }
    if (s.status === 'resolved') {
      expect(dispute?.stage).toBe('closed');
      expect(['residual', 'withdrawn']).toContain(s.outcome);
    }
    // A section is in at most one open dispute.
    expect(state.disputes.filter((d) => d.stage !== 'closed' && d.sections.includes(id)).length).toBeLessThanOrEqual(1);
  }
  for (const dispute of state.disputes) {
    const order = dispute.timeline.map((entry) => STAGE_ORDER[entry.stage]);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(new Set(order).size).toBe(order.length);
    expect(dispute.timeline.at(-1)!.stage).toBe(dispute.stage);
    expect(dispute.timeline.every((entry) => entry.by.role !== 'reviewer')).toBe(true);
    if (dispute.reviewer?.opinion) expect(dispute.reviewer.userId).not.toBe(BA.userId);
    if (dispute.formalRoute?.kind === 'second_opinion') expect(dispute.formalRoute.requestedBy).toBe('employee');
    if (dispute.stage === 'closed') {
      for (const id of dispute.sections) {
        const outcome = dispute.closing!.outcomes[id];
        if (outcome === 'agreed') expect(state.sections[id]!.outcome === 'agreed' || state.sections[id]!.disputeId !== dispute.id).toBe(true);
      }
    }
  }
}

describe('workflow state machines under random commands by random actors', () => {
  const moves = allowedSectionMoves();

  it('never reach a state the machines forbid, and move only along allowed transitions', () => {
    fc.assert(
      fc.property(sequence, (steps) => {
        const { states } = run(steps);
        states.forEach(checkInvariants);
        for (let i = 1; i < states.length; i++) {
          for (const id of SECTIONS) {
            const before = states[i - 1]!.sections[id]!.status;
            const after = states[i]!.sections[id]!.status;
            if (before !== after) expect(moves.has(`${before}->${after}`), `${before} -> ${after}`).toBe(true);
          }
          for (const session of states[i]!.sessions) {
            const previous = states[i - 1]!.sessions.find((s) => s.id === session.id);
            // Concluded and cancelled are final.
            if (previous && (previous.status === 'concluded' || previous.status === 'cancelled')) expect(session).toEqual(previous);
          }
          for (const dispute of states[i]!.disputes) {
            const previous = states[i - 1]!.disputes.find((d) => d.id === dispute.id);
            if (previous) expect(STAGE_ORDER[dispute.stage]).toBeGreaterThanOrEqual(STAGE_ORDER[previous.stage]);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a rejected command changes nothing (decisions run on frozen states) and names its rule', () => {
    fc.assert(
      fc.property(sequence, (steps) => {
        const { rejected, log } = run(steps);
        expect(rejected + log.length).toBe(steps.length);
      }),
      { numRuns: 200 },
    );
  });

  it('replaying the event log reproduces the state', () => {
    fc.assert(
      fc.property(sequence, (steps) => {
        const { states, log } = run(steps);
        expect(replay(SECTIONS, log)).toEqual(states.at(-1));
        // Also from any point: the state after k events is the replay of the first k.
        const k = Math.floor(log.length / 2);
        expect(replay(SECTIONS, log.slice(0, k))).toEqual(states[k]);
      }),
      { numRuns: 200 },
    );
  });

  it('the sequences reach the interesting states (the generator is not idling)', () => {
    const reached = new Set<string>();
    fc.assert(
      fc.property(sequence, (steps) => {
        const { states } = run(steps);
        for (const state of states) {
          for (const s of Object.values(state.sections)) reached.add(s.status);
          for (const d of state.disputes) reached.add(`dispute:${d.stage}`);
          for (const session of state.sessions) reached.add(`session:${session.status}`);
        }
      }),
      { numRuns: 1000, seed: 42 },
    );
    for (const status of [
      ...SECTION_STATUSES,
      'dispute:opened',
      'dispute:peer_review',
      'dispute:formal_route',
      'dispute:closed',
      'session:live',
      'session:concluded',
      'session:cancelled',
    ]) {
      expect(reached, status).toContain(status);
    }
  });
});
