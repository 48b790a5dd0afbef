import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueuePage } from '../../../../shared/workQueueView.ts';

/** "1–50 van 501" with the previous and next page; focus stays on a button that is still there to press. */
export function QueuePager({ page, goToPage }: { page: QueuePage<unknown>; goToPage(page: number): void }) {
  const { t } = useTranslation();
  const previous = useRef<HTMLButtonElement>(null);
  const next = useRef<HTMLButtonElement>(null);
  const go = (to: number) => {
    goToPage(to);
    // Reaching the first or the last page disables the button pressed: keep the keyboard in the pager.
    if (to <= 1) next.current?.focus();
    else if (to >= page.pages) previous.current?.focus();
  };
  return (
    <nav className="queue-pager" aria-label={t('workQueue.pages')}>
      <button type="button" ref={previous} className="queue-plain" disabled={page.page <= 1} onClick={() => go(page.page - 1)}>
        {t('workQueue.previous')}
      </button>
      <span role="status" data-testid="queue-range">
        {t('workQueue.range', { from: page.from, to: page.to, total: page.total })}
        {page.pages > 1 && <span className="muted"> · {t('workQueue.page', { page: page.page, pages: page.pages })}</span>}
      </span>
      <button type="button" ref={next} className="queue-plain" disabled={page.page >= page.pages} onClick={() => go(page.page + 1)}>
        {t('workQueue.next')}
      </button>
    </nav>
  );
}
