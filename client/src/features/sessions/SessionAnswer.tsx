import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_DECLINE_REASON_CHARS, MAX_VIDEO_URL_CHARS } from '../../../../shared/limits.ts';
import { isInvitee } from '../../../../shared/workflow/sessionAnswers.ts';
import type { ConsultationSession } from '../../../../shared/workflow/types.ts';
import { FormDialog } from '../workflow/Dialog.tsx';
import { TextAreaField } from '../workflow/Fields.tsx';
import { isPhysician, useCommand, useWorkflowContext } from '../workflow/WorkflowContext.tsx';
import { useActorLabel, useDateTimeFormat } from '../workspace/labels.ts';
import { SessionError } from './sessionLabels.tsx';
import { sessionsApi } from './sessionsApi.ts';

/**
 * The invitee's answer to a planned session (docs/domain.md): the physician who
 * did not plan it accepts, or declines and perhaps proposes another time,
 * which the planner can move the session to at once. Also the video link.
 */

/** The answer and the video link as facts of the session card (inside its `<dl>`). */
export function AnswerFacts({ session }: { session: ConsultationSession }) {
  const { t } = useTranslation();
  const actor = useActorLabel();
  const formatTime = useDateTimeFormat();
  const { answer } = session;
  let text = t('sessionAnswers.none');
  if (answer?.answer === 'accepted') text = t('sessionAnswers.accepted', { who: actor(answer.by) });
  else if (answer?.proposedAt) text = t('sessionAnswers.declinedProposed', { at: formatTime(answer.proposedAt) });
  else if (answer) text = t('sessionAnswers.declined', { who: actor(answer.by) });
  return (
    <>
      {session.status === 'scheduled' && (
        <>
          <dt>{t('sessionAnswers.answer')}</dt>
          <dd data-testid={`session-answer-${session.id}`} data-answer={answer?.answer ?? 'none'}>
            {text}
          </dd>
          {answer?.reason && (
            <>
              <dt>{t('sessionAnswers.reason')}</dt>
              <dd data-testid={`decline-reason-${session.id}`}>{answer.reason}</dd>
            </>
          )}
        </>
      )}
      {session.videoUrl?.startsWith('https://') && (
        <>
          <dt>{t('sessionAnswers.videoLink')}</dt>
          <dd>
            <a href={session.videoUrl} target="_blank" rel="noopener noreferrer" data-testid={`video-link-${session.id}`}>
              {session.videoUrl}
            </a>
          </dd>
        </>
      )}
    </>
  );
}

/**
 * What the physicians can do about the answer: the invitee accepts or
 * declines; the planner, after a decline with another time, moves the
 * session there in one step (same length, form and link).
 */
export function AnswerActions({ session }: { session: ConsultationSession }) {
  const { t } = useTranslation();
  const { caseId, myRole } = useWorkflowContext();
  const formatTime = useDateTimeFormat();
  const command = useCommand();
  const [declining, setDeclining] = useState(false);
  if (session.status !== 'scheduled' || !isPhysician(myRole)) return null;
  const proposedAt = session.answer?.answer === 'declined' ? session.answer.proposedAt : null;
  const invitee = isInvitee(session, { role: myRole });
  const moveToProposed = (at: string) =>
    void command.run(() => sessionsApi.reschedule(caseId, session.id, { scheduledAt: at, durationMinutes: session.durationMinutes, mode: session.mode }));

  return (
    <>
      {(invitee || proposedAt) && (
        <p className="actions" data-testid={`answer-actions-${session.id}`}>
          {invitee && session.answer?.answer !== 'accepted' && (
            <button type="button" disabled={command.busy} onClick={() => void command.run(() => sessionsApi.accept(caseId, session.id))}>
              {t('sessionAnswers.actions.accept')}
            </button>
          )}
          {invitee && (
            <button type="button" className="button--secondary" onClick={() => setDeclining(true)}>
              {t('sessionAnswers.actions.decline')}
            </button>
          )}
          {!invitee && proposedAt && (
            <button type="button" disabled={command.busy} onClick={() => moveToProposed(proposedAt)}>
              {t('sessionAnswers.actions.toProposed', { at: formatTime(proposedAt) })}
            </button>
          )}
        </p>
      )}
      <SessionError error={command.error} testId={`answer-error-${session.id}`} />
      {declining && <DeclineDialog session={session} onClose={() => setDeclining(false)} />}
    </>
  );
}

/** Declines a planned session, with another date and time if the invitee has one, and a short reason. */
function DeclineDialog({ session, onClose }: { session: ConsultationSession; onClose: () => void }) {
  const { t } = useTranslation();
  const { caseId } = useWorkflowContext();
  const command = useCommand();
  const ids = { date: useId(), time: useId() };
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [reason, setReason] = useState('');
  const proposing = date !== '' || time !== '';

  const submit = async () => {
    const proposed = proposing ? new Date(`${date}T${time}`) : null;
    if (proposed && Number.isNaN(proposed.getTime())) return false;
    const proposedAt = proposed ? proposed.toISOString() : null;
    return (await command.run(() => sessionsApi.decline(caseId, session.id, { proposedAt, reason }))) !== null;
  };

  return (
    <FormDialog
      title={t('sessionAnswers.decline.title')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('sessionAnswers.decline.submit')}
      command={command}
      errorView={SessionError}
      errorTestId="decline-error"
      testId="decline-dialog"
      returnFocusTo={`session-${session.id}-heading`}
    >
      <p className="muted small">{t('sessionAnswers.decline.hint')}</p>
      <div className="date-fields">
        <div className="field">
          <label htmlFor={ids.date}>{t('sessionAnswers.decline.date')}</label>
          <input id={ids.date} type="date" required={proposing} value={date} onChange={(event) => setDate(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.time}>{t('sessionAnswers.decline.time')}</label>
          <input id={ids.time} type="time" required={proposing} value={time} onChange={(event) => setTime(event.target.value)} />
        </div>
      </div>
      <TextAreaField label={t('sessionAnswers.decline.reason')} rows={2} maxLength={MAX_DECLINE_REASON_CHARS} value={reason} onChange={setReason} />
    </FormDialog>
  );
}

/** The optional video link of the schedule and reschedule forms: https only, as the server requires. */
export function VideoUrlField({ value, onChange }: { value: string; onChange: (next: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t('sessionAnswers.form.videoUrl')}</label>
      <input
        id={id}
        type="url"
        inputMode="url"
        pattern="https://.+"
        maxLength={MAX_VIDEO_URL_CHARS}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder="https://"
      />
    </div>
  );
}
