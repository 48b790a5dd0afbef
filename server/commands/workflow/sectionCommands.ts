import type { CommandResult } from '../../../shared/api.ts';
import type { FlagInput, ReopenInput, SignInput } from '../../../shared/workflowSchemas.ts';
import type { AuditActor } from '../../audit/Audit.ts';
import type { Principal } from '../../auth/Authenticator.ts';
import type { CommandDeps } from '../deps.ts';
import { runWorkflowCommand } from './runWorkflowCommand.ts';

/** Who asks, about which section of which case. */
export interface SectionTarget {
  caseId: string;
  sectionId: string;
  principal: Principal;
  audit: AuditActor;
}

const section = (deps: CommandDeps, target: SectionTarget, build: Parameters<typeof runWorkflowCommand>[1]['build']) =>
  runWorkflowCommand(deps, { ...target, object: `section:${target.sectionId}`, build });

/** Flags a disagreement, with both positions as they stand now. */
export function flagDisagreement(deps: CommandDeps, target: SectionTarget, input: FlagInput): Promise<CommandResult> {
  return section(deps, target, async () => ({
    type: 'flag',
    section: target.sectionId,
    rationale: input.rationale,
    kind: input.kind,
    positions: (await deps.documents.positionsOf(target.caseId, [target.sectionId]))[target.sectionId]!,
  }));
}

export function withdrawFlag(deps: CommandDeps, target: SectionTarget): Promise<CommandResult> {
  return section(deps, target, async () => ({ type: 'withdrawFlag', section: target.sectionId }));
}

/** Proposes the section's joint draft, as stored now, as the agreed position. */
export function proposeAgreement(deps: CommandDeps, target: SectionTarget): Promise<CommandResult> {
  return section(deps, target, async () => ({
    type: 'propose',
    section: target.sectionId,
    draft: await deps.documents.jointDraftOf(target.caseId, target.sectionId),
  }));
}

/** Signs the proposal the signer read, which must still be what the joint draft holds. */
export function signAgreement(deps: CommandDeps, target: SectionTarget, input: SignInput): Promise<CommandResult> {
  return section(deps, target, async () => ({
    type: 'sign',
    section: target.sectionId,
    seen: input.hash,
    current: await deps.documents.jointDraftOf(target.caseId, target.sectionId),
  }));
}

export function reopenAgreement(deps: CommandDeps, target: SectionTarget, input: ReopenInput): Promise<CommandResult> {
  return section(deps, target, async () => ({ type: 'reopen', section: target.sectionId, reason: input.reason }));
}
