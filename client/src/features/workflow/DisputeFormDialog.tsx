import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_EXPLANATION_CHARS, MAX_QUESTION_CHARS } from '../../../../shared/limits.ts';
import type { TemplateSection } from '../../../../shared/template/index.ts';
import type { DisputeReason, DisputeTargets } from '../../../../shared/workflow/types.ts';
import { workflowApi } from '../../api.ts';
import { useSectionLabel } from '../workspace/labels.ts';
import { FormDialog } from './Dialog.tsx';
import { TextAreaField } from './Fields.tsx';
import { useCommand, useWorkflowContext } from './WorkflowContext.tsx';

const TARGETS = ['peerReview', 'formalRoute', 'closed'] as const satisfies readonly (keyof DisputeTargets)[];
type TargetInput = Record<keyof DisputeTargets, string>;

interface Props {
  /** The sections chosen when the form opens. */
  initialSections: string[];
  initialReason: DisputeReason;
  onClose: () => void;
  /** The dispute was opened. */
  onOpened: (disputeId: string) => void;
}

/** Opens a dispute over sections in disagreement: the question, why, and target dates per stage. */
export function DisputeFormDialog({ initialSections, initialReason, onClose, onOpened }: Props) {
  const { t } = useTranslation();
  const { caseId, workflow, sections } = useWorkflowContext();
  const command = useCommand();
  const candidates = sections.filter((s) => workflow?.sections[s.id]?.status === 'disagreement');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(initialSections));
  const [question, setQuestion] = useState('');
  const [reason, setReason] = useState<DisputeReason>(initialReason);
  const [explanation, setExplanation] = useState('');
  const [targets, setTargets] = useState<TargetInput>({ peerReview: '', formalRoute: '', closed: '' });
  const [noneChosen, setNoneChosen] = useState(false);

  const submit = async () => {
    const chosenIds = candidates.map((s) => s.id).filter((id) => chosen.has(id));
    setNoneChosen(chosenIds.length === 0);
    if (chosenIds.length === 0) return false;
    const body = { sections: chosenIds, question, reason, explanation, targets: targetDates(targets) };
    const result = await command.run(() => workflowApi.openDispute(caseId, body));
    if (result?.envelope.event.type !== 'dispute.opened') return false;
    onOpened(result.envelope.event.disputeId);
    return true;
  };

  return (
    <FormDialog
      title={t('disputes.form.title')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('disputes.form.submit')}
      command={command}
      errorTestId="dispute-form-error"
      testId="dispute-dialog"
    >
      <SectionChoice candidates={candidates} chosen={chosen} onChange={setChosen} />
      <TextAreaField label={t('disputes.form.question')} required rows={3} maxLength={MAX_QUESTION_CHARS} value={question} onChange={setQuestion} />
      <ReasonChoice reason={reason} onChange={setReason} />
      <TextAreaField label={t('disputes.form.explanation')} rows={3} maxLength={MAX_EXPLANATION_CHARS} value={explanation} onChange={setExplanation} />
      <TargetDates targets={targets} onChange={setTargets} />
      {noneChosen && (
        <p role="alert" className="error">
          {t('disputes.form.chooseSection')}
        </p>
      )}
    </FormDialog>
  );
}

/** The target dates as the server takes them: an empty input is no target. */
function targetDates(targets: TargetInput): DisputeTargets {
  return { peerReview: targets.peerReview || null, formalRoute: targets.formalRoute || null, closed: targets.closed || null };
}

/** Why the dispute is opened: the persistence rule (with its numbers, once known) or an explicit choice. */
function ReasonChoice({ reason, onChange }: { reason: DisputeReason; onChange: (next: DisputeReason) => void }) {
  const { t } = useTranslation();
  const { workflow } = useWorkflowContext();
  const name = useId();
  const persistence = workflow?.persistence;
  return (
    <fieldset>
      <legend>{t('disputes.form.reason')}</legend>
      {(['persistent', 'explicit'] as const).map((option) => (
        <label key={option} className="check">
          <input type="radio" name={name} value={option} checked={reason === option} onChange={() => onChange(option)} />{' '}
          {option === 'persistent' && persistence
            ? t('disputes.reason.persistentRule', { sessions: persistence.sessions, days: persistence.days })
            : t(`disputes.reason.${option}`)}
        </label>
      ))}
    </fieldset>
  );
}

/** The sections in disagreement, each a checkbox; persistent ones say so. */
function SectionChoice({
  candidates,
  chosen,
  onChange,
}: {
  candidates: TemplateSection[];
  chosen: ReadonlySet<string>;
  onChange: (next: ReadonlySet<string>) => void;
}) {
  const { t } = useTranslation();
  const { workflow } = useWorkflowContext();
  const sectionLabel = useSectionLabel();
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    onChange(next);
  };
  return (
    <fieldset>
      <legend>{t('disputes.form.sections')}</legend>
      {candidates.length === 0 && <p className="muted small">{t('disputes.form.noSections')}</p>}
      {candidates.map((section) => (
        <label key={section.id} className="check">
          <input type="checkbox" value={section.id} checked={chosen.has(section.id)} onChange={(event) => toggle(section.id, event.target.checked)} />{' '}
          {sectionLabel(section)}
          {workflow?.persistent.includes(section.id) && <span className="muted"> ({t('workflow.persistentShort')})</span>}
        </label>
      ))}
    </fieldset>
  );
}

/** Optional target dates per stage; a passed one shows as overdue on the dispute's timeline. */
function TargetDates({ targets, onChange }: { targets: TargetInput; onChange: (next: TargetInput) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{t('disputes.form.targets')}</legend>
      <div className="date-fields">
        {TARGETS.map((target) => (
          <label key={target} className="field">
            {t(`disputes.target.${target}`)}
            <input type="date" value={targets[target]} onChange={(event) => onChange({ ...targets, [target]: event.target.value })} />
          </label>
        ))}
      </div>
    </fieldset>
  );
}
