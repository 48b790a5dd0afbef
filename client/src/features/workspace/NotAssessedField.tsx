import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_NOT_ASSESSED_REASON_CHARS } from '../../../../shared/notAssessed.ts';
import type { CollabDoc } from '../../collab/useCollabDoc.ts';
import { useNotAssessed } from '../../collab/useNotAssessed.ts';

interface Props {
  collab: CollabDoc | null;
  sectionId: string;
  editable: boolean;
  /** Names the column, for the label: "Niet beoordeeld (BA)". */
  role: string;
  testId: string;
}

/**
 * "Niet beoordeeld": in the physician's own column a checkbox with an
 * optional reason, in the other's the state read-only. The section's text
 * stays as it is; an empty text without the mark is just not yet written.
 */
export function NotAssessedField({ collab, sectionId, editable, role, testId }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [mark, setMark] = useNotAssessed(collab, sectionId);
  if (!editable) {
    if (!mark) return null;
    return (
      <p className="not-assessed not-assessed--read" data-testid={testId} data-reason={mark.reason}>
        {mark.reason ? t('notAssessed.markedWithReason', { reason: mark.reason }) : t('notAssessed.marked')}
      </p>
    );
  }
  return (
    <div className="not-assessed" data-testid={testId} data-reason={mark?.reason ?? ''}>
      <label htmlFor={`${id}-toggle`} className="not-assessed__toggle">
        <input
          id={`${id}-toggle`}
          type="checkbox"
          checked={mark !== null}
          aria-label={`${t('notAssessed.toggle')} (${role})`}
          data-testid={`${testId}-toggle`}
          onChange={(event) => setMark(event.target.checked ? '' : null)}
        />{' '}
        {t('notAssessed.toggle')}
      </label>
      {mark && (
        <>
          {' '}
          <label htmlFor={`${id}-reason`} className="not-assessed__reason-label">
            {t('notAssessed.reasonLabel')}
          </label>{' '}
          <input
            id={`${id}-reason`}
            type="text"
            value={mark.reason}
            maxLength={MAX_NOT_ASSESSED_REASON_CHARS}
            placeholder={t('notAssessed.reasonPlaceholder')}
            data-testid={`${testId}-reason`}
            onChange={(event) => setMark(event.target.value)}
          />
        </>
      )}
    </div>
  );
}
