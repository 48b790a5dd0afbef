import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_FORMAL_ROUTE_OUTCOME_CHARS, MAX_QUESTION_CHARS } from '../../../../shared/limits.ts';
import { localDate } from '../../../../shared/sickness.ts';
import { DISPUTE_TRANSITIONS } from '../../../../shared/workflow/transitions.ts';
import {
  FORMAL_ROUTE_KINDS,
  FORMAL_ROUTE_REQUESTERS,
  type Dispute,
  type FormalRouteKind,
  type FormalRouteRequester,
} from '../../../../shared/workflow/types.ts';
import { workflowApi } from '../../api.ts';
import { useActorLabel, useDateFormat, useDateTimeFormat } from '../workspace/labels.ts';
import { FormDialog } from './Dialog.tsx';
import { ErrorMessage } from './ErrorMessage.tsx';
import { isPhysician, useCommand, useWorkflowContext } from './WorkflowContext.tsx';

/**
 * The formal route: a UWV deskundigenoordeel (asked by employer or employee)
 * or a second opinion (employee only). The physicians only record it here;
 * they never request it.
 */
export function FormalRouteSection({ dispute }: { dispute: Dispute }) {
  const { t } = useTranslation();
  const { myRole } = useWorkflowContext();
  const actor = useActorLabel();
  const formatDate = useDateFormat();
  const formatTime = useDateTimeFormat();
  const [recording, setRecording] = useState(false);
  const route = dispute.formalRoute;
  const mayRecord = isPhysician(myRole) && (DISPUTE_TRANSITIONS.recordFormalRoute.from as readonly string[]).includes(dispute.stage);
  const mayRecordOutcome = isPhysician(myRole) && dispute.stage === 'formal_route' && route !== null && route.outcome === null;

  return (
    <section className="dispute__part" data-testid="dispute-formal-route">
      <h4>{t('disputes.formal.heading')}</h4>
      {route ? (
        <>
          <dl className="facts">
            <dt>{t('disputes.formal.kind')}</dt>
            <dd>{t(`disputes.formal.kinds.${route.kind}`)}</dd>
            <dt>{t('disputes.formal.requestedBy')}</dt>
            <dd>
              {t(`disputes.formal.requesters.${route.requestedBy}`)}, {formatDate(route.requestedOn)}
            </dd>
            <dt>{t('disputes.formal.question')}</dt>
            <dd>{route.question}</dd>
            <dt>{t('disputes.formal.recordedBy')}</dt>
            <dd>{t('disputes.by', { who: actor(route.recordedBy), at: formatTime(route.recordedAt) })}</dd>
            {route.outcome && (
              <>
                <dt>{t('disputes.formal.outcome')}</dt>
                <dd data-testid="formal-outcome">
                  {route.outcome.text} ({t('disputes.formal.decidedOn', { date: formatDate(route.outcome.decidedOn) })})
                </dd>
              </>
            )}
          </dl>
          {mayRecordOutcome && <OutcomeForm dispute={dispute} />}
        </>
      ) : (
        <>
          <p className="muted">{dispute.stage === 'closed' ? t('disputes.formal.notUsed') : t('disputes.formal.none')}</p>
          {mayRecord && (
            <p>
              <button type="button" className="button--secondary" onClick={() => setRecording(true)}>
                {t('disputes.formal.record')}
              </button>
            </p>
          )}
        </>
      )}
      {recording && <FormalRouteDialog dispute={dispute} onClose={() => setRecording(false)} />}
    </section>
  );
}

function FormalRouteDialog({ dispute, onClose }: { dispute: Dispute; onClose: () => void }) {
  const { t } = useTranslation();
  const { caseId } = useWorkflowContext();
  const command = useCommand();
  const [kind, setKind] = useState<FormalRouteKind>('deskundigenoordeel');
  const [requestedBy, setRequestedBy] = useState<FormalRouteRequester>('employee');
  const [requestedOn, setRequestedOn] = useState(localDate(new Date()));
  const [question, setQuestion] = useState('');
  const ids = { kind: useId(), requestedBy: useId(), requestedOn: useId(), question: useId() };
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
      busy={command.busy}
      testId="formal-route-dialog"
      returnFocusTo={`dispute-${dispute.id}-heading`}
    >
      <p className="muted small">{t('disputes.formal.hint')}</p>
      <div className="field">
        <label htmlFor={ids.kind}>{t('disputes.formal.kind')}</label>
        <select id={ids.kind} value={kind} onChange={(event) => chooseKind(event.target.value as FormalRouteKind)}>
          {FORMAL_ROUTE_KINDS.map((option) => (
            <option key={option} value={option}>
              {t(`disputes.formal.kinds.${option}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.requestedBy}>{t('disputes.formal.requestedBy')}</label>
        <select id={ids.requestedBy} value={requestedBy} onChange={(event) => setRequestedBy(event.target.value as FormalRouteRequester)}>
          {requesters.map((option) => (
            <option key={option} value={option}>
              {t(`disputes.formal.requesters.${option}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.requestedOn}>{t('disputes.formal.requestedOn')}</label>
        <input id={ids.requestedOn} type="date" required value={requestedOn} onChange={(event) => setRequestedOn(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={ids.question}>{t('disputes.formal.question')}</label>
        <textarea id={ids.question} required rows={3} maxLength={MAX_QUESTION_CHARS} value={question} onChange={(event) => setQuestion(event.target.value)} />
      </div>
      <ErrorMessage error={command.error} />
    </FormDialog>
  );
}

function OutcomeForm({ dispute }: { dispute: Dispute }) {
  const { t } = useTranslation();
  const { caseId } = useWorkflowContext();
  const command = useCommand();
  const [text, setText] = useState('');
  const [decidedOn, setDecidedOn] = useState(localDate(new Date()));
  const ids = { text: useId(), decidedOn: useId() };
  return (
    <form
      className="stacked-form"
      onSubmit={(event) => {
        event.preventDefault();
        void command.run(() => workflowApi.recordFormalRouteOutcome(caseId, dispute.id, { text, decidedOn }));
      }}
    >
      <label htmlFor={ids.text}>{t('disputes.formal.outcome')}</label>
      <textarea id={ids.text} required rows={3} maxLength={MAX_FORMAL_ROUTE_OUTCOME_CHARS} value={text} onChange={(event) => setText(event.target.value)} />
      <label htmlFor={ids.decidedOn}>{t('disputes.formal.decidedOnLabel')}</label>
      <input id={ids.decidedOn} type="date" required value={decidedOn} onChange={(event) => setDecidedOn(event.target.value)} />
      <p>
        <button type="submit" disabled={command.busy}>
          {t('disputes.formal.recordOutcome')}
        </button>
      </p>
      <ErrorMessage error={command.error} />
    </form>
  );
}
