import { useTranslation } from 'react-i18next';
import type { CaseMember } from '../../../../shared/api.ts';
import type { ConsultationSession } from '../../../../shared/workflow/types.ts';
import { useWorkflowContext } from '../workflow/WorkflowContext.tsx';
import { useActorLabel, useDateTimeFormat, useSectionLabel } from '../workspace/labels.ts';
import { sessionFiles } from './sessionsApi.ts';

/**
 * The minutes of a concluded session, as the case history keeps them: the
 * date, both physicians, and per agenda item the outcome and the notes; the
 * same as a PDF report.
 */
export function SessionMinutes({ session, members }: { session: ConsultationSession; members: CaseMember[] }) {
  const { t } = useTranslation();
  const { caseId, sections } = useWorkflowContext();
  const sectionLabel = useSectionLabel();
  const actor = useActorLabel();
  const formatTime = useDateTimeFormat();
  const physician = (role: 'ba' | 'va') => members.find((m) => m.caseRole === role)?.name ?? '—';
  const headingId = `minutes-${session.id}-heading`;

  return (
    <section className="minutes" aria-labelledby={headingId} data-testid={`minutes-${session.id}`}>
      <h5 id={headingId}>{t('sessions.minutes.heading')}</h5>
      <dl className="facts">
        <dt>{t('sessions.minutes.date')}</dt>
        <dd>{formatTime(session.started?.at ?? session.scheduledAt)}</dd>
        <dt>{t('roles.ba')}</dt>
        <dd>{physician('ba')}</dd>
        <dt>{t('roles.va')}</dt>
        <dd>{physician('va')}</dd>
        {session.concluded && (
          <>
            <dt>{t('sessions.minutes.concludedBy')}</dt>
            <dd>{t('disputes.by', { who: actor(session.concluded.by), at: formatTime(session.concluded.at) })}</dd>
          </>
        )}
      </dl>
      <ol className="minutes__items">
        {session.agenda.map((item) => {
          const section = sections.find((s) => s.id === item.section);
          return (
            <li key={item.section} data-testid={`minutes-item-${item.section}`} data-outcome={item.outcome ?? ''}>
              <strong>{section ? sectionLabel(section) : item.section}</strong>
              {' — '}
              <span className={item.outcome ? `outcome outcome--${item.outcome}` : 'muted'}>
                {item.outcome ? t(`sessions.outcome.${item.outcome}`) : t('sessions.minutes.notDiscussed')}
              </span>
              {item.notes && <p className="minutes__notes quoted-text">{item.notes}</p>}
              {item.recordedBy && item.recordedAt && (
                <p className="muted small">{t('sessions.outcomeForm.recorded', { who: actor(item.recordedBy), at: formatTime(item.recordedAt) })}</p>
              )}
            </li>
          );
        })}
      </ol>
      <p className="actions">
        <a href={sessionFiles.minutes(caseId, session.id)} download className="file-link" data-testid={`minutes-pdf-${session.id}`}>
          {t('sessions.minutes.pdf')}
        </a>
      </p>
    </section>
  );
}
