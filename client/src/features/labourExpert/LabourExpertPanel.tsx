import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LabourExpertCandidate } from '../../../../shared/labourExpertApi.ts';
import { MAX_OBJECTION_REASON_CHARS } from '../../../../shared/limits.ts';
import type { LabourExpertGrant } from '../../../../shared/workflow/labourExpert.ts';
import { TextAreaField } from '../workflow/Fields.tsx';
import { useCandidates } from '../workflow/useCandidates.ts';
import { useCommand, useWorkflowContext } from '../workflow/WorkflowContext.tsx';
import { useActorLabel, useDateTimeFormat } from '../workspace/labels.ts';
import { CaseClosing } from './CaseClosing.tsx';
import { labourExpertApi } from './labourExpertApi.ts';
import { LabourExpertError } from './LabourExpertError.tsx';
import './labourExpert.css';

/**
 * The physicians' view of the case's arbeidsdeskundige (shared/workflow/labourExpert.ts):
 * invite one, see who invited whom, object (the physician who did not invite) or
 * revoke (either), and close the case. Every state shown is the server's: the
 * command's answer or a push, through the workflow the page holds.
 */
export function LabourExpertPanel() {
  const { t } = useTranslation();
  const { workflow } = useWorkflowContext();
  if (!workflow) return <p className="muted">{t('workflow.unavailable')}</p>;
  const { labourExpert, closed } = workflow;

  return (
    <section aria-labelledby="labour-expert-heading" className="card labour-expert-panel" data-testid="labour-expert-panel">
      <h2 id="labour-expert-heading">{t('labourExpert.heading')}</h2>
      {closed ? (
        <CaseClosing closed={closed} />
      ) : (
        <>
          <p className="muted small">{t('labourExpert.intro')}</p>
          {labourExpert ? <Invitation grant={labourExpert} /> : <InviteForm />}
          <CaseClosing closed={null} />
        </>
      )}
    </section>
  );
}

function InviteForm() {
  const { t } = useTranslation();
  const { caseId } = useWorkflowContext();
  const command = useCommand();
  const candidates = useCandidates<LabourExpertCandidate>(caseId, labourExpertApi.candidates);
  const [username, setUsername] = useState('');
  const id = useId();

  return (
    <form
      className="inline-form labour-expert-panel__invite"
      onSubmit={(event) => {
        event.preventDefault();
        if (username) void command.run(() => labourExpertApi.invite(caseId, username));
      }}
    >
      <p data-testid="labour-expert-none">{t('labourExpert.none')}</p>
      {candidates?.length === 0 ? (
        <p className="muted">{t('labourExpert.noCandidates')}</p>
      ) : (
        <p>
          <label htmlFor={id}>{t('labourExpert.choose')}</label>{' '}
          <select
            id={id}
            required
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            disabled={!candidates}
            data-testid="labour-expert-choice"
          >
            <option value="">{candidates ? t('labourExpert.placeholder') : t('app.loading')}</option>
            {candidates?.map((candidate) => (
              <option key={candidate.username} value={candidate.username}>
                {candidate.organisation ? t('labourExpert.candidate', { name: candidate.name, organisation: candidate.organisation }) : candidate.name}
              </option>
            ))}
          </select>{' '}
          <button type="submit" disabled={command.busy || !username}>
            {t('labourExpert.invite')}
          </button>
        </p>
      )}
      <LabourExpertError error={command.error} />
    </form>
  );
}

/** Who is invited by whom; the inviter may revoke, the other physician may also object. */
function Invitation({ grant }: { grant: LabourExpertGrant }) {
  const { t } = useTranslation();
  const { caseId, userId } = useWorkflowContext();
  const actor = useActorLabel();
  const formatTime = useDateTimeFormat();
  const command = useCommand();
  const [objecting, setObjecting] = useState(false);
  const [reason, setReason] = useState('');
  const inviter = grant.invitedBy.userId === userId;

  return (
    <div className="labour-expert-panel__invitation">
      <p data-testid="labour-expert-invitation">
        {t('labourExpert.invited', { name: grant.name, by: actor(grant.invitedBy), at: formatTime(grant.invitedAt) })}
      </p>
      {objecting ? (
        <form
          className="stacked-form"
          data-testid="labour-expert-objection"
          onSubmit={(event) => {
            event.preventDefault();
            void command.run(() => labourExpertApi.object(caseId, reason));
          }}
        >
          <p className="muted small">{t('labourExpert.objectHint')}</p>
          <TextAreaField label={t('labourExpert.objectionReason')} rows={3} maxLength={MAX_OBJECTION_REASON_CHARS} value={reason} onChange={setReason} />
          <p className="actions">
            <button type="submit" disabled={command.busy}>
              {t('labourExpert.submitObjection')}
            </button>
            <button type="button" className="button--secondary" onClick={() => (setObjecting(false), command.clearError())}>
              {t('labourExpert.cancel')}
            </button>
          </p>
        </form>
      ) : (
        <p className="actions">
          {!inviter && (
            <button type="button" onClick={() => setObjecting(true)}>
              {t('labourExpert.object')}
            </button>
          )}
          <button type="button" className="button--secondary" disabled={command.busy} onClick={() => void command.run(() => labourExpertApi.revoke(caseId))}>
            {t('labourExpert.revoke')}
          </button>
        </p>
      )}
      <LabourExpertError error={command.error} />
    </div>
  );
}
