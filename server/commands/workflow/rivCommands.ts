import type { CommandResult } from '../../../shared/api.ts';
import { localDate, weekOfSickness } from '../../../shared/sickness.ts';
import type { RivDoubtInput } from '../../../shared/workflowSchemas.ts';
import type { CommandDeps } from '../deps.ts';
import type { CaseTarget } from './disputeCommands.ts';
import { runWorkflowCommand } from './runWorkflowCommand.ts';

/** What the audit row names; never the reason, which is medical text. */
const OBJECT = 'riv';

/** The BA records doubt about the actueel oordeel; the server adds the week of sickness it is recorded in. */
export function recordRivDoubt(deps: CommandDeps, target: CaseTarget, input: RivDoubtInput): Promise<CommandResult> {
  return runWorkflowCommand(deps, {
    ...target,
    object: OBJECT,
    build: async ({ record }) => ({
      type: 'recordRivDoubt',
      reason: input.reason,
      week: weekOfSickness(record.firstSickDay, localDate(deps.now())),
    }),
  });
}

export function withdrawRivDoubt(deps: CommandDeps, target: CaseTarget): Promise<CommandResult> {
  return runWorkflowCommand(deps, { ...target, object: OBJECT, build: async () => ({ type: 'withdrawRivDoubt' }) });
}
