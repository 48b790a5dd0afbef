import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseMember } from '../../../../shared/api.ts';
import type { ConsultationSession } from '../../../../shared/workflow/types.ts';
import { isPhysician, useCommand, useWorkflowContext } from '../workflow/WorkflowContext.tsx';
import { useActorLabel, useDateTimeFormat, useSectionLabel } from '../workspace/labels.ts';
import { AnswerActions, AnswerFacts } from './SessionAnswer.tsx';
import { AgendaDialog, CancelDialog, RescheduleDialog } from './SessionDialogs.tsx';
import { SessionMinutes } from './SessionMinutes.tsx';
import { SessionError, useSessionWhen } from './sessionLabels.tsx';
import { sessionFiles, sessionsApi } from './sessionsApi.ts';

type OpenDialog = 'reschedule' | 'agenda' | 'cancel' | null;

interface Props {
  session: ConsultationSession;
  members: CaseMember[];
  /** The session was started from here: the live panel takes over. */
  onStarted: () => void;
}

/** One session in the list: when, how, the agenda, and what can be done with it now; the minutes once concluded. */
export function SessionCard({ session, members, onStarted }: Props) {
  const { t, i18n } = useTranslation();
  const { caseId, myRole, workflow } = useWorkflowContext();
  const start = useCommand();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const headingId = `session-${session.id}-heading`;
  const scheduled = session.status === 'scheduled';
  const anotherLive = workflow?.sessions.some((s) => s.status === 'live' && s.id !== session.id) ?? false;

  const startNow = async () => {
    if (await start.run(() => sessionsApi.start(caseId, session.id))) onStarted();
  };

  return (
    <article
      className="card session"
      aria-labelledby={headingId}
      data-session-id={session.id}
      data-status={session.status}
      data-testid={`session-${session.id}`}
    >
      <SessionHeader session={session} headingId={headingId} />
      <SessionFacts session={session} />
      {session.status === 'concluded' ? <SessionMinutes session={session} members={members} /> : <AgendaList session={session} />}
      <p className="actions">
        {scheduled && isPhysician(myRole) && (
          <>
            <button type="button" disabled={start.busy || anotherLive} onClick={() => void startNow()}>
              {t('sessions.actions.start')}
            </button>
            <button type="button" className="button--secondary" onClick={() => setDialog('reschedule')}>
              {t('sessions.actions.reschedule')}
            </button>
            <button type="button" className="button--secondary" onClick={() => setDialog('agenda')}>
              {t('sessions.actions.agenda')}
            </button>
            <button type="button" className="button--secondary" onClick={() => setDialog('cancel')}>
              {t('sessions.actions.cancel')}
            </button>
          </>
        )}
        {(scheduled || session.status === 'live') && (
          <a href={sessionFiles.calendar(caseId, session.id, i18n.language)} download className="file-link" data-testid={`ics-${session.id}`}>
            {t('sessions.actions.calendar')}
          </a>
        )}
      </p>
      <AnswerActions session={session} />
      {scheduled && anotherLive && isPhysician(myRole) && <p className="muted small">{t('sessions.anotherLive')}</p>}
      <SessionError error={start.error} testId={`start-error-${session.id}`} />
      {dialog === 'reschedule' && <RescheduleDialog session={session} onClose={() => setDialog(null)} />}
      {dialog === 'agenda' && <AgendaDialog session={session} onClose={() => setDialog(null)} />}
      {dialog === 'cancel' && <CancelDialog session={session} onClose={() => setDialog(null)} />}
    </article>
  );
}

function SessionHeader({ session, headingId }: { session: ConsultationSession; headingId: string }) {
  const { t } = useTranslation();
  const when = useSessionWhen();
  return (
    <div className="session__header">
      <h4 id={headingId} tabIndex={-1}>
        {t('sessions.title', { when: when(session) })}
      </h4>
      <span className={`status-chip session-chip--${session.status}`} data-testid={`session-status-${session.id}`}>
        <span className="visually-hidden">{t('workflow.statusLabel')}: </span>
        {t(`sessions.status.${session.status}`)}
      </span>
    </div>
  );
}

/** How the session takes place, who planned it, and how it changed or was cancelled. */
function SessionFacts({ session }: { session: ConsultationSession }) {
  const { t } = useTranslation();
  const actor = useActorLabel();
  const formatTime = useDateTimeFormat();
  const scheduled = session.status === 'scheduled';
  return (
    <dl className="facts">
      <dt>{t('sessions.form.mode')}</dt>
      <dd data-testid={`session-mode-${session.id}`}>{t(`sessions.mode.${session.mode}`)}</dd>
      <dt>{t('sessions.scheduledBy')}</dt>
      <dd>{actor(session.scheduledBy)}</dd>
      {session.revision > 0 && scheduled && (
        <>
          <dt>{t('sessions.changes')}</dt>
          <dd>{t('sessions.revised', { count: session.revision })}</dd>
        </>
      )}
      <AnswerFacts session={session} />
      {session.cancelled && (
        <>
          <dt>{t('sessions.cancelledBy')}</dt>
          <dd>{t('disputes.by', { who: actor(session.cancelled.by), at: formatTime(session.cancelled.at) })}</dd>
          {session.cancelled.reason && (
            <>
              <dt>{t('sessions.cancel.reason')}</dt>
              <dd data-testid={`cancel-reason-${session.id}`}>{session.cancelled.reason}</dd>
            </>
          )}
        </>
      )}
    </dl>
  );
}

/** The agenda of a session not yet concluded, by section name. */
function AgendaList({ session }: { session: ConsultationSession }) {
  const { t } = useTranslation();
  const { sections } = useWorkflowContext();
  const sectionLabel = useSectionLabel();
  if (session.agenda.length === 0) return <p className="muted small">{t('sessions.agenda.empty')}</p>;
  return (
    <div>
      <p className="session__agenda-label">{t('sessions.agenda.legend')}</p>
      <ol className="session__agenda" data-testid={`session-agenda-${session.id}`}>
        {session.agenda.map((item) => {
          const section = sections.find((s) => s.id === item.section);
          return (
            <li key={item.section} data-section={item.section}>
              {section ? sectionLabel(section) : item.section}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
