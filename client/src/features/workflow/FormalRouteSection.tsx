import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_FORMAL_ROUTE_OUTCOME_CHARS } from '../../../../shared/limits.ts';
import { localDate } from '../../../../shared/sickness.ts';
import { DISPUTE_TRANSITIONS } from '../../../../shared/workflow/transitions.ts';
import type { Dispute, FormalRoute } from '../../../../shared/workflow/types.ts';
import { workflowApi } from '../../api.ts';
import { useActorLabel, useDateFormat, useDateTimeFormat } from '../workspace/labels.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { FormalRouteDialog } from './FormalRouteDialog.tsx';
import { isPhysician, useCommand, useWorkflowContext } from './WorkflowContext.tsx';

/**
 * The formal route: a UWV deskundigenoordeel (asked by employer or employee)
 * or a second opinion (employee only). The physicians only record it here;
 * they never request it.
 */
export function FormalRouteSection({ dispute }: { dispute: Dispute }) {
  const { t } = useTranslation();
  const { myRole } = useWorkflowContext();
  const [recording, setRecording] = useState(false);
  const route = dispute.formalRoute;
  const mayRecord = isPhysician(myRole) && (DISPUTE_TRANSITIONS.recordFormalRoute.from as readonly string[]).includes(dispute.stage);
  const mayRecordOutcome = isPhysician(myRole) && dispute.stage === 'formal_route' && route !== null && route.outcome === null;

  return (
    <section className="dispute__part" data-testid="dispute-formal-route">
      <h4>{t('disputes.formal.heading')}</h4>
      {route ? (
        <>
          <RouteFacts route={route} />
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

/** The recorded formal route: which, asked by whom and when, its question and (once known) its outcome. */
function RouteFacts({ route }: { route: FormalRoute }) {
  const { t } = useTranslation();
  const actor = useActorLabel();
  const formatDate = useDateFormat();
  const formatTime = useDateTimeFormat();
  return (
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
