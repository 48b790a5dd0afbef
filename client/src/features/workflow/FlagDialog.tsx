import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_RATIONALE_CHARS, MAX_REASON_CHARS } from '../../../../shared/limits.ts';
import { DIFFERENCE_KINDS, type DifferenceKind } from '../../../../shared/workflow/types.ts';
import { workflowApi } from '../../api.ts';
import { FormDialog } from './Dialog.tsx';
import { SelectField, TextAreaField } from './Fields.tsx';
import { useCommand, useWorkflowContext } from './WorkflowContext.tsx';

/** Records a disagreement on a section: why, and what kind of difference. Both positions are snapshotted by the server. */
export function FlagDialog({ sectionId, sectionLabel, onClose }: { sectionId: string; sectionLabel: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { caseId } = useWorkflowContext();
  const command = useCommand();
  const [rationale, setRationale] = useState('');
  const [kind, setKind] = useState<DifferenceKind>('capacity');

  const submit = async () => (await command.run(() => workflowApi.flag(caseId, sectionId, { rationale, kind }))) !== null;

  return (
    <FormDialog
      title={t('workflow.flag.title', { section: sectionLabel })}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('workflow.flag.submit')}
      command={command}
      testId="flag-dialog"
      returnFocusTo={`section-${sectionId}`}
    >
      <p className="muted small">{t('workflow.flag.hint')}</p>
      <SelectField
        label={t('workflow.flag.kind')}
        value={kind}
        options={DIFFERENCE_KINDS}
        optionLabel={(option) => t(`workflow.kind.${option}`)}
        onChange={setKind}
      />
      <TextAreaField label={t('workflow.flag.rationale')} required rows={4} maxLength={MAX_RATIONALE_CHARS} value={rationale} onChange={setRationale} />
    </FormDialog>
  );
}

/** Asks why an agreed (or resolved) position is opened again. */
export function ReopenDialog({ sectionId, sectionLabel, onClose }: { sectionId: string; sectionLabel: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { caseId } = useWorkflowContext();
  const command = useCommand();
  const [reason, setReason] = useState('');

  const submit = async () => (await command.run(() => workflowApi.reopen(caseId, sectionId, reason))) !== null;

  return (
    <FormDialog
      title={t('workflow.reopen.title', { section: sectionLabel })}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('workflow.reopen.submit')}
      command={command}
      testId="reopen-dialog"
      returnFocusTo={`section-${sectionId}`}
    >
      <p className="muted small">{t('workflow.reopen.hint')}</p>
      <TextAreaField label={t('workflow.reopen.reason')} required rows={3} maxLength={MAX_REASON_CHARS} value={reason} onChange={setReason} />
    </FormDialog>
  );
}
