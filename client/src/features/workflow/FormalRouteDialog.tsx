import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_QUESTION_CHARS } from '../../../../shared/limits.ts';
import { localDate } from '../../../../shared/sickness.ts';
import {
  FORMAL_ROUTE_KINDS,
  FORMAL_ROUTE_REQUESTERS,
  type Dispute,
  type FormalRouteKind,
  type FormalRouteRequester,
} from '../../../../shared/workflow/types.ts';
import { workflowApi } from '../../api.ts';
import { FormDialog } from './Dialog.tsx';
import { DateField, SelectField, TextAreaField } from './Fields.tsx';
import { useCommand, useWorkflowContext } from './WorkflowContext.tsx';

/** Records that a formal route was asked for: which, by whom, when, and its question. */
export function FormalRouteDialog({ dispute, onClose }: { dispute: Dispute; onClose: () => void }) {
  const { t } = useTranslation();
  const { caseId } = useWorkflowContext();
  const command = useCommand();
  const [kind, setKind] = useState<FormalRouteKind>('deskundigenoordeel');
  const [requestedBy, setRequestedBy] = useState<FormalRouteRequester>('employee');
  const [requestedOn, setRequestedOn] = useState(localDate(new Date()));
  const [question, setQuestion] = useState('');
  // Only the employee can ask for a second opinion.
  const requesters = kind === 'second_opinion' ? (['employee'] as const) : FORMAL_ROUTE_REQUESTERS;

  const chooseKind = (next: FormalRouteKind) => {
    setKind(next);
    if (next === 'second_opinion') setRequestedBy('employee');
  };
  const submit = async () =>
    (await command.run(() => workflowApi.recordFormalRoute(caseId, dispute.id, { kind, requestedBy, requestedOn, question }))) !== null;

  return (
    <FormDialog
      title={t('disputes.formal.title')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('disputes.formal.submit')}
      command={command}
      testId="formal-route-dialog"
      returnFocusTo={`dispute-${dispute.id}-heading`}
    >
      <p className="muted small">{t('disputes.formal.hint')}</p>
      <SelectField
        label={t('disputes.formal.kind')}
        value={kind}
        options={FORMAL_ROUTE_KINDS}
        optionLabel={(option) => t(`disputes.formal.kinds.${option}`)}
        onChange={chooseKind}
      />
      <SelectField
        label={t('disputes.formal.requestedBy')}
        value={requestedBy}
        options={requesters}
        optionLabel={(option) => t(`disputes.formal.requesters.${option}`)}
        onChange={setRequestedBy}
      />
      <DateField label={t('disputes.formal.requestedOn')} required value={requestedOn} onChange={setRequestedOn} />
      <TextAreaField label={t('disputes.formal.question')} required rows={3} maxLength={MAX_QUESTION_CHARS} value={question} onChange={setQuestion} />
    </FormDialog>
  );
}
