import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSummary } from '../../../../shared/api.ts';
import { api } from '../../api.ts';
import { Link } from '../../router.tsx';
import { CaseUnreadBadge, useInbox } from '../comments/index.ts';
import { UpcomingSessions } from '../sessions/UpcomingSessions.tsx';
import { useDateFormat } from '../workspace/labels.ts';

export function CaseList() {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const [cases, setCases] = useState<CaseSummary[] | null>(null);
  const [failed, setFailed] = useState(false);
  const unreadComments = useInbox();

  useEffect(() => {
    api.cases().then(setCases, () => setFailed(true));
  }, []);

  if (failed)
    return (
      <p role="alert" className="error">
        {t('cases.failed')}
      </p>
    );
  if (!cases) return <p>{t('app.loading')}</p>;
  return (
    <section aria-labelledby="cases-heading">
      <h1 id="cases-heading">{t('cases.heading')}</h1>
      {cases.length === 0 && <p className="muted">{t('cases.empty')}</p>}
      <ul className="case-list">
        {cases.map((c) => (
          <li key={c.id} className="card">
            <Link to={`/cases/${encodeURIComponent(c.id)}`} className="case-link">
              {c.title}
            </Link>
            <CaseUnreadBadge caseId={c.id} count={unreadComments.get(c.id) ?? 0} />
            <dl>
              <dt>{t('cases.employee')}</dt>
              <dd>{c.employeePseudonym}</dd>
              <dt>{t('cases.employer')}</dt>
              <dd>{c.employer}</dd>
              <dt>{t('cases.firstSickDay')}</dt>
              <dd>{formatDate(c.firstSickDay)}</dd>
            </dl>
          </li>
        ))}
      </ul>
      <UpcomingSessions />
    </section>
  );
}
