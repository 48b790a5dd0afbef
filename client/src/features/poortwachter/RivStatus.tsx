import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_RIV_DOUBT_REASON_CHARS } from '../../../../shared/limits.ts';
import { rivWindowStartWeek } from '../../../../shared/poortwachter.ts';
import { localDate, weekOfSickness } from '../../../../shared/sickness.ts';
import type { ApiError } from '../../api.ts';
import { FormDialog } from '../workflow/Dialog.tsx';
import { useErrorText } from '../workflow/ErrorMessage.tsx';
import { TextAreaField } from '../workflow/Fields.tsx';
import { useCommand, useWorkflowContext } from '../workflow/WorkflowContext.tsx';
import { useDateTimeFormat } from '../workspace/labels.ts';
import { rivApi } from './rivApi.ts';

/**
 * The actueel oordeel for the re-integration report: from the report's first
 * week (or once doubt is recorded) whether the case is ready, and for the BA
 * the buttons to record or withdraw doubt. The server decides who may.
 */
export function RivStatus({ firstSickDay }: { firstSickDay: string }) {
  const { t } = useTranslation();
  const { caseId, myRole, workflow } = useWorkflowContext();
  const formatAt = useDateTimeFormat();
  const command = useCommand();
  const [recording, setRecording] = useState(false);
  const week = weekOfSickness(firstSickDay, localDate(new Date()));
  const riv = workflow?.riv;
  if (!riv || (!riv.doubt && (week === null || week < rivWindowStartWeek()))) return null;
  const state = !riv.doubt ? 'none' : riv.consultationRequired ? 'required' : 'held';

  return (
    <section
      className={`pw-notice pw-riv pw-riv--${state === 'required' ? 'required' : 'ready'}`}
      aria-labelledby="riv-heading"
      data-testid="riv-status"
      data-state={state}
    >
      <h2 id="riv-heading">{t('poortwachter.riv.heading')}</h2>
      {riv.doubt ? (
        <>
          <p className="pw-riv__state" data-testid="riv-state">
            {riv.consultation ? t('poortwachter.riv.held', { at: formatAt(riv.consultation.at) }) : t('poortwachter.riv.required')}
          </p>
          <p>{t('poortwachter.riv.doubt', { name: riv.doubt.by.name, at: formatAt(riv.doubt.at) })}</p>
          {riv.doubt.reason && (
            <p>
              <strong>{t('poortwachter.riv.reason')}:</strong> {riv.doubt.reason}
            </p>
          )}
        </>
      ) : (
        <>
          <p className="pw-riv__state" data-testid="riv-state">
            {t('poortwachter.riv.noDoubt')}
          </p>
          <p className="muted small">{t('poortwachter.riv.window', { week: rivWindowStartWeek() })}</p>
        </>
      )}
      <RivError error={command.error} />
      {myRole === 'ba' && (
        <p className="pw-notice__actions">
          {riv.doubt ? (
            <button type="button" className="button--secondary" disabled={command.busy} onClick={() => void command.run(() => rivApi.withdrawDoubt(caseId))}>
              {t('poortwachter.riv.withdraw')}
            </button>
          ) : (
            <button type="button" onClick={() => setRecording(true)}>
              {t('poortwachter.riv.record')}
            </button>
          )}
        </p>
      )}
      {recording && <DoubtDialog onClose={() => setRecording(false)} />}
    </section>
  );
}

function DoubtDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { caseId } = useWorkflowContext();
  const command = useCommand();
  const [reason, setReason] = useState('');
  const submit = async () => (await command.run(() => rivApi.recordDoubt(caseId, reason))) !== null;
  return (
    <FormDialog
      title={t('poortwachter.riv.dialogTitle')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('poortwachter.riv.submit')}
      command={command}
      errorView={RivError}
      testId="riv-doubt-dialog"
      returnFocusTo="riv-heading"
    >
      <p>{t('poortwachter.riv.dialogHint')}</p>
      <TextAreaField label={t('poortwachter.riv.reasonLabel')} rows={3} maxLength={MAX_RIV_DOUBT_REASON_CHARS} value={reason} onChange={setReason} />
    </FormDialog>
  );
}

/** A refusal: the RIV rules by name (poortwachter.errors.*), then the general ones. */
function RivError({ error, testId }: { error: ApiError | null; testId?: string }) {
  const { t, i18n } = useTranslation();
  const general = useErrorText();
  if (!error) return null;
  const key = `poortwachter.errors.${error.id}`;
  const known = /^[\w.-]+$/.test(error.id) && typeof i18n.getResource(i18n.language, 'translation', key) === 'string';
  return (
    <p role="alert" className="error" data-testid={testId} data-error={error.id}>
      {known ? t(key) : general(error)}
    </p>
  );
}
