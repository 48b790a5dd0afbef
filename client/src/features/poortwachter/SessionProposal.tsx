import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { proposeConsultation, type SessionProposal as Proposal } from '../../../../shared/sessionProposal.ts';
import { localDate } from '../../../../shared/sickness.ts';
import { ScheduleDialog } from '../sessions/SessionDialogs.tsx';
import { isPhysician, useWorkflowContext } from '../workflow/WorkflowContext.tsx';
import { useDateFormat } from '../workspace/labels.ts';
import { useMilestoneLabels } from './milestoneLabels.ts';

const pad = (n: number) => String(n).padStart(2, '0');
/** Where the milestones a physician dismissed the proposal for are kept: per user, per case, on this device. */
const storageKey = (userId: string, caseId: string) => `cw.poortwachter.dismissed.${userId}.${caseId}`;

function readDismissed(key: string): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Near a Poortwachter milestone with no session planned before it, proposes a
 * consultation (shared/sessionProposal.ts); the button opens the plan dialog
 * with the suggested time and the open disagreements as its agenda.
 */
export function SessionProposal({ firstSickDay }: { firstSickDay: string }) {
  const { caseId, userId, myRole, workflow } = useWorkflowContext();
  const key = storageKey(userId, caseId);
  const [dismissed, setDismissed] = useState(() => readDismissed(key));
  const [planning, setPlanning] = useState<Proposal | null>(null);
  if (!workflow || !isPhysician(myRole)) return null;
  const proposal = proposeConsultation({ firstSickDay, today: localDate(new Date()), workflow, dismissed });

  const dismiss = (milestone: string) => {
    const next = [...dismissed, milestone];
    localStorage.setItem(key, JSON.stringify(next));
    setDismissed(next);
  };

  return (
    <>
      {proposal && <ProposalNotice proposal={proposal} onPlan={() => setPlanning(proposal)} onDismiss={() => dismiss(proposal.milestone.key)} />}
      {planning && (
        <ScheduleDialog
          onClose={() => setPlanning(null)}
          initial={{ date: planning.suggestedDate, time: `${pad(planning.suggestedHour)}:00`, agenda: planning.agenda }}
          returnFocusTo="case-heading"
        />
      )}
    </>
  );
}

function ProposalNotice({ proposal, onPlan, onDismiss }: { proposal: Proposal; onPlan: () => void; onDismiss: () => void }) {
  const { t } = useTranslation();
  const { myRole } = useWorkflowContext();
  const labels = useMilestoneLabels();
  const formatDate = useDateFormat();
  const { milestone, daysUntil, agenda } = proposal;
  const when = daysUntil === 0 ? t('poortwachter.proposal.today') : t('poortwachter.proposal.inDays', { count: daysUntil });
  const other = t(`roles.${myRole === 'ba' ? 'va' : 'ba'}`).toLowerCase();
  return (
    <section className="pw-notice" aria-labelledby="pw-proposal-heading" data-testid="session-proposal" data-milestone={milestone.key}>
      <h2 id="pw-proposal-heading">{t('poortwachter.proposal.heading')}</h2>
      <p>
        {t('poortwachter.proposal.text', { weeks: labels.weeks(milestone), milestone: labels.name(milestone), when, other })}{' '}
        <span className="muted">({formatDate(proposal.deadline)})</span>
      </p>
      <p className="muted small">{agenda.length > 0 ? t('poortwachter.proposal.agenda', { count: agenda.length }) : t('poortwachter.proposal.agendaNone')}</p>
      <p className="pw-notice__actions">
        <button type="button" onClick={onPlan}>
          {t('poortwachter.proposal.plan')}
        </button>
        <button type="button" className="button--secondary" onClick={onDismiss}>
          {t('poortwachter.proposal.dismiss')}
        </button>
      </p>
    </section>
  );
}
