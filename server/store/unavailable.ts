/**
 * Whether an error means the store could not be reached (Redis down or
 * restarting), as opposed to a fault: such a request answers 503, and the
 * client may simply try again.
 */
export function isStoreUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'MaxRetriesPerRequestError') return true;
  return /enableOfflineQueue|Connection is closed|Command timed out|ECONNREFUSED|ECONNRESET|LOADING Redis is loading/.test(error.message);
}
