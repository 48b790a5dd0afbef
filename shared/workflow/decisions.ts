import type { ActorRule, Transition } from './transitions.ts';
import type { Actor, Decision, Rejection, WorkflowCommandType, WorkflowEvent } from './types.ts';

/** What the decisions of sections, disputes and sessions share: refusing, accepting, and the checks they all make. */

export const reject = (status: Rejection['status'], rule: string, message: string): Decision => ({ ok: false, rejection: { status, rule, message } });
export const accept = (event: WorkflowEvent): Decision => ({ ok: true, event });

/** The category check: reviewers do what reviewers do, physicians the rest. */
export function checkActor(rule: ActorRule, actor: Actor, command: WorkflowCommandType): Decision | null {
  const wantsReviewer = rule === 'reviewer';
  if (wantsReviewer === (actor.role === 'reviewer')) return null;
  return wantsReviewer
    ? reject(403, `${command}.only-reviewer`, 'Only the invited reviewer may do this')
    : reject(403, `${command}.only-physicians`, "Only the case's physicians may do this");
}

/**
 * The state check of a transition: null when `current` is one it starts
 * from, else a 409 `<command>.<rule>` saying where the thing stands (`where`,
 * e.g. "while the section is open").
 */
export function checkFrom<State extends string>(
  transition: Transition<State>,
  current: State,
  command: DescribedCommand,
  rule: 'state' | 'stage',
  where: string,
): Decision | null {
  if (transition.from.includes(current)) return null;
  return reject(409, `${command}.${rule}`, `${DESCRIPTIONS[command]} is not possible ${where}`);
}

export function unknownSection(id: string): Decision {
  return reject(400, 'section.unknown', `There is no section "${id}" in this assessment`);
}

/** The commands a refusal describes: those that act on something that already exists. */
export type DescribedCommand = Exclude<WorkflowCommandType, 'openDispute' | 'scheduleSession'>;

const DESCRIPTIONS: Record<DescribedCommand, string> = {
  flag: 'Flagging a disagreement',
  withdrawFlag: 'Withdrawing the flag',
  propose: 'Proposing an agreed position',
  sign: 'Signing',
  reopen: 'Reopening',
  inviteReviewer: 'Inviting a reviewer',
  recordOpinion: "Recording the reviewer's opinion",
  recordFormalRoute: 'Recording a formal route',
  recordFormalRouteOutcome: "Recording the formal route's outcome",
  closeDispute: 'Closing the dispute',
  rescheduleSession: 'Rescheduling',
  changeAgenda: 'Changing the agenda',
  cancelSession: 'Cancelling',
  startSession: 'Starting',
  selectItem: 'Moving to an agenda item',
  recordOutcome: 'Recording an outcome',
  concludeSession: 'Concluding',
  acceptSession: 'Accepting',
  declineSession: 'Declining',
  recordRivDoubt: 'Recording doubt about the current assessment',
  withdrawRivDoubt: 'Withdrawing the doubt',
  inviteLabourExpert: 'Inviting an arbeidsdeskundige',
  objectToLabourExpert: 'Objecting to the arbeidsdeskundige',
  revokeLabourExpert: 'Revoking the invitation',
  closeCase: 'Closing the case',
};
