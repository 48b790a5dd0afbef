import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_CLOSE_REASONS, type CaseClosure, type CaseCloseReason } from '../../../../shared/workflow/labourExpert.ts';
import { SelectField } from '../workflow/Fields.tsx';
import { useCommand, useWorkflowContext } from '../workflow/WorkflowContext.tsx';
import { useActorLabel, useDateTimeFormat } from '../workspace/labels.ts';
import { labourExpertApi } from './labourExpertApi.ts';
import { LabourExpertError } from './LabourExpertError.tsx';

/** A closed case says why, when and by whom; an open one offers a small, confirmed control to close it. */
export function CaseClosing({ closed }: { closed: CaseClosure | null }) {
  const { t } = useTranslation();
  const actor = useActorLabel();
  const formatTime = useDateTimeFormat();
  if (closed)
    return (
      <div className="labour-expert-panel__closed" data-testid="case-closed">
        <p>
          <strong>{t('labourExpert.closing.closed', { reason: t(`labourExpert.closing.reasons.${closed.reason}`), at: formatTime(closed.at) })}</strong>
        </p>
        <p className="muted small">{t('labourExpert.closing.closedBy', { by: actor(closed.by) })}</p>
      </div>
    );
  return <CloseForm />;
}

function CloseForm() {
  const { t } = useTranslation();
  const { caseId } = useWorkflowContext();
  const command = useCommand();
  const [reason, setReason] = useState<CaseCloseReason>(CASE_CLOSE_REASONS[0]);
  const reasonLabel = (option: CaseCloseReason) => t(`labourExpert.closing.reasons.${option}`);

  return (
    <details className="labour-expert-panel__close" data-testid="case-close">
      <summary>{t('labourExpert.closing.open')}</summary>
      <form
        className="stacked-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (window.confirm(t('labourExpert.closing.confirm', { reason: reasonLabel(reason) }))) void command.run(() => labourExpertApi.close(caseId, reason));
        }}
      >
        <SelectField label={t('labourExpert.closing.reason')} value={reason} options={CASE_CLOSE_REASONS} optionLabel={reasonLabel} onChange={setReason} />
        <p>
          <button type="submit" className="button--secondary" disabled={command.busy}>
            {t('labourExpert.closing.submit')}
          </button>
        </p>
        <LabourExpertError error={command.error} />
      </form>
    </details>
  );
}
