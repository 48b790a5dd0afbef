import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { qualifierOption } from '../../../../shared/qualifiers.ts';
import type { GradedScale } from '../../../../shared/template/index.ts';
import type { Flag, ReopenedAgreement } from '../../../../shared/workflow/types.ts';
import { useActorLabel, useDateTimeFormat, useLabel } from '../workspace/labels.ts';
import { SHORT_FINGERPRINT } from './agreed.ts';
import './sectionHistory.css';

/** A qualifier code as its label on the section's scale ("3 ernstig probleem (50–95%)"), or that none was chosen. */
export function QualifierLabel({ scale, code, testId }: { scale: GradedScale | null; code: string | null; testId?: string }) {
  const { t } = useTranslation();
  const label = useLabel();
  const option = scale && code ? qualifierOption(scale, code) : undefined;
  return (
    <span data-testid={testId} data-value={code ?? ''}>
      {option ? label(option.label) : (code ?? t('workflow.agreement.noQualifier'))}
    </span>
  );
}

/**
 * The hash a signature covers, short (as a printed dossier can be compared by
 * eye) with the full value on demand.
 */
export function Fingerprint({ hash, testId }: { hash: string; testId: string }) {
  const { t } = useTranslation();
  const [full, setFull] = useState(false);
  return (
    <p className="fingerprint small" data-testid={testId}>
      {t('workflow.agreement.fingerprint')} <code data-testid={`${testId}-short`}>{hash.slice(0, SHORT_FINGERPRINT)}</code>{' '}
      <button type="button" className="link-button" aria-expanded={full} onClick={() => setFull(!full)}>
        {full ? t('workflow.agreement.hideFingerprint') : t('workflow.agreement.showFingerprint')}
      </button>
      {full && (
        <code className="fingerprint__full" data-testid={`${testId}-full`}>
          {hash}
        </code>
      )}
    </p>
  );
}

/** Why the section was flagged, kept readable once the disagreement was agreed or escalated. */
export function EarlierFlag({ sectionId, flag }: { sectionId: string; flag: Flag }) {
  const { t } = useTranslation();
  const actor = useActorLabel();
  const formatTime = useDateTimeFormat();
  return (
    <div className="earlier-flag small" data-testid={`last-flag-${sectionId}`}>
      <p>
        <strong>{t('workflow.history.flagHeading')}</strong> — {t('workflow.flagged.by', { who: actor(flag.by), at: formatTime(flag.at) })} ·{' '}
        {t('workflow.flagged.kind', { kind: t(`workflow.kind.${flag.kind}`) })}
      </p>
      <blockquote className="quoted-text">{flag.rationale}</blockquote>
    </div>
  );
}

/** The section's past agreements, each with why, by whom and when it was reopened. */
export function ReopenedAgreements({ sectionId, scale, reopened }: { sectionId: string; scale: GradedScale | null; reopened: readonly ReopenedAgreement[] }) {
  const { t } = useTranslation();
  const actor = useActorLabel();
  const formatTime = useDateTimeFormat();
  if (reopened.length === 0) return null;
  return (
    <section className="section-history" data-testid={`history-${sectionId}`} aria-label={t('workflow.history.heading')}>
      <h4 className="section-history__heading">{t('workflow.history.heading')}</h4>
      <ol>
        {reopened.map(({ agreement, reason, by, at }) => (
          <li key={`${agreement.hash}-${at}`} data-testid={`history-entry-${sectionId}`}>
            <blockquote className="quoted-text">{agreement.text}</blockquote>
            {scale && (
              <p className="small">
                {t('workflow.agreement.qualifier')} <QualifierLabel scale={scale} code={agreement.qualifier} />
              </p>
            )}
            <p className="small">
              {t('workflow.agreement.signedBy', { who: actor(agreement.signedBy), at: formatTime(agreement.signedAt) })} · {t('workflow.agreement.fingerprint')}{' '}
              <code>{agreement.hash.slice(0, SHORT_FINGERPRINT)}</code>
            </p>
            <p className="small">
              {t('workflow.history.reopenedBy', { who: actor(by), at: formatTime(at) })} <q data-testid={`history-reason-${sectionId}`}>{reason}</q>
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
