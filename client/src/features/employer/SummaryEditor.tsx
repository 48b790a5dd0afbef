import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SummaryWarning } from '../../../../shared/record/api.ts';
import type { TemplateSection } from '../../../../shared/template/index.ts';
import { ExportLinks } from '../history/ExportLinks.tsx';
import { useWorkflowContext } from '../workflow/WorkflowContext.tsx';
import { useDateTimeFormat, useSectionLabel } from '../workspace/labels.ts';
import type { EmployerSummaryState } from './employerApi.ts';
import { ReleaseList } from './ReleaseList.tsx';
import { useRelease, useSummaryDraft, type SummaryDraft } from './useEmployerSummary.ts';

/** Limit of one section's text for the employer: a few paragraphs. */
const MAX_SUMMARY_CHARS = 4000;

/** The BA's editor: per section the agreed position for reference and a text area for the employer's words. */
export function SummaryEditor({ caseId, sections, initial }: { caseId: string; sections: TemplateSection[]; initial: EmployerSummaryState }) {
  const draft = useSummaryDraft(caseId, initial);
  const release = useRelease(caseId, initial.releases, draft.save);
  return (
    <>
      {sections.map((section) => (
        <SummarySection
          key={section.id}
          section={section}
          text={draft.sections[section.id] ?? ''}
          warnings={draft.warnings.filter((w) => w.sectionId === section.id)}
          onChange={(text) => draft.edit(section.id, text)}
        />
      ))}
      <SummaryActions draft={draft} release={release} />
      <ReleaseList releases={release.releases} />
      <ExportLinks caseId={caseId} employer={release.releases.length > 0} />
    </>
  );
}

interface SectionProps {
  section: TemplateSection;
  text: string;
  warnings: SummaryWarning[];
  onChange: (text: string) => void;
}

function SummarySection({ section, text, warnings, onChange }: SectionProps) {
  const { t } = useTranslation();
  const sectionLabel = useSectionLabel();
  const agreement = useWorkflowContext().workflow?.sections[section.id]?.agreement ?? null;
  const id = useId();
  const name = sectionLabel(section);
  return (
    <section className="summary-section" aria-labelledby={`${id}-heading`} data-testid={`summary-${section.id}`}>
      <h3 id={`${id}-heading`}>{name}</h3>
      <div>
        <p className="muted small">{t('employer.agreed')}</p>
        <p className="summary-section__agreed" data-testid={`summary-agreed-${section.id}`}>
          {agreement ? agreement.text : <span className="muted">{t('employer.noAgreement')}</span>}
        </p>
      </div>
      <div className="field">
        <label htmlFor={id}>{t('employer.text', { section: name })}</label>
        <textarea id={id} rows={4} maxLength={MAX_SUMMARY_CHARS} value={text} aria-describedby={`${id}-warnings`} onChange={(e) => onChange(e.target.value)} />
        {/* Announced as they arrive with the server's answer; they never block saving or releasing. */}
        <div id={`${id}-warnings`} aria-live="polite" data-testid={`summary-warnings-${section.id}`}>
          {warnings.map((w) => (
            <p key={w.term} className="warning small">
              {t('employer.warning', { term: w.term })}
            </p>
          ))}
        </div>
      </div>
    </section>
  );
}

function SummaryActions({ draft, release }: { draft: SummaryDraft; release: ReturnType<typeof useRelease> }) {
  const { t } = useTranslation();
  const formatTime = useDateTimeFormat();
  const last = release.releases.at(-1);
  return (
    <div className="summary-actions">
      <button type="button" onClick={() => void draft.save()} disabled={draft.status === 'saving'} data-testid="summary-save">
        {t('employer.save')}
      </button>
      <span role="status" className="muted small" data-testid="summary-status" data-status={draft.status}>
        {draft.status === 'failed' ? t('employer.saveFailed') : t(`employer.${draft.status === 'dirty' ? 'unsaved' : draft.status}`)}
      </span>
      <button type="button" onClick={() => void release.release()} disabled={release.busy} aria-describedby="release-hint" data-testid="summary-release">
        {t('employer.release')}
      </button>
      <span id="release-hint" className="visually-hidden">
        {t('employer.releaseHint')}
      </span>
      <p role="status" data-testid="release-status">
        {release.failed ? t('employer.releaseFailed') : last ? t('employer.released', { version: last.version, at: formatTime(last.releasedAt) }) : ''}
      </p>
    </div>
  );
}
