import { useTranslation } from 'react-i18next';
import { Link } from '../../router.tsx';

/** What a reviewer is told at the top of a case they review: read-only, for as long as the dispute lasts. */
export function ReviewerNotice({ onShowDisputes }: { onShowDisputes: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="reviewer-notice" data-testid="reviewer-notice">
      <p>
        <strong>{t('reviewer.notice')}</strong> {t('reviewer.explanation')}
      </p>
      <p>
        <button type="button" onClick={onShowDisputes}>
          {t('reviewer.toDisputes')}
        </button>
      </p>
    </div>
  );
}

/** Shown instead of the case once the access ended: for a reviewer, because their dispute closed. */
export function AccessEnded({ reviewer }: { reviewer: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="card access-ended" data-testid="access-ended">
      <p role="alert" className="error">
        {reviewer ? t('reviewer.ended') : t('case.forbidden')}
      </p>
      <p>
        <Link to="/">{t('case.back')}</Link>
      </p>
    </div>
  );
}
