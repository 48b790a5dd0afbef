import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { GradedScale } from '../../../../shared/template/index.ts';
import type { Agreement, Proposal } from '../../../../shared/workflow/types.ts';
import { workflowApi } from '../../api.ts';
import { useSectionText } from '../../collab/sectionText.ts';
import { useActorLabel, useDateTimeFormat } from '../workspace/labels.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { Fingerprint, QualifierLabel } from './SectionHistory.tsx';
import { wordDiff } from './textDiff.ts';
import { isPhysician, useCommand, useWorkflowContext } from './WorkflowContext.tsx';

/**
 * A proposed agreed position: the text that would be signed, what changed in
 * the joint draft since, and (for the other physician) the signature. A
 * signature covers the proposal as shown; when the draft moved on, the server
 * refuses it and the draft has to be proposed again.
 */
export function ProposalPanel({ sectionId, proposal }: { sectionId: string; proposal: Proposal }) {
  const { t } = useTranslation();
  const { caseId, userId, myRole, joint } = useWorkflowContext();
  const actor = useActorLabel();
  const formatTime = useDateTimeFormat();
  const sign = useCommand();
  const propose = useCommand();
  const current = useSectionText(joint, sectionId);
  const mayAct = isPhysician(myRole);
  const mine = proposal.by.userId === userId;
  const stale = sign.error?.id === 'sign.stale-draft';
  const { clearError } = sign;

  // A new proposal answers an earlier refusal: it is the one to read and sign now.
  useEffect(() => clearError(), [proposal.hash, clearError]);

  const proposeAgain = async () => {
    if (await propose.run(() => workflowApi.propose(caseId, sectionId))) sign.clearError();
  };

  return (
    <div className="proposal" data-testid={`proposal-${sectionId}`}>
      <p className="proposal__by">
        <strong>{t('workflow.proposal.heading')}</strong> — {t('workflow.proposal.by', { who: actor(proposal.by), at: formatTime(proposal.at) })}
      </p>
      <blockquote className="quoted-text" data-testid={`proposal-text-${sectionId}`}>
        {proposal.text}
      </blockquote>
      {current !== null && <DraftChanges sectionId={sectionId} proposed={proposal.text} current={current} />}
      {mayAct && !mine && (
        <p className="actions">
          <button type="button" disabled={sign.busy} onClick={() => void sign.run(() => workflowApi.sign(caseId, sectionId, proposal.hash))}>
            {t('workflow.proposal.sign')}
          </button>
          <span className="muted small">{t('workflow.proposal.signHint')}</span>
        </p>
      )}
      {mayAct && mine && (
        <p className="muted small">{t('workflow.proposal.waiting', { role: t(`roles.${proposal.by.role === 'ba' ? 'va' : 'ba'}`).toLowerCase() })}</p>
      )}
      <ErrorMessage error={sign.error} testId={`sign-error-${sectionId}`} />
      {stale && (
        <p className="actions">
          <button type="button" disabled={propose.busy} onClick={() => void proposeAgain()}>
            {t('workflow.proposal.proposeAgain')}
          </button>
        </p>
      )}
      <ErrorMessage error={propose.error} />
    </div>
  );
}

/** What the joint draft says now compared with the proposal, word by word. */
function DraftChanges({ sectionId, proposed, current }: { sectionId: string; proposed: string; current: string }) {
  const { t } = useTranslation();
  const changed = proposed !== current;
  return (
    <div className="draft-changes" data-testid={`proposal-diff-${sectionId}`} data-changed={String(changed)}>
      {changed ? (
        <>
          <p className="warning small">{t('workflow.proposal.changed')}</p>
          <p className="diff">
            {wordDiff(proposed, current).map((part, index) =>
              part.kind === 'same' ? (
                <span key={index}>{part.text}</span>
              ) : part.kind === 'removed' ? (
                <del key={index}>
                  <span className="visually-hidden">[{t('workflow.proposal.removed')}: </span>
                  {part.text}
                  <span className="visually-hidden">]</span>
                </del>
              ) : (
                <ins key={index}>
                  <span className="visually-hidden">[{t('workflow.proposal.added')}: </span>
                  {part.text}
                  <span className="visually-hidden">]</span>
                </ins>
              ),
            )}
          </p>
        </>
      ) : (
        <p className="muted small">{t('workflow.proposal.unchanged')}</p>
      )}
    </div>
  );
}

interface AgreementProps {
  sectionId: string;
  /** The section's qualifier scale; null for a section without an ICF code (and so without a qualifier). */
  scale: GradedScale | null;
  agreement: Agreement;
  viaDispute: boolean;
}

/**
 * An agreed position: the frozen text and qualifier with who proposed and who
 * signed it, and when, and the fingerprint the signature covers.
 */
export function AgreementPanel({ sectionId, scale, agreement, viaDispute }: AgreementProps) {
  const { t } = useTranslation();
  const actor = useActorLabel();
  const formatTime = useDateTimeFormat();
  return (
    <div className="agreement" data-testid={`agreement-${sectionId}`}>
      <p>
        <strong>{t('workflow.agreement.heading')}</strong>
        {viaDispute && ` — ${t('workflow.agreement.viaDispute')}`}
      </p>
      <blockquote className="quoted-text" data-testid={`agreement-text-${sectionId}`}>
        {agreement.text}
      </blockquote>
      {(scale || agreement.qualifier !== null) && (
        <p className="agreement__qualifier">
          {t('workflow.agreement.qualifier')} <QualifierLabel scale={scale} code={agreement.qualifier} testId={`agreement-qualifier-${sectionId}`} />
        </p>
      )}
      <ul className="signatures" data-testid={`agreement-signatures-${sectionId}`}>
        <li>{t('workflow.agreement.proposedBy', { who: actor(agreement.proposedBy), at: formatTime(agreement.proposedAt) })}</li>
        <li>{t('workflow.agreement.signedBy', { who: actor(agreement.signedBy), at: formatTime(agreement.signedAt) })}</li>
      </ul>
      <Fingerprint hash={agreement.hash} testId={`agreement-fingerprint-${sectionId}`} />
    </div>
  );
}
