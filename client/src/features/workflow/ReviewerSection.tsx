import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewerCandidate } from '../../../../shared/api.ts';
import { MAX_OPINION_CHARS } from '../../../../shared/limits.ts';
import { DISPUTE_TRANSITIONS } from '../../../../shared/workflow/transitions.ts';
import type { Dispute, DisputeStage } from '../../../../shared/workflow/types.ts';
import { api, workflowApi } from '../../api.ts';
import { useActorLabel, useDateTimeFormat } from '../workspace/labels.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { useCandidates } from './useCandidates.ts';
import { isPhysician, useCommand, useWorkflowContext } from './WorkflowContext.tsx';

const allows = (transition: { from: readonly DisputeStage[] }, stage: DisputeStage) => transition.from.includes(stage);

/** Peer review: the invited reviewer, and their written, non-binding opinion. */
export function ReviewerSection({ dispute }: { dispute: Dispute }) {
  const { t } = useTranslation();
  const { userId, myRole } = useWorkflowContext();
  const actor = useActorLabel();
  const formatTime = useDateTimeFormat();
  const { reviewer } = dispute;

  return (
    <section className="dispute__part" data-testid="dispute-reviewer">
      <h4>{t('disputes.reviewer.heading')}</h4>
      {reviewer ? (
        <>
          <p>{t('disputes.reviewer.invited', { name: reviewer.name, by: actor(reviewer.invitedBy), at: formatTime(reviewer.invitedAt) })}</p>
          {reviewer.opinion ? (
            <>
              <p className="muted small">{t('disputes.reviewer.opinionAt', { at: formatTime(reviewer.opinion.at) })}</p>
              <blockquote className="quoted-text" data-testid="opinion-text">
                {reviewer.opinion.text}
              </blockquote>
            </>
          ) : reviewer.userId === userId && allows(DISPUTE_TRANSITIONS.recordOpinion, dispute.stage) ? (
            <OpinionForm dispute={dispute} />
          ) : (
            <p className="muted">{dispute.stage === 'peer_review' ? t('disputes.reviewer.awaiting') : t('disputes.reviewer.noOpinion')}</p>
          )}
        </>
      ) : isPhysician(myRole) && allows(DISPUTE_TRANSITIONS.inviteReviewer, dispute.stage) ? (
        <InviteForm dispute={dispute} />
      ) : (
        <p className="muted">{t('disputes.reviewer.none')}</p>
      )}
    </section>
  );
}

function InviteForm({ dispute }: { dispute: Dispute }) {
  const { t } = useTranslation();
  const { caseId } = useWorkflowContext();
  const command = useCommand();
  const candidates = useCandidates<ReviewerCandidate>(caseId, api.reviewerCandidates);
  const [username, setUsername] = useState('');
  const id = useId();

  return (
    <form
      className="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (username) void command.run(() => workflowApi.inviteReviewer(caseId, dispute.id, username));
      }}
    >
      <p className="muted small">{t('disputes.reviewer.hint')}</p>
      <label htmlFor={id}>{t('disputes.reviewer.choose')}</label>{' '}
      <select id={id} required value={username} onChange={(event) => setUsername(event.target.value)} disabled={!candidates}>
        <option value="">{candidates ? t('disputes.reviewer.placeholder') : t('app.loading')}</option>
        {candidates?.map((candidate) => (
          <option key={candidate.username} value={candidate.username}>
            {candidate.name} ({t(`roles.${candidate.role}`)})
          </option>
        ))}
      </select>{' '}
      <button type="submit" disabled={command.busy || !username}>
        {t('disputes.reviewer.invite')}
      </button>
      <ErrorMessage error={command.error} />
    </form>
  );
}

function OpinionForm({ dispute }: { dispute: Dispute }) {
  const { t } = useTranslation();
  const { caseId } = useWorkflowContext();
  const command = useCommand();
  const [text, setText] = useState('');
  const id = useId();
  return (
    <form
      className="stacked-form"
      onSubmit={(event) => {
        event.preventDefault();
        void command.run(() => workflowApi.recordOpinion(caseId, dispute.id, text));
      }}
    >
      <label htmlFor={id}>{t('disputes.reviewer.opinion')}</label>
      <p className="muted small">{t('disputes.reviewer.opinionHint')}</p>
      <textarea id={id} required rows={5} maxLength={MAX_OPINION_CHARS} value={text} onChange={(event) => setText(event.target.value)} />
      <p>
        <button type="submit" disabled={command.busy}>
          {t('disputes.reviewer.record')}
        </button>
      </p>
      <ErrorMessage error={command.error} />
    </form>
  );
}
