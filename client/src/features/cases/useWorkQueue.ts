import { useMemo, useState } from 'react';
import type { CaseListEntry } from '../../../../shared/api.ts';
import { WORK_QUEUE_PAGE_SIZE } from '../../../../shared/limits.ts';
import {
  dateIn,
  firstDirection,
  pageOf,
  URGENCY_SORT,
  viewQueue,
  type QueueFilter,
  type QueuePage,
  type QueueSort,
  type QueueSortKey,
} from '../../../../shared/workQueueView.ts';
import { markQueueInput } from './queueTiming.ts';

export interface WorkQueueState {
  search: string;
  filters: ReadonlySet<QueueFilter>;
  sort: QueueSort;
  /** The page shown, with every row the search and filters keep. */
  page: QueuePage<CaseListEntry>;
  setSearch(search: string): void;
  toggleFilter(filter: QueueFilter): void;
  clearFilters(): void;
  /** A column header: that column (first in its natural direction), or the other direction when it is sorted already. */
  sortBy(key: QueueSortKey): void;
  goToPage(page: number): void;
}

/**
 * The queue's search, filters, order and page over all the cases (shared/workQueueView.ts):
 * a change of search, filter or order starts again at the first page.
 */
export function useWorkQueue(cases: readonly CaseListEntry[]): WorkQueueState {
  const [search, setSearchState] = useState('');
  const [filters, setFilters] = useState<ReadonlySet<QueueFilter>>(new Set());
  const [sort, setSort] = useState<QueueSort>(URGENCY_SORT);
  const [pageNumber, setPageNumber] = useState(1);
  // The physician's today, in Dutch time: fixed while the page is open, as the server's queue fields are.
  const moment = useMemo(() => ({ today: dateIn(new Date()) }), []);
  const rows = useMemo(() => viewQueue(cases, { search, filters, sort }, moment), [cases, search, filters, sort, moment]);
  const page = useMemo(() => pageOf(rows, pageNumber, WORK_QUEUE_PAGE_SIZE), [rows, pageNumber]);

  return {
    search,
    filters,
    sort,
    page,
    setSearch(next) {
      markQueueInput();
      setSearchState(next);
      setPageNumber(1);
    },
    toggleFilter(filter) {
      markQueueInput();
      setFilters((current) => {
        const next = new Set(current);
        if (!next.delete(filter)) next.add(filter);
        return next;
      });
      setPageNumber(1);
    },
    clearFilters() {
      markQueueInput();
      setFilters(new Set());
      setPageNumber(1);
    },
    sortBy(key) {
      setSort((current) =>
        key === current.key && key !== 'urgency'
          ? { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
          : { key, direction: firstDirection(key) },
      );
      setPageNumber(1);
    },
    goToPage: setPageNumber,
  };
}
