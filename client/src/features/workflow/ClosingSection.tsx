import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DISPUTE_OUTCOMES, type Dispute, type DisputeOutcome, type PositionSnapshot } from '../../../../shared/workflow/types.ts';
import { workflowApi } from '../../api.ts';
import { useSectionLabel } from '../workspace/labels.ts';
import { FormDialog } from './Dialog.tsx';
import { isPhysician, useCommand, useWorkflowContext } from './WorkflowContext.tsx';

/** How the dispute ended per section, with both positions as they were frozen; or the way to close it. */
export function ClosingSection({ dispute }: { dispute: Dispute }) {
  const { t } = useTranslation();
  const { myRole, sections } = useWorkflowContext();
  const sectionLabel = useSectionLabel();
  const [closing, setClosing] = useState(false);
  const labelOf = (id: string) => {
    const section = sections.find((s) => s.id === id);
    return section ? sectionLabel(section) : id;
  };

  return (
    <section className="dispute__part" data-testid="dispute-closing">
      <h4>{t('disputes.closing.heading')}</h4>
      {dispute.closing ? (
        <ul className="outcomes">
          {dispute.sections.map((id) => (
            <li key={id} data-testid={`outcome-${id}`} data-outcome={dispute.closing!.outcomes[id]}>
              <strong>{labelOf(id)}</strong>: {t(`workflow.outcome.${dispute.closing!.outcomes[id] ?? 'residual'}`)}
              {dispute.closing!.positions[id] && <Positions summary={t('disputes.closing.frozen')} positions={dispute.closing!.positions[id]} />}
            </li>
          ))}
        </ul>
      ) : isPhysician(myRole) ? (
        <p>
          <button type="button" className="button--secondary" onClick={() => setClosing(true)}>
            {t('disputes.closing.close')}
          </button>
        </p>
      ) : (
        <p className="muted">{t('disputes.closing.open')}</p>
      )}
      {closing && <CloseDialog dispute={dispute} labelOf={labelOf} onClose={() => setClosing(false)} />}
    </section>
  );
}

/** Both positions of one section at one moment, folded away. */
export function Positions({ summary, positions }: { summary: string; positions: PositionSnapshot }) {
  const { t } = useTranslation();
  return (
    <details className="positions">
      <summary>{summary}</summary>
      <dl className="facts">
        <dt>{t('roles.ba')}</dt>
        <dd className="quoted-text">{positions.ba || t('disputes.emptyPosition')}</dd>
        <dt>{t('roles.va')}</dt>
        <dd className="quoted-text">{positions.va || t('disputes.emptyPosition')}</dd>
      </dl>
    </details>
  );
}

function CloseDialog({ dispute, labelOf, onClose }: { dispute: Dispute; labelOf: (id: string) => string; onClose: () => void }) {
  const { t } = useTranslation();
  const { caseId, workflow } = useWorkflowContext();
  const command = useCommand();
  const idPrefix = useId();
  // A section agreed and signed during the dispute closes as agreed; the others as documented residual disagreement.
  const [outcomes, setOutcomes] = useState<Record<string, DisputeOutcome>>(() =>
    Object.fromEntries(dispute.sections.map((id) => [id, workflow?.sections[id]?.status === 'agreed' ? 'agreed' : 'residual'])),
  );
  const submit = async () => (await command.run(() => workflowApi.closeDispute(caseId, dispute.id, outcomes))) !== null;

  return (
    <FormDialog
      title={t('disputes.closing.title')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('disputes.closing.submit')}
      command={command}
      errorTestId="close-error"
      testId="close-dialog"
      returnFocusTo={`dispute-${dispute.id}-heading`}
    >
      <p className="muted small">{t('disputes.closing.hint')}</p>
      {dispute.sections.map((id) => (
        <div className="field" key={id}>
          <label htmlFor={`${idPrefix}-${id}`}>{t('disputes.closing.outcomeFor', { section: labelOf(id) })}</label>
          <select
            id={`${idPrefix}-${id}`}
            value={outcomes[id]}
            onChange={(event) => setOutcomes((current) => ({ ...current, [id]: event.target.value as DisputeOutcome }))}
          >
            {DISPUTE_OUTCOMES.map((outcome) => (
              <option key={outcome} value={outcome}>
                {t(`workflow.outcome.${outcome}`)}
              </option>
            ))}
          </select>
        </div>
      ))}
    </FormDialog>
  );
}
