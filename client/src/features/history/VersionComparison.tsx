import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VersionSummary } from '../../../../shared/record/api.ts';
import type { TemplateSection } from '../../../../shared/template/index.ts';
import { useDateTimeFormat, useSectionLabel } from '../workspace/labels.ts';
import type { NotAssessed } from '../../../../shared/notAssessed.ts';
import { compareVersions, defaultPair, inOrder, partChanged, type PartComparison, type SectionComparison } from './compare.ts';
import { DiffText } from './DiffText.tsx';
import { useVersionPair } from './useHistory.ts';

/** Two versions picked (the newest two at first), compared section by section. */
export function VersionComparison({ caseId, versions, sections }: { caseId: string; versions: VersionSummary[]; sections: TemplateSection[] }) {
  const { t } = useTranslation();
  const initial = defaultPair(versions);
  const [picked, setPicked] = useState<{ from: string; to: string } | null>(null);
  // Until the physician picks, the newest two are compared (also after a version is saved); a pick stays.
  const pair = picked ?? initial;
  if (!pair) return <p className="muted">{t('history.compare.needTwo')}</p>;
  const { older, newer } = inOrder(versions, pair.from, pair.to);
  return (
    <div className="version-compare">
      <div className="version-compare__pickers">
        <VersionPicker
          label={t('history.compare.from')}
          versions={versions}
          value={pair.from}
          onChange={(from) => setPicked({ ...pair, from })}
          testId="compare-from"
        />
        <VersionPicker label={t('history.compare.to')} versions={versions} value={pair.to} onChange={(to) => setPicked({ ...pair, to })} testId="compare-to" />
      </div>
      <ComparisonResult key={`${older}/${newer}`} caseId={caseId} older={older} newer={newer} sections={sections} />
    </div>
  );
}

function VersionPicker(props: { label: string; versions: VersionSummary[]; value: string; onChange: (id: string) => void; testId: string }) {
  const { t } = useTranslation();
  const formatTime = useDateTimeFormat();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(event) => props.onChange(event.target.value)} data-testid={props.testId}>
        {props.versions.map((v) => (
          <option key={v.id} value={v.id}>
            {t('history.compare.option', { week: v.week, date: formatTime(v.at), label: v.label })}
          </option>
        ))}
      </select>
    </div>
  );
}

function ComparisonResult({ caseId, older, newer, sections }: { caseId: string; older: string; newer: string; sections: TemplateSection[] }) {
  const { t } = useTranslation();
  const sectionLabel = useSectionLabel();
  const loaded = useVersionPair(caseId, older, newer);
  if (loaded.state === 'loading') return <p className="muted">{t('history.compare.loading')}</p>;
  if (loaded.state === 'failed')
    return (
      <p role="alert" className="error">
        {t('history.compare.failed')}
      </p>
    );
  const comparison = compareVersions(
    loaded.value[0],
    loaded.value[1],
    sections.map((s) => s.id),
  );
  const changed = comparison.filter((c) => c.changed).length;
  const names = new Map(sections.map((s) => [s.id, sectionLabel(s)]));
  return (
    <div data-testid="comparison" data-changed={changed}>
      <p role="status">{changed === 0 ? t('history.compare.nothing') : t('history.compare.summary', { count: changed })}</p>
      {comparison.map((c) => (
        <SectionDiff key={c.sectionId} comparison={c} name={names.get(c.sectionId) ?? c.sectionId} />
      ))}
    </div>
  );
}

/** A section of the comparison: open when it changed, collapsed (one line) when not. */
function SectionDiff({ comparison, name }: { comparison: SectionComparison; name: string }) {
  const { t } = useTranslation();
  const sectionId = comparison.sectionId;
  return (
    <details
      className={`section-diff section-diff--${comparison.changed ? 'changed' : 'same'}`}
      open={comparison.changed}
      data-testid={`diff-${sectionId}`}
      data-changed={String(comparison.changed)}
    >
      <summary>
        <span className="section-diff__name">{name}</span>{' '}
        <span className={comparison.changed ? 'chip chip--changed' : 'muted small'}>
          {t(comparison.changed ? 'history.compare.changed' : 'history.compare.unchanged')}
        </span>
      </summary>
      {comparison.parts.map((part) => (
        <PartDiff key={part.part} sectionId={sectionId} part={part} />
      ))}
    </details>
  );
}

function PartDiff({ sectionId, part }: { sectionId: string; part: PartComparison }) {
  const { t } = useTranslation();
  const code = (value: string | null) => value ?? t('history.compare.noQualifier');
  const mark = (value: NotAssessed | null) =>
    value === null
      ? t('history.compare.assessed')
      : value.reason
        ? t('history.compare.notAssessedBecause', { reason: value.reason })
        : t('history.compare.notAssessedMark');
  const empty = part.diff.every((d) => d.text.trim() === '');
  return (
    <div className="part-diff" data-testid={`diff-${sectionId}-${part.part}`} data-changed={String(partChanged(part))}>
      <h4 className="part-diff__title">{t(`history.compare.part.${part.part}`)}</h4>
      {empty ? <p className="muted small">{t('history.compare.empty')}</p> : <DiffText parts={part.diff} />}
      {part.qualifier && (
        <p className="qualifier-change" data-testid={`qualifier-change-${sectionId}-${part.part}`}>
          {t('history.compare.qualifier', { from: code(part.qualifier.from), to: code(part.qualifier.to) })}
        </p>
      )}
      {part.notAssessed && (
        <p className="qualifier-change" data-testid={`not-assessed-change-${sectionId}-${part.part}`}>
          {t('history.compare.notAssessed', { from: mark(part.notAssessed.from), to: mark(part.notAssessed.to) })}
        </p>
      )}
    </div>
  );
}
