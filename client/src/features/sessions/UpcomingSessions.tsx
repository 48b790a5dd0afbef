import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UpcomingSession } from '../../../../shared/api.ts';
import { Link } from '../../router.tsx';
import { useSessionWhen } from './sessionLabels.tsx';
import { sessionsApi } from './sessionsApi.ts';
import './sessions.css';

/** The link that opens a case on its sessions view (also what the calendar file points to). */
export function sessionLink(caseId: string, sessionId: string): string {
  return `/cases/${encodeURIComponent(caseId)}?sessie=${encodeURIComponent(sessionId)}`;
}

/** Every session still to come over the user's cases, soonest first, each with the way to its case. */
export function UpcomingSessions() {
  const { t } = useTranslation();
  const when = useSessionWhen();
  const [upcoming, setUpcoming] = useState<UpcomingSession[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let active = true;
    sessionsApi.upcoming().then(
      (list) => active && setUpcoming(list),
      () => active && setFailed(true),
    );
    return () => {
      active = false;
    };
  }, []);

  return (
    <section aria-labelledby="upcoming-heading" className="upcoming-sessions" data-testid="upcoming-sessions">
      <h2 id="upcoming-heading">{t('sessions.upcoming.heading')}</h2>
      {failed && <p className="muted">{t('sessions.upcoming.failed')}</p>}
      {!failed && !upcoming && <p className="muted">{t('app.loading')}</p>}
      {upcoming?.length === 0 && <p className="muted">{t('sessions.upcoming.none')}</p>}
      {upcoming && upcoming.length > 0 && (
        <ul className="upcoming-list">
          {upcoming.map(({ caseId, caseTitle, employeePseudonym, session }) => (
            <li key={session.id} className="card" data-testid={`upcoming-${session.id}`} data-status={session.status}>
              <Link to={sessionLink(caseId, session.id)} className="upcoming-link">
                {when(session)}
              </Link>
              {session.status === 'live' && <span className="status-chip session-chip--live">{t('sessions.status.live')}</span>}
              <p className="small">
                {caseTitle} · {t('cases.employee')} {employeePseudonym} · {t(`sessions.mode.${session.mode}`)} ·{' '}
                {t('sessions.upcoming.items', { count: session.agenda.length })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
