import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseListEntry } from '../../../../shared/api.ts';
import { api } from '../../api.ts';
import { UpcomingSessions } from '../sessions/UpcomingSessions.tsx';
import { QueueControls } from './QueueControls.tsx';
import { QueuePager } from './QueuePager.tsx';
import { QueueTable } from './QueueTable.tsx';
import { markQueueRendered } from './queueTiming.ts';
import { useWorkQueue } from './useWorkQueue.ts';
import './workQueue.css';

/** The physician's cases as a work queue (docs/domain.md): one request, then search, filters, order and pages in the page. */
export function CaseList() {
  const { t } = useTranslation();
  const [cases, setCases] = useState<CaseListEntry[] | null>(null);
  const [failed, setFailed] = useState(false);

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
    <section aria-labelledby="cases-heading" className="work-queue-page">
      <h1 id="cases-heading">{t('cases.heading')}</h1>
      {cases.length === 0 ? <p className="muted">{t('cases.empty')}</p> : <WorkQueue cases={cases} />}
      <UpcomingSessions />
    </section>
  );
}

function WorkQueue({ cases }: { cases: readonly CaseListEntry[] }) {
  const { t } = useTranslation();
  const queue = useWorkQueue(cases);
  const { page } = queue;

  useEffect(() => markQueueRendered(), [page]);

  return (
    <>
      <p className="muted small queue-intro">{t('workQueue.intro')}</p>
      <QueueControls queue={queue} />
      {page.total === 0 ? <p className="muted queue-none">{t('workQueue.none')}</p> : <QueueTable rows={page.items} sort={queue.sort} sortBy={queue.sortBy} />}
      <QueuePager page={page} goToPage={queue.goToPage} />
    </>
  );
}
