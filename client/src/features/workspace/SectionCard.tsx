import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocPart } from '../../../../shared/docNames.ts';
import { docAccess } from '../../../../shared/permissions.ts';
import { isLocked } from '../../../../shared/workflow/locks.ts';
import { qualifierDifference, type QualifierDifference } from '../../../../shared/qualifiers.ts';
import type { AccessRole } from '../../../../shared/roles.ts';
import { gradedScaleOf, type TemplateSection } from '../../../../shared/template/index.ts';
import { useQualifier } from '../../collab/useAssessment.ts';
import type { CollabDoc } from '../../collab/useCollabDoc.ts';
import { SectionEditor } from '../../editor/SectionEditor.tsx';
import { COMMENT_EXTENSIONS, CommentMargin, EditorComments } from '../comments/index.ts';
import { currentAgreement } from '../workflow/agreed.ts';
import { QualifierLabel } from '../workflow/SectionHistory.tsx';
import { SectionWorkflow } from '../workflow/SectionWorkflow.tsx';
import { StatusChip } from '../workflow/StatusChip.tsx';
import { useSectionState, useWorkflowContext } from '../workflow/WorkflowContext.tsx';
import { useSectionLabel } from './labels.ts';
import { NotAssessedField } from './NotAssessedField.tsx';
import { QualifierField } from './QualifierField.tsx';
import { SectionDefinition } from './SectionDefinition.tsx';

interface Props {
  section: TemplateSection;
  myRole: AccessRole;
  docs: Record<DocPart, CollabDoc | null>;
  /** The physician is working in this section (focus inside it): called with its id. Stable, so that the card is not rendered again as the workspace is. */
  onActive: (sectionId: string) => void;
}

/** Columns in a fixed order for both physicians: BA left, VA right, the joint draft below. */
const COLUMNS = [
  { part: 'occupational', role: 'ba' },
  { part: 'insurance', role: 'va' },
] as const;

/** One section: both positions side by side, both qualifiers, and the joint draft. */
export const SectionCard = memo(function SectionCard({ section, myRole, docs, onActive }: Props) {
  const { t } = useTranslation();
  const sectionLabel = useSectionLabel()(section);
  const [baQualifier, setBaQualifier] = useQualifier(docs.occupational, section.id);
  const [vaQualifier, setVaQualifier] = useQualifier(docs.insurance, section.id);
  const state = useSectionState(section.id);
  // An agreed qualifier settles the physicians' difference: it is not shown as if it were open.
  const agreement = currentAgreement(state);
  const difference = agreement ? 'none' : qualifierDifference(baQualifier, vaQualifier);
  const qualifiers = { ba: [baQualifier, setBaQualifier], va: [vaQualifier, setVaQualifier] } as const;
  const persistent = useWorkflowContext().workflow?.persistent.includes(section.id) ?? false;

  return (
    <section className="card section-card" aria-labelledby={`section-${section.id}`} data-testid={`section-${section.id}`} onFocus={() => onActive(section.id)}>
      <div className="section-card__header">
        <h2 id={`section-${section.id}`} tabIndex={-1} className="section-card__title">
          {sectionLabel}
        </h2>
        {state && <StatusChip status={state.status} persistent={persistent} testId={`status-${section.id}`} />}
        <SectionDefinition section={section} sectionLabel={sectionLabel} />
      </div>
      <div className="section-card__body">
        <div className="section-card__main">
          <div className="columns">
            {COLUMNS.map(({ part, role }) => (
              <PositionColumn
                key={part}
                section={section}
                sectionLabel={sectionLabel}
                part={part}
                role={role}
                collab={docs[part]}
                editable={docAccess(myRole, part) === 'rw'}
                qualifier={qualifiers[role]}
                difference={difference}
              />
            ))}
          </div>
          {gradedScaleOf(section) && agreement ? (
            <p className="difference difference--agreed" data-testid={`agreed-qualifier-${section.id}`}>
              <span aria-hidden="true">✓ </span>
              {t('section.agreedQualifier')} <QualifierLabel scale={gradedScaleOf(section)} code={agreement.qualifier} />
            </p>
          ) : gradedScaleOf(section) ? (
            <p className={`difference difference--${difference}`} data-testid={`difference-${section.id}`} data-level={difference}>
              {difference !== 'none' && <span aria-hidden="true">⚠ </span>}
              {t(`section.difference.${difference}`)}
            </p>
          ) : (
            <p className="muted small">{t('section.noCode')}</p>
          )}
          <JointDraft section={section} sectionLabel={sectionLabel} myRole={myRole} joint={docs.joint} />
        </div>
        <CommentMargin sectionId={section.id} sectionLabel={sectionLabel} />
      </div>
    </section>
  );
});

interface ColumnProps {
  section: TemplateSection;
  sectionLabel: string;
  part: (typeof COLUMNS)[number]['part'];
  role: (typeof COLUMNS)[number]['role'];
  collab: CollabDoc | null;
  editable: boolean;
  qualifier: readonly [string | null, (code: string | null) => void];
  difference: QualifierDifference;
}

/** One physician's position: the qualifier and the text, editable in the physician's own column. */
function PositionColumn({ section, sectionLabel, part, role, collab, editable, qualifier: [value, setValue], difference }: ColumnProps) {
  const { t } = useTranslation();
  const column = t('section.position', { role: t(`roles.${role}`).toLowerCase() });
  const scale = gradedScaleOf(section);
  return (
    <div className="column">
      {/* One row: the column's title and "niet beoordeeld" take no more height than the title alone. */}
      <div className="column__controls">
        <h3 className="column__title">
          {column} <span className={editable ? 'badge badge--own' : 'badge'}>{editable ? t('section.yourColumn') : t('section.readOnly')}</span>
        </h3>
        <NotAssessedField
          collab={collab}
          sectionId={section.id}
          editable={editable}
          role={t(`roles.${role}Short`)}
          testId={`not-assessed-${part}-${section.id}`}
        />
      </div>
      {scale && (
        <QualifierField
          scale={scale}
          value={value}
          editable={editable}
          difference={difference}
          label={t('section.qualifier', { role: t(`roles.${role}Short`) })}
          testId={`qualifier-${part}-${section.id}`}
          onChange={setValue}
        />
      )}
      {collab && (
        <SectionEditor
          collab={collab}
          field={section.id}
          editable={editable}
          label={t('section.editorLabel', { section: sectionLabel, column })}
          testId={`editor-${part}-${section.id}`}
          extensions={COMMENT_EXTENSIONS}
        >
          {(editor) => <EditorComments editor={editor} collab={collab} part={part} sectionId={section.id} />}
        </SectionEditor>
      )}
    </div>
  );
}

/** The joint draft, editable while the section is not settled, and the section's workflow. */
function JointDraft({ section, sectionLabel, myRole, joint }: { section: TemplateSection; sectionLabel: string; myRole: AccessRole; joint: CollabDoc | null }) {
  const { t } = useTranslation();
  const state = useSectionState(section.id);
  // A settled position is frozen until someone reopens it; the server refuses changes to it (shared/workflow/locks.ts).
  // While the state is unknown (offline, not yet loaded) the draft may be locked for all this page knows: not editable.
  const locked = state ? isLocked(state) : false;
  const jointEditable = docAccess(myRole, 'joint') === 'rw' && state !== null && !locked;
  // The joint qualifier is part of the draft: a proposal records it and a signature covers it.
  const [jointQualifier, setJointQualifier] = useQualifier(joint, section.id);
  const scale = gradedScaleOf(section);
  const jointHint = !state
    ? 'workflow.jointUnknown'
    : !locked
      ? 'section.jointHint'
      : state.status === 'resolved'
        ? 'workflow.lockedResolved'
        : 'workflow.locked';
  return (
    <div className="joint">
      <h3 className="column__title">{t('section.joint')}</h3>
      <p className={locked ? 'lock-note small' : 'muted small'} data-testid={`joint-hint-${section.id}`}>
        {t(jointHint)}
      </p>
      {scale && joint && (
        <QualifierField
          scale={scale}
          value={jointQualifier}
          editable={jointEditable}
          difference="none"
          label={t('section.jointQualifier')}
          testId={`qualifier-joint-${section.id}`}
          onChange={setJointQualifier}
        />
      )}
      {joint && (
        <SectionEditor
          collab={joint}
          field={section.id}
          editable={jointEditable}
          label={t('section.editorLabel', { section: sectionLabel, column: t('section.joint') })}
          testId={`editor-joint-${section.id}`}
          extensions={COMMENT_EXTENSIONS}
        >
          {(editor) => <EditorComments editor={editor} collab={joint} part="joint" sectionId={section.id} />}
        </SectionEditor>
      )}
      {state && <SectionWorkflow sectionId={section.id} sectionLabel={sectionLabel} scale={gradedScaleOf(section)} state={state} />}
    </div>
  );
}
