import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GradedScale } from '../../../../shared/template/index.ts';
import { SECTION_TRANSITIONS } from '../../../../shared/workflow/transitions.ts';
import type { SectionState, SectionStatus } from '../../../../shared/workflow/types.ts';
import { workflowApi } from '../../api.ts';
import { useActorLabel, useDateTimeFormat } from '../workspace/labels.ts';
import { AgreementPanel, ProposalPanel } from './AgreementPanel.tsx';
import { ErrorMessage } from './ErrorMessage.tsx';
import { FlagDialog, ReopenDialog } from './FlagDialog.tsx';
import { EarlierFlag, ReopenedAgreements } from './SectionHistory.tsx';
import { isPhysician, useCommand, useWorkflowContext } from './WorkflowContext.tsx';

const allows = (transition: { from: readonly SectionStatus[] }, status: SectionStatus) => transition.from.includes(status);

/**
 * The workflow of one section inside its card: the flag, the proposal or the
 * agreement, and the actions this physician may take now. Which actions show
 * follows the domain's transition table; the server decides all the same.
 */
export function SectionWorkflow({
  sectionId,
  sectionLabel,
  scale = null,
  state,
}: {
  sectionId: string;
  sectionLabel: string;
  scale?: GradedScale | null;
  state: SectionState;
}) {
  const { t } = useTranslation();
  const { workflow, showDispute } = useWorkflowContext();
  const persistent = workflow?.persistent.includes(sectionId) ?? false;
  // The dispute the section is in (open), or the one that resolved it.
  const dispute = state.disputeId ? workflow?.disputes.find((d) => d.id === state.disputeId) : undefined;
  return (
    <div className="section-workflow" data-testid={`workflow-${sectionId}`}>
      {state.status === 'disagreement' && state.flag && <FlagNotice sectionId={sectionId} state={state} persistent={persistent} />}
      {state.status === 'proposed' && state.proposal && <ProposalPanel sectionId={sectionId} proposal={state.proposal} />}
      {state.status === 'agreed' && state.agreement && (
        <AgreementPanel sectionId={sectionId} scale={scale} agreement={state.agreement} viaDispute={state.outcome === 'agreed'} />
      )}
      {state.status !== 'disagreement' && state.lastFlag && <EarlierFlag sectionId={sectionId} flag={state.lastFlag} />}
      <ReopenedAgreements sectionId={sectionId} scale={scale} reopened={state.reopened ?? []} />
      {dispute && (dispute.stage !== 'closed' || state.status === 'resolved') && (
        <p className="dispute-link">
          {state.status === 'resolved' ? t('workflow.resolvedIn', { outcome: t(`workflow.outcome.${state.outcome ?? 'residual'}`) }) : t('workflow.inDispute')}{' '}
          <button type="button" className="link-button" onClick={() => showDispute(dispute.id)}>
            {t('workflow.toDispute')}
          </button>
        </p>
      )}
      <SectionActions sectionId={sectionId} sectionLabel={sectionLabel} state={state} />
    </div>
  );
}

function FlagNotice({ sectionId, state, persistent }: { sectionId: string; state: SectionState; persistent: boolean }) {
  const { t } = useTranslation();
  const actor = useActorLabel();
  const formatTime = useDateTimeFormat();
  const flag = state.flag!;
  return (
    <div className={persistent ? 'flag flag--persistent' : 'flag'} data-testid={`flag-${sectionId}`}>
      <p>
        <strong>{t('workflow.flagged.heading')}</strong> — {t('workflow.flagged.by', { who: actor(flag.by), at: formatTime(flag.at) })} ·{' '}
        {t('workflow.flagged.kind', { kind: t(`workflow.kind.${flag.kind}`) })}
      </p>
      <blockquote className="quoted-text" data-testid={`flag-rationale-${sectionId}`}>
        {flag.rationale}
      </blockquote>
      {persistent && <p className="warning small">{t('workflow.persistentNotice')}</p>}
    </div>
  );
}

/** Which commands the section's state allows this physician now, and whether its disagreement is persistent. */
function useSectionCommands(sectionId: string, state: SectionState) {
  const { userId, workflow } = useWorkflowContext();
  const { status } = state;
  const inOpenDispute = workflow?.disputes.some((d) => d.id === state.disputeId && d.stage !== 'closed') ?? false;
  const persistent = workflow?.persistent.includes(sectionId) ?? false;
  const can = {
    flag: allows(SECTION_TRANSITIONS.flag, status) && !inOpenDispute,
    withdraw: allows(SECTION_TRANSITIONS.withdrawFlag, status) && state.flag?.by.userId === userId,
    propose: allows(SECTION_TRANSITIONS.propose, status),
    escalate: allows(SECTION_TRANSITIONS.escalate, status),
    reopen: allows(SECTION_TRANSITIONS.reopen, status),
  };
  return { can, persistent };
}

type OpenDialog = 'flag' | 'reopen' | null;

function SectionActions({ sectionId, sectionLabel, state }: { sectionId: string; sectionLabel: string; state: SectionState }) {
  const { t } = useTranslation();
  const { caseId, myRole, escalate } = useWorkflowContext();
  const command = useCommand();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const { can, persistent } = useSectionCommands(sectionId, state);
  if (!isPhysician(myRole)) return null;
  const { status } = state;

  return (
    <>
      <p className="actions" data-testid={`actions-${sectionId}`}>
        {can.propose && (
          <button type="button" disabled={command.busy} onClick={() => void command.run(() => workflowApi.propose(caseId, sectionId))}>
            {status === 'proposed' ? t('workflow.actions.proposeAgain') : t('workflow.actions.propose')}
          </button>
        )}
        {can.flag && (
          <button type="button" className="button--secondary" onClick={() => setDialog('flag')}>
            {t('workflow.actions.flag')}
          </button>
        )}
        {can.withdraw && (
          <button
            type="button"
            className="button--secondary"
            disabled={command.busy}
            onClick={() => void command.run(() => workflowApi.withdrawFlag(caseId, sectionId))}
          >
            {t('workflow.actions.withdraw')}
          </button>
        )}
        {can.escalate && (
          <button
            type="button"
            className={persistent ? 'button--danger' : 'button--secondary'}
            onClick={() => escalate([sectionId], persistent ? 'persistent' : 'explicit')}
          >
            {t('workflow.actions.escalate')}
          </button>
        )}
        {can.reopen && (
          <button type="button" className="button--secondary" onClick={() => setDialog('reopen')}>
            {t('workflow.actions.reopen')}
          </button>
        )}
      </p>
      <ErrorMessage error={command.error} testId={`action-error-${sectionId}`} />
      {dialog === 'flag' && <FlagDialog sectionId={sectionId} sectionLabel={sectionLabel} onClose={() => setDialog(null)} />}
      {dialog === 'reopen' && <ReopenDialog sectionId={sectionId} sectionLabel={sectionLabel} onClose={() => setDialog(null)} />}
    </>
  );
}
