import { useTranslation } from 'react-i18next';
import { DisputeCard } from './DisputeCard.tsx';
import { isPhysician, useWorkflowContext } from './WorkflowContext.tsx';

/** The dispute route of the case (docs/domain.md): every dispute, open ones first, and a way to open one. */
export function DisputesPanel() {
  const { t } = useTranslation();
  const { workflow, myRole, escalate } = useWorkflowContext();
  if (!workflow) return <p className="muted">{t('workflow.unavailable')}</p>;
  const inDisagreement = Object.entries(workflow.sections)
    .filter(([, state]) => state.status === 'disagreement')
    .map(([id]) => id);
  const numbered = workflow.disputes.map((dispute, index) => ({ dispute, number: index + 1 }));
  const ordered = [...numbered.filter((d) => d.dispute.stage !== 'closed'), ...numbered.filter((d) => d.dispute.stage === 'closed')];

  return (
    <section aria-labelledby="disputes-heading" className="disputes" data-testid="disputes-panel">
      <div className="card">
        <h2 id="disputes-heading">{t('disputes.heading')}</h2>
        <p className="muted">{t('disputes.intro')}</p>
        {isPhysician(myRole) && (
          <p className="actions">
            <button
              type="button"
              disabled={inDisagreement.length === 0}
              onClick={() => escalate(inDisagreement, inDisagreement.every((id) => workflow.persistent.includes(id)) ? 'persistent' : 'explicit')}
            >
              {t('disputes.open')}
            </button>
            {inDisagreement.length === 0 && <span className="muted small">{t('disputes.nothingToEscalate')}</span>}
          </p>
        )}
        {workflow.disputes.length === 0 && <p>{t('disputes.none')}</p>}
      </div>
      {ordered.map(({ dispute, number }) => (
        <DisputeCard key={dispute.id} dispute={dispute} number={number} />
      ))}
    </section>
  );
}
