import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocPart } from '../../../../shared/docNames.ts';
import { MAX_NOTES_CHARS } from '../../../../shared/limits.ts';
import type { TemplateSection } from '../../../../shared/template/index.ts';
import { ITEM_OUTCOMES, type AgendaItem, type ConsultationSession, type ItemOutcome, type SectionStatus } from '../../../../shared/workflow/types.ts';
import { useSectionText } from '../../collab/sectionText.ts';
import type { CollabDoc } from '../../collab/useCollabDoc.ts';
import { SectionWorkflow } from '../workflow/SectionWorkflow.tsx';
import { StatusChip } from '../workflow/StatusChip.tsx';
import { isPhysician, useCommand, useSectionState, useWorkflowContext } from '../workflow/WorkflowContext.tsx';
import { useActorLabel, useDateTimeFormat, useSectionLabel } from '../workspace/labels.ts';
import { SessionError } from './sessionLabels.tsx';
import { sessionsApi } from './sessionsApi.ts';

interface Props {
  session: ConsultationSession;
  item: AgendaItem;
  section: TemplateSection;
  number: number;
  docs: Record<DocPart, CollabDoc | null>;
  onOpenSection: (sectionId: string) => void;
}

/**
 * The agenda item under discussion: both positions and the joint draft as
 * they stand, the section's workflow (flag, proposal and signature, agreement)
 * and the outcome for the minutes.
 */
export function LiveItem({ session, item, section, number, docs, onOpenSection }: Props) {
  const { t } = useTranslation();
  const { workflow, myRole } = useWorkflowContext();
  const state = useSectionState(section.id);
  const label = useSectionLabel()(section);
  const persistent = workflow?.persistent.includes(section.id) ?? false;
  const headingId = 'live-item-heading';

  return (
    <div className="live-item" id="live-item" aria-labelledby={headingId} role="group" data-testid="live-item" data-section={section.id}>
      <div className="section-card__header">
        <h4 id={headingId}>{t('sessions.live.item', { number, section: label })}</h4>
        {state && <StatusChip status={state.status} persistent={persistent} testId={`live-status-${section.id}`} />}
      </div>
      <div className="columns">
        <Position collab={docs.occupational} sectionId={section.id} title={t('section.position', { role: t('roles.ba').toLowerCase() })} />
        <Position collab={docs.insurance} sectionId={section.id} title={t('section.position', { role: t('roles.va').toLowerCase() })} />
      </div>
      <Position collab={docs.joint} sectionId={section.id} title={t('section.joint')} />
      <p>
        <button type="button" className="link-button" onClick={() => onOpenSection(section.id)}>
          {t('sessions.live.toSection', { section: label })}
        </button>
      </p>
      {state && <SectionWorkflow sectionId={section.id} sectionLabel={label} state={state} />}
      {isPhysician(myRole) ? (
        <OutcomeForm
          key={`${item.section}:${item.recordedAt ?? ''}`}
          session={session}
          item={item}
          sectionLabel={label}
          status={state?.status ?? null}
          onOpenSection={onOpenSection}
        />
      ) : (
        <RecordedOutcome item={item} />
      )}
    </div>
  );
}

/** One position (or the joint draft) as plain text, read-only: the editors live in the section card. */
function Position({ collab, sectionId, title }: { collab: CollabDoc | null; sectionId: string; title: string }) {
  const { t } = useTranslation();
  const text = useSectionText(collab, sectionId);
  return (
    <div className="column live-position">
      <h5 className="column__title">{title}</h5>
      <blockquote className="quoted-text">{text ? text : <span className="muted">{t('disputes.emptyPosition')}</span>}</blockquote>
    </div>
  );
}

function RecordedOutcome({ item }: { item: AgendaItem }) {
  const { t } = useTranslation();
  const actor = useActorLabel();
  const formatTime = useDateTimeFormat();
  if (!item.outcome) return <p className="muted">{t('sessions.outcomeForm.none')}</p>;
  return (
    <p data-testid="recorded-outcome">
      <strong>{t(`sessions.outcome.${item.outcome}`)}</strong>
      {item.recordedBy && item.recordedAt && ` — ${t('sessions.outcomeForm.recorded', { who: actor(item.recordedBy), at: formatTime(item.recordedAt) })}`}
    </p>
  );
}

/** Refusals that the workflow can resolve, with the way to resolve them. */
const NEEDS_SECTION = new Set(['recordOutcome.agreed-needs-signatures', 'recordOutcome.disagreement-needs-flag']);

interface OutcomeProps {
  session: ConsultationSession;
  item: AgendaItem;
  sectionLabel: string;
  status: SectionStatus | null;
  onOpenSection: (sectionId: string) => void;
}

/**
 * The outcome of one agenda item with notes. The server holds it to the
 * workflow: "agreed" needs the agreement signed, "escalated" a dispute, "still
 * disagree" a flag; a refusal says so and offers the way there.
 */
function OutcomeForm({ session, item, sectionLabel, status, onOpenSection }: OutcomeProps) {
  const { t } = useTranslation();
  const { caseId } = useWorkflowContext();
  const actor = useActorLabel();
  const formatTime = useDateTimeFormat();
  const command = useCommand();
  const [outcome, setOutcome] = useState<ItemOutcome | null>(item.outcome);
  const [notes, setNotes] = useState(item.notes);
  const ids = { legend: useId(), notes: useId(), radios: useId() };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!outcome) return;
    await command.run(() => sessionsApi.recordOutcome(caseId, session.id, item.section, outcome, notes));
  };

  return (
    <form className="outcome-form" onSubmit={(event) => void submit(event)} aria-labelledby={ids.legend} data-testid="outcome-form">
      <fieldset>
        <legend id={ids.legend}>{t('sessions.outcomeForm.legend', { section: sectionLabel })}</legend>
        {ITEM_OUTCOMES.map((option) => (
          <label key={option} className="check">
            <input type="radio" name={ids.radios} value={option} checked={outcome === option} onChange={() => setOutcome(option)} />{' '}
            {t(`sessions.outcome.${option}`)}
          </label>
        ))}
        {outcome === 'agreed' && status !== 'agreed' && <p className="muted small">{t('sessions.outcomeForm.agreedHint')}</p>}
      </fieldset>
      <div className="field">
        <label htmlFor={ids.notes}>{t('sessions.outcomeForm.notes')}</label>
        <textarea id={ids.notes} rows={3} maxLength={MAX_NOTES_CHARS} value={notes} onChange={(event) => setNotes(event.target.value)} />
      </div>
      <p className="actions">
        <button type="submit" disabled={!outcome || command.busy}>
          {item.outcome ? t('sessions.outcomeForm.update') : t('sessions.outcomeForm.record')}
        </button>
        {item.outcome && item.recordedBy && item.recordedAt && (
          <span className="muted small" data-testid="recorded-outcome">
            {t(`sessions.outcome.${item.outcome}`)} — {t('sessions.outcomeForm.recorded', { who: actor(item.recordedBy), at: formatTime(item.recordedAt) })}
          </span>
        )}
      </p>
      <SessionError error={command.error} testId="outcome-error" />
      <OutcomeFollowUp refusal={command.error?.id ?? ''} item={item} status={status} onOpenSection={onOpenSection} />
    </form>
  );
}

/** After a refusal the workflow can resolve: the way to resolve it (the section, or a dispute). */
function OutcomeFollowUp({
  refusal,
  item,
  status,
  onOpenSection,
}: {
  refusal: string;
  item: AgendaItem;
  status: SectionStatus | null;
  onOpenSection: (sectionId: string) => void;
}) {
  const { t } = useTranslation();
  const { escalate } = useWorkflowContext();
  return (
    <>
      {NEEDS_SECTION.has(refusal) && (
        <p className="actions">
          <button type="button" onClick={() => onOpenSection(item.section)}>
            {refusal === 'recordOutcome.agreed-needs-signatures' ? t('sessions.outcomeForm.toAgreement') : t('sessions.outcomeForm.toFlag')}
          </button>
        </p>
      )}
      {refusal === 'recordOutcome.escalated-needs-dispute' && status === 'disagreement' && (
        <p className="actions">
          <button type="button" onClick={() => escalate([item.section], 'explicit')}>
            {t('workflow.actions.escalate')}
          </button>
        </p>
      )}
    </>
  );
}
