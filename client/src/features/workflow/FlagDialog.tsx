import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_RATIONALE_CHARS, MAX_REASON_CHARS } from '../../../../shared/limits.ts';
import { DIFFERENCE_KINDS, type DifferenceKind } from '../../../../shared/workflow/types.ts';
import { workflowApi } from '../../api.ts';
import { FormDialog } from './Dialog.tsx';
import { ErrorMessage } from './ErrorMessage.tsx';
import { useCommand, useWorkflowContext } from './WorkflowContext.tsx';

/** Records a disagreement on a section: why, and what kind of difference. Both positions are snapshotted by the server. */
export function FlagDialog({ sectionId, sectionLabel, onClose }: { sectionId: string; sectionLabel: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { caseId } = useWorkflowContext();
  const command = useCommand();
  const [rationale, setRationale] = useState('');
  const [kind, setKind] = useState<DifferenceKind>('capacity');
  const ids = { rationale: useId(), kind: useId() };

  const submit = async () => (await command.run(() => workflowApi.flag(caseId, sectionId, { rationale, kind }))) !== null;

  return (
    <FormDialog
      title={t('workflow.flag.title', { section: sectionLabel })}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('workflow.flag.submit')}
      busy={command.busy}
      testId="flag-dialog"
      returnFocusTo={`section-${sectionId}`}
    >
      <p className="muted small">{t('workflow.flag.hint')}</p>
      <div className="field">
        <label htmlFor={ids.kind}>{t('workflow.flag.kind')}</label>
        <select id={ids.kind} value={kind} onChange={(event) => setKind(event.target.value as DifferenceKind)}>
          {DIFFERENCE_KINDS.map((option) => (
            <option key={option} value={option}>
              {t(`workflow.kind.${option}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.rationale}>{t('workflow.flag.rationale')}</label>
        <textarea
          id={ids.rationale}
          required
          rows={4}
          maxLength={MAX_RATIONALE_CHARS}
          value={rationale}
          onChange={(event) => setRationale(event.target.value)}
        />
      </div>
      <ErrorMessage error={command.error} />
    </FormDialog>
  );
}

/** Asks why an agreed (or resolved) position is opened again. */
export function ReopenDialog({ sectionId, sectionLabel, onClose }: { sectionId: string; sectionLabel: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { caseId } = useWorkflowContext();
  const command = useCommand();
  const [reason, setReason] = useState('');
  const id = useId();

  const submit = async () => (await command.run(() => workflowApi.reopen(caseId, sectionId, reason))) !== null;

  return (
    <FormDialog
      title={t('workflow.reopen.title', { section: sectionLabel })}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('workflow.reopen.submit')}
      busy={command.busy}
      testId="reopen-dialog"
      returnFocusTo={`section-${sectionId}`}
    >
      <p className="muted small">{t('workflow.reopen.hint')}</p>
      <div className="field">
        <label htmlFor={id}>{t('workflow.reopen.reason')}</label>
        <textarea id={id} required rows={3} maxLength={MAX_REASON_CHARS} value={reason} onChange={(event) => setReason(event.target.value)} />
      </div>
      <ErrorMessage error={command.error} />
    </FormDialog>
  );
}
