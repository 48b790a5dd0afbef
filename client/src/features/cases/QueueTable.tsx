import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseListEntry } from '../../../../shared/api.ts';
import { dateIn, hasMilestoneSoon, type QueueSort, type QueueSortKey } from '../../../../shared/workQueueView.ts';
import { Link } from '../../router.tsx';
import { CaseUnreadBadge } from '../comments/UnreadBadges.tsx';
import { CaseNotificationBadge } from '../notifications/index.ts';
import { ActivityCell, Count, DisputesCell, MilestoneCell, SessionCell, WeekCell } from './QueueCells.tsx';

/** The title shares the first column with the pseudonym: twelve columns do not fit 1024 px. */
type Column = Exclude<QueueSortKey, 'urgency' | 'title'>;

const COLUMNS: readonly Column[] = [
  'pseudonym',
  'employer',
  'week',
  'milestone',
  'awaiting',
  'disagreements',
  'disputes',
  'persistent',
  'session',
  'unread',
  'activity',
];

/** One page of the queue; every column header sorts (Enter or Space on its button), and says how it is sorted. */
export function QueueTable({ rows, sort, sortBy }: { rows: readonly CaseListEntry[]; sort: QueueSort; sortBy(key: QueueSortKey): void }) {
  const { t } = useTranslation();
  const today = dateIn(new Date());
  return (
    <table className="queue-table" data-testid="work-queue" aria-describedby="queue-order-description">
      <caption className="visually-hidden">{t('workQueue.caption')}</caption>
      <colgroup>
        {COLUMNS.map((column) => (
          <col key={column} className={`queue-col--${column}`} />
        ))}
      </colgroup>
      <thead>
        <tr>
          {COLUMNS.map((column) => (
            <th key={column} scope="col" aria-sort={sort.key === column ? sort.direction : undefined} data-column={column}>
              <button type="button" className="queue-sort" onClick={() => sortBy(column)}>
                {t(`workQueue.column.${column}`)}{' '}
                <span aria-hidden="true" className="queue-sort__arrow">
                  {sort.key === column ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
                </span>
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <QueueRow key={row.id} row={row} soon={hasMilestoneSoon(row, { today })} />
        ))}
      </tbody>
    </table>
  );
}

/** A row renders again only when its case or its nearness changes: a search keystroke re-renders only the rows it brings in. */
const QueueRow = memo(function QueueRow({ row, soon }: { row: CaseListEntry; soon: boolean }) {
  const { t } = useTranslation();
  const q = row.queue;
  return (
    <tr data-case-id={row.id} data-integrity={q.integrity}>
      <td>
        <Link to={`/cases/${encodeURIComponent(row.id)}`} className="case-link">
          {row.employeePseudonym}
        </Link>
        <span className="queue-title">{row.title}</span>
        <CaseNotificationBadge caseId={row.id} />
        {q.integrity === 'failed' && <span className="queue-broken">{t('workQueue.integrityFailed')}</span>}
      </td>
      <td>{row.employer}</td>
      <td>
        <WeekCell row={row} />
      </td>
      <td>
        <MilestoneCell row={row} soon={soon} />
      </td>
      <td>
        <Count value={q.awaitingMySignature} />
      </td>
      <td>
        <Count value={q.openDisagreements} />
      </td>
      <td>
        <DisputesCell row={row} />
      </td>
      <td>
        <Count value={q.persistentDisagreements} />
      </td>
      <td>
        <SessionCell row={row} />
      </td>
      <td>{q.unreadComments > 0 ? <CaseUnreadBadge caseId={row.id} count={q.unreadComments} /> : <Count value={0} />}</td>
      <td>
        <ActivityCell row={row} />
      </td>
    </tr>
  );
});
