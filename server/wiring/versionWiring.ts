import type { Logger } from 'pino';
import type { VersionFailure } from '../commands/deps.ts';
import type { Metrics } from '../metrics.ts';

/**
 * What happens when an automatic version could not be taken: the user's
 * command already succeeded, so it is only logged (the case and the reason,
 * never document text) and counted, for an operator to notice.
 */
export function versionFailureReporter(log: Logger, metrics: Metrics): (failure: VersionFailure) => void {
  const versionLog = log.child({ cat: 'versions' });
  return ({ caseId, reason, error }) => {
    metrics.versionsFailed.inc({ reason });
    versionLog.error(
      { caseId, reason, err: error instanceof Error ? { name: error.name, message: error.message } : String(error) },
      'automatic version not taken',
    );
  };
}
