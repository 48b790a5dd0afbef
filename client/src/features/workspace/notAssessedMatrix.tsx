import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotAssessed } from '../../../../shared/notAssessed.ts';
import type { AssessmentSummary } from '../../collab/useAssessment.ts';

/** A physician's cell of the overview: "niet beoordeeld" with its reason visible, else what it shows without the mark. */
export function NotAssessedCell({ mark, children }: { mark: NotAssessed | undefined; children: ReactNode }) {
  const { t } = useTranslation();
  if (!mark) return <>{children}</>;
  return (
    <span className="filled filled--not-assessed" data-not-assessed="true" title={mark.reason || undefined}>
      {t('notAssessed.matrixCell')}
      {mark.reason && <span className="small muted"> — {mark.reason}</span>}
    </span>
  );
}

/**
 * How the physicians' "niet beoordeeld" marks of a section compare: `ba` or
 * `va` when that one did not assess it and the other holds a position (text
 * or qualifier), `both` when neither assessed it, else null (nothing to show).
 */
export function notAssessedDifference(sectionId: string, summary: AssessmentSummary): 'ba' | 'va' | 'both' | null {
  const ba = summary.notAssessed.occupational.has(sectionId);
  const va = summary.notAssessed.insurance.has(sectionId);
  if (ba && va) return 'both';
  const hasPosition = (part: 'occupational' | 'insurance') => summary.filled[part].has(sectionId) || summary.qualifiers[part].has(sectionId);
  if (ba && hasPosition('insurance')) return 'ba';
  if (va && hasPosition('occupational')) return 'va';
  return null;
}
