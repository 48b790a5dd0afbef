import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { qualifierDifference } from '../../../../shared/qualifiers.ts';
import { gradedScaleOf, type TemplateSection } from '../../../../shared/template/index.ts';
import type { DocPart } from '../../../../shared/docNames.ts';
import { useAssessmentSummary, type AssessmentSummary } from '../../collab/useAssessment.ts';
import type { CollabDoc } from '../../collab/useCollabDoc.ts';
import { currentAgreement } from '../workflow/agreed.ts';
import { StatusChip } from '../workflow/StatusChip.tsx';
import { useWorkflowContext } from '../workflow/WorkflowContext.tsx';
import { useSectionLabel } from './labels.ts';
import { NotAssessedCell, notAssessedDifference } from './notAssessedMatrix.tsx';
import { DefinitionBody } from './SectionDefinition.tsx';

/** Every section at a glance; choosing one jumps to it. */
export function OverviewMatrix({
  sections,
  docs,
  onOpen,
}: {
  sections: TemplateSection[];
  docs: Record<DocPart, CollabDoc | null>;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  // Only the overview reads the summary: nothing else re-renders as it follows the typing.
  const sectionIds = useMemo(() => sections.map((s) => s.id), [sections]);
  const summary = useAssessmentSummary(docs, sectionIds);
  const [definitions, setDefinitions] = useState(false);

  return (
    <section aria-labelledby="matrix-heading" className="card">
      <h2 id="matrix-heading">{t('matrix.heading')}</h2>
      <label className="small">
        <input type="checkbox" checked={definitions} onChange={(event) => setDefinitions(event.target.checked)} data-testid="matrix-definitions" />{' '}
        {t('definition.showInOverview')}
      </label>
      <table className="matrix">
        <caption className="muted">{t('matrix.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('matrix.section')}</th>
            <th scope="col">{t('matrix.status')}</th>
            <th scope="col">{t('matrix.filledBa')}</th>
            <th scope="col">{t('matrix.filledVa')}</th>
            <th scope="col">{t('matrix.filledJoint')}</th>
            <th scope="col">{t('matrix.qualifierBa')}</th>
            <th scope="col">{t('matrix.qualifierVa')}</th>
            <th scope="col">{t('matrix.difference')}</th>
          </tr>
        </thead>
        <tbody>
          {sections.map((section) => (
            <MatrixRow key={section.id} section={section} summary={summary} onOpen={onOpen} definitions={definitions} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** One section's row: its status, which parts hold text, both qualifiers and how far they differ. */
function MatrixRow({
  section,
  summary,
  onOpen,
  definitions,
}: {
  section: TemplateSection;
  summary: AssessmentSummary;
  onOpen: (id: string) => void;
  definitions: boolean;
}) {
  const { t } = useTranslation();
  const sectionLabel = useSectionLabel();
  const { workflow } = useWorkflowContext();
  const yesNo = (filled: boolean) => <span className={filled ? 'filled filled--yes' : 'filled'}>{filled ? `✓ ${t('matrix.yes')}` : t('matrix.no')}</span>;
  const ba = summary.qualifiers.occupational.get(section.id) ?? null;
  const va = summary.qualifiers.insurance.get(section.id) ?? null;
  const state = workflow?.sections[section.id];
  // An agreed qualifier settles the difference between the physicians' own.
  const agreement = currentAgreement(state);
  const difference = gradedScaleOf(section) && !agreement ? qualifierDifference(ba, va) : 'none';
  // One physician's "niet beoordeeld" against the other's position is a difference of its own kind.
  const notAssessed = agreement ? null : notAssessedDifference(section.id, summary);
  return (
    <tr data-testid={`matrix-row-${section.id}`} data-difference={difference} className={`matrix__row matrix__row--${difference}`}>
      <th scope="row">
        <button type="button" className="link-button" onClick={() => onOpen(section.id)}>
          {sectionLabel(section)}
        </button>
        {definitions && <DefinitionBody section={section} compact />}
      </th>
      <td>
        {state ? (
          <StatusChip status={state.status} persistent={workflow!.persistent.includes(section.id)} testId={`matrix-status-${section.id}`} />
        ) : (
          t('matrix.none')
        )}
      </td>
      <td data-testid={`matrix-filled-ba-${section.id}`}>
        <NotAssessedCell mark={summary.notAssessed.occupational.get(section.id)}>{yesNo(summary.filled.occupational.has(section.id))}</NotAssessedCell>
      </td>
      <td data-testid={`matrix-filled-va-${section.id}`}>
        <NotAssessedCell mark={summary.notAssessed.insurance.get(section.id)}>{yesNo(summary.filled.insurance.has(section.id))}</NotAssessedCell>
      </td>
      <td>{yesNo(summary.filled.joint.has(section.id))}</td>
      <td data-testid={`matrix-qualifier-ba-${section.id}`}>{ba ?? t('matrix.none')}</td>
      <td data-testid={`matrix-qualifier-va-${section.id}`}>{va ?? t('matrix.none')}</td>
      <td data-testid={`matrix-difference-${section.id}`} data-not-assessed={notAssessed ?? ''}>
        {notAssessed ? (
          notAssessed === 'both' ? (
            t('notAssessed.bothNotAssessed')
          ) : (
            <strong className="difference difference--not-assessed">{t('notAssessed.oneSideNotAssessed', { role: t(`roles.${notAssessed}Short`) })}</strong>
          )
        ) : gradedScaleOf(section) && agreement ? (
          <span data-testid={`matrix-agreed-${section.id}`}>{t('matrix.agreed', { code: agreement.qualifier ?? t('matrix.none') })}</span>
        ) : difference === 'none' ? (
          t('matrix.none')
        ) : (
          <strong className={`difference difference--${difference}`}>⚠ {t(`section.difference.${difference}`)}</strong>
        )}
      </td>
    </tr>
  );
}
