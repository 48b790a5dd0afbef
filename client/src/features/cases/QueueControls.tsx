import { useTranslation } from 'react-i18next';
import { MILESTONE_SOON_DAYS } from '../../../../shared/limits.ts';
import { QUEUE_FILTERS } from '../../../../shared/workQueueView.ts';
import type { WorkQueueState } from './useWorkQueue.ts';

/** The search, the filter toggles (combinable) and the way back to "urgency first". */
export function QueueControls({ queue }: { queue: WorkQueueState }) {
  const { t } = useTranslation();
  const urgency = queue.sort.key === 'urgency';
  return (
    <div className="queue-controls">
      <div className="queue-search">
        <label htmlFor="queue-search">{t('workQueue.search')}</label>
        <input
          id="queue-search"
          type="search"
          value={queue.search}
          onChange={(event) => queue.setSearch(event.target.value)}
          aria-describedby="queue-search-hint"
          autoComplete="off"
          spellCheck={false}
        />
        <span id="queue-search-hint" className="small muted">
          {t('workQueue.searchHint')}
        </span>
      </div>
      <div role="group" aria-label={t('workQueue.filters')} className="queue-filters">
        {QUEUE_FILTERS.map((filter) => (
          <button
            key={filter}
            type="button"
            className="queue-toggle"
            aria-pressed={queue.filters.has(filter)}
            data-filter={filter}
            onClick={() => queue.toggleFilter(filter)}
          >
            <Check pressed={queue.filters.has(filter)} />
            {t(`workQueue.filter.${filter}`, { days: MILESTONE_SOON_DAYS })}
          </button>
        ))}
        {queue.filters.size > 0 && (
          <button type="button" className="queue-plain" onClick={queue.clearFilters}>
            {t('workQueue.clearFilters')}
          </button>
        )}
      </div>
      <div className="queue-order">
        <button type="button" className="queue-toggle" aria-pressed={urgency} onClick={() => queue.sortBy('urgency')}>
          <Check pressed={urgency} />
          {t('workQueue.urgency')}
        </button>
        <span className="small muted" id="queue-order-description">
          {urgency
            ? t('workQueue.sortedByUrgency', { days: MILESTONE_SOON_DAYS })
            : t('workQueue.sortedBy', {
                column: t(`workQueue.column.${queue.sort.key}`).replace(/\u00ad/g, ''),
                direction: t(`workQueue.direction.${queue.sort.direction}`),
              })}
        </span>
      </div>
    </div>
  );
}

/** A check mark on a pressed toggle, so that pressed is not told by colour alone; the name stays the label. */
function Check({ pressed }: { pressed: boolean }) {
  return (
    <span aria-hidden="true" className="queue-toggle__check">
      {pressed ? '✓' : ''}
    </span>
  );
}
