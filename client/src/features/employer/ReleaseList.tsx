import { useTranslation } from 'react-i18next';
import type { EmployerSummaryRelease } from '../../../../shared/record/api.ts';
import { useDateTimeFormat } from '../workspace/labels.ts';

/** The versions released so far, newest first. */
export function ReleaseList({ releases }: { releases: EmployerSummaryRelease[] }) {
  const { t } = useTranslation();
  const formatTime = useDateTimeFormat();
  return (
    <section aria-labelledby="releases-heading">
      <h3 id="releases-heading">{t('employer.releases')}</h3>
      {releases.length === 0 ? (
        <p className="muted">{t('employer.noReleases')}</p>
      ) : (
        <ul data-testid="release-list">
          {[...releases].reverse().map((r) => (
            <li key={r.version} data-testid={`release-${r.version}`}>
              {t('employer.releaseItem', { version: r.version, at: formatTime(r.releasedAt) })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
