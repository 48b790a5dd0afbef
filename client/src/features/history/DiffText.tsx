import { useTranslation } from 'react-i18next';
import type { DiffPart } from '../../../../shared/record/wordDiff.ts';

/**
 * A word-level comparison: added text in <ins>, removed text in <del>, each
 * also named in words for screen readers (and never by colour alone: <ins> is
 * underlined, <del> struck through).
 */
export function DiffText({ parts, testId }: { parts: DiffPart[]; testId?: string }) {
  const { t } = useTranslation();
  return (
    <p className="diff history-diff" data-testid={testId}>
      {parts.map((part, index) =>
        part.kind === 'same' ? (
          <span key={index}>{part.text}</span>
        ) : part.kind === 'removed' ? (
          <del key={index} data-kind="removed">
            <span className="visually-hidden">[{t('history.compare.removed')}: </span>
            {part.text}
            <span className="visually-hidden">]</span>
          </del>
        ) : (
          <ins key={index} data-kind="added">
            <span className="visually-hidden">[{t('history.compare.added')}: </span>
            {part.text}
            <span className="visually-hidden">]</span>
          </ins>
        ),
      )}
    </p>
  );
}
