import type { HandedOverAgreement, LabourExpertView, ResidualDisagreement } from '../../../shared/labourExpertApi.ts';
import type { CaseWorkflow } from '../../../shared/workflow/types.ts';
import { CASE_INTEGRITY, isCaseIntegrityError } from '../../errors.ts';
import { requireParticipant } from '../../policies/participation.ts';
import { loadWorkflow } from '../../workflow/loadWorkflow.ts';
import type { CommandDeps } from '../deps.ts';
import { caseHeaderOf } from '../views.ts';
import type { CaseTarget } from './disputeCommands.ts';

const OBJECT = 'labour-expert-view';

/**
 * `GET /api/cases/:id/labour-expert-view`: what the physicians hand over to
 * the arbeidsdeskundige, read from the workflow alone (the signed texts and
 * the positions a closed dispute froze), never from the live documents.
 * Its physicians read it too, to see what the labour expert sees. Every
 * read is audited, without any of the text.
 */
export async function readLabourExpertView(deps: CommandDeps, target: CaseTarget): Promise<LabourExpertView> {
  const { record, role } = await requireParticipant(deps, {
    caseId: target.caseId,
    userId: target.principal.user.id,
    actor: target.audit,
    object: OBJECT,
    use: 'handover',
  });
  const row = { action: 'read', object: OBJECT, caseId: record.id } as const;
  try {
    const [{ state }, release] = await Promise.all([loadWorkflow(deps, record), deps.employerSummaries.latestRelease(record.id)]);
    const view: LabourExpertView = {
      case: { ...caseHeaderOf(record), closed: state.closed },
      labourExpert: state.labourExpert,
      agreed: agreedSections(state),
      residual: residualDisagreements(state),
      employerSummary: release && { version: release.version, releasedAt: release.releasedAt },
    };
    await deps.audit.record(target.audit, { ...row, outcome: 'success', detail: role });
    return view;
  } catch (error) {
    if (isCaseIntegrityError(error)) await deps.audit.record(target.audit, { ...row, outcome: 'failure', detail: CASE_INTEGRITY });
    throw error;
  }
}

/** Sections both physicians signed and that stand agreed now, in the workflow's order. */
export function agreedSections(state: CaseWorkflow): HandedOverAgreement[] {
  return Object.entries(state.sections).flatMap(([section, s]) =>
    s.status === 'agreed' && s.agreement
      ? [{ section, text: s.agreement.text, qualifier: s.agreement.qualifier ?? null, signedAt: s.agreement.signedAt, outcome: s.outcome }]
      : [],
  );
}

/** Sections a closed dispute left in residual disagreement, with both positions as frozen at its close. */
export function residualDisagreements(state: CaseWorkflow): ResidualDisagreement[] {
  return Object.entries(state.sections).flatMap(([section, s]) => {
    if (s.status !== 'resolved' || s.outcome !== 'residual') return [];
    const dispute = state.disputes.find((d) => d.id === s.disputeId);
    const positions = dispute?.closing?.positions[section];
    const closedAt = dispute?.timeline.find((entry) => entry.stage === 'closed')?.at;
    return dispute && positions && closedAt ? [{ section, disputeId: dispute.id, closedAt, positions }] : [];
  });
}
