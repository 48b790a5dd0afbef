/**
 * Performance marks of the work queue, read by the benchmark (bench/workQueue.ts)
 * through the page's Performance API: when the first page of the table was
 * rendered, and how long the table took to follow a search or a filter.
 */
export const QUEUE_RENDERED_MARK = 'work-queue:rendered';
export const QUEUE_INPUT_MARK = 'work-queue:input';
export const QUEUE_UPDATE_MEASURE = 'work-queue:update';

/** The physician typed in the search or toggled a filter: the table should follow. */
export function markQueueInput(): void {
  performance.clearMarks(QUEUE_INPUT_MARK);
  performance.mark(QUEUE_INPUT_MARK);
}

/**
 * After a render of the table: the frame that shows it. The first time, the
 * moment the first page is on screen; after an input, the time from the input.
 */
export function markQueueRendered(): void {
  requestAnimationFrame(() => {
    if (performance.getEntriesByName(QUEUE_RENDERED_MARK, 'mark').length === 0) performance.mark(QUEUE_RENDERED_MARK);
    if (performance.getEntriesByName(QUEUE_INPUT_MARK, 'mark').length === 0) return;
    performance.measure(QUEUE_UPDATE_MEASURE, QUEUE_INPUT_MARK);
    performance.clearMarks(QUEUE_INPUT_MARK);
  });
}
