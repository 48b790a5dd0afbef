import { describe, expect, it } from 'vitest';
import { MAX_OBJECTION_REASON_CHARS } from '../../shared/limits.ts';
import {
  activeLabourExpert,
  apply,
  decide,
  initialWorkflow,
  replay,
  type Actor,
  type AppliedEvent,
  type CaseWorkflow,
  type WorkflowCommand,
} from '../../shared/workflow/index.ts';

const BA: Actor = { userId: 'u-ba', name: 'Anna Bakker', role: 'ba' };
const VA: Actor = { userId: 'u-va', name: 'Victor Visser', role: 'va' };
const REVIEWER: Actor = { userId: 'u-rev', name: 'Renée de Roos', role: 'reviewer' };
const EXPERT = { userId: 'u-ad', name: 'Aart de Deskundige' };
const invite: WorkflowCommand = { type: 'inviteLabourExpert', labourExpert: EXPERT };

const log: AppliedEvent[] = [];
function run(state: CaseWorkflow, command: WorkflowCommand, actor: Actor): CaseWorkflow {
  const decision = decide(state, command, actor);
  if (!decision.ok) throw new Error(decision.rejection.rule);
  const applied = { seq: state.seq + 1, at: `2026-11-0${state.seq + 1}T09:00:00.000Z`, actor, event: decision.event };
  log.push(applied);
  return apply(state, applied);
}
const rule = (state: CaseWorkflow, command: WorkflowCommand, actor: Actor) => {
  const decision = decide(state, command, actor);
  return decision.ok ? null : decision.rejection.rule;
};

describe('the arbeidsdeskundige in the workflow', () => {
  const open = initialWorkflow(['d240']);

  it('a physician invites one labour expert; the other sees who invited whom, and a second invitation waits for a revoke', () => {
    const invited = run(open, invite, BA);
    expect(invited.labourExpert).toEqual({ ...EXPERT, invitedBy: BA, invitedAt: '2026-11-01T09:00:00.000Z' });
    expect(activeLabourExpert(invited)).toBe('u-ad');
    expect(rule(invited, invite, VA)).toBe('inviteLabourExpert.already-invited');
    expect(rule(open, { type: 'inviteLabourExpert', labourExpert: null }, BA)).toBe('inviteLabourExpert.not-a-labour-expert');
    expect(rule(open, invite, REVIEWER)).toBe('inviteLabourExpert.only-physicians');
  });

  it('only the other physician objects, which ends the invitation; either physician revokes', () => {
    const invited = run(open, invite, BA);
    expect(rule(invited, { type: 'objectToLabourExpert', reason: '' }, BA)).toBe('objectToLabourExpert.inviter');
    const long = 'x'.repeat(MAX_OBJECTION_REASON_CHARS + 1);
    expect(rule(invited, { type: 'objectToLabourExpert', reason: long }, VA)).toBe('objectToLabourExpert.reason');
    expect(run(invited, { type: 'objectToLabourExpert', reason: 'Te vroeg' }, VA).labourExpert).toBeNull();
    expect(run(invited, { type: 'revokeLabourExpert' }, BA).labourExpert).toBeNull();
    expect(run(invited, { type: 'revokeLabourExpert' }, VA).labourExpert).toBeNull();
    expect(rule(open, { type: 'revokeLabourExpert' }, BA)).toBe('revokeLabourExpert.none');
    expect(rule(open, { type: 'objectToLabourExpert', reason: '' }, VA)).toBe('objectToLabourExpert.none');
  });

  it('closing the case ends the invitation and takes no new one; a replay of the log gives the same state', () => {
    log.length = 0;
    let state = run(open, invite, VA);
    state = run(state, { type: 'closeCase', reason: 'einde-dienstverband' }, BA);
    expect(state.closed).toEqual({ reason: 'einde-dienstverband', by: BA, at: '2026-11-02T09:00:00.000Z' });
    expect(state.labourExpert).toBeNull();
    expect(activeLabourExpert({ ...state, labourExpert: { ...EXPERT, invitedBy: VA, invitedAt: '' } })).toBeNull();
    expect(rule(state, invite, BA)).toBe('inviteLabourExpert.closed');
    expect(rule(state, { type: 'closeCase', reason: 'anders' }, VA)).toBe('closeCase.closed');
    expect(replay(['d240'], log)).toEqual(state);
  });
});
