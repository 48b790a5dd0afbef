import { useTranslation } from 'react-i18next';
import { localDate } from '../../../../shared/sickness.ts';
import { DISPUTE_STAGES, STAGE_ORDER, type Dispute, type DisputeStage, type DisputeTargets } from '../../../../shared/workflow/index.ts';
import { useActorLabel, useDateFormat, useDateTimeFormat } from '../workspace/labels.ts';

const TARGET_OF: Partial<Record<DisputeStage, keyof DisputeTargets>> = {
  peer_review: 'peerReview',
  formal_route: 'formalRoute',
  closed: 'closed',
};

export type StageState = 'reached' | 'skipped' | 'pending';

/** A stage is skipped when the dispute moved past it without reaching it (forward only, docs/domain.md). */
export function stageState(dispute: Dispute, stage: DisputeStage): StageState {
  if (dispute.timeline.some((entry) => entry.stage === stage)) return 'reached';
  return STAGE_ORDER[dispute.stage] > STAGE_ORDER[stage] ? 'skipped' : 'pending';
}

/**
 * Overdue: the target date passed before the stage was reached (reached late,
 * or still not reached today). A skipped stage is never overdue.
 */
export function isOverdue(dispute: Dispute, stage: DisputeStage, today: string): boolean {
  const key = TARGET_OF[stage];
  const target = key ? dispute.targets[key] : null;
  if (!target) return false;
  const reached = dispute.timeline.find((entry) => entry.stage === stage);
  if (reached) return localDate(new Date(reached.at)) > target;
  return stageState(dispute, stage) === 'pending' && dispute.stage !== 'closed' && today > target;
}

/** The four stages in order: reached ones with date and who, skipped ones marked, target dates and overdue ones shown. */
export function DisputeTimeline({ dispute }: { dispute: Dispute }) {
  const { t } = useTranslation();
  const actor = useActorLabel();
  const formatTime = useDateTimeFormat();
  const formatDate = useDateFormat();
  const today = localDate(new Date());
  return (
    <ol className="timeline" aria-label={t('disputes.timeline')}>
      {DISPUTE_STAGES.map((stage) => {
        const state = stageState(dispute, stage);
        const entry = dispute.timeline.find((e) => e.stage === stage);
        const key = TARGET_OF[stage];
        const target = key ? dispute.targets[key] : null;
        const overdue = isOverdue(dispute, stage, today);
        return (
          <li
            key={stage}
            className={`timeline__stage timeline__stage--${state}${overdue ? ' timeline__stage--overdue' : ''}`}
            data-testid={`timeline-${stage}`}
            data-state={state}
            data-overdue={String(overdue)}
          >
            <span className="timeline__marker" aria-hidden="true">
              {state === 'reached' ? '●' : state === 'skipped' ? '↷' : '○'}
            </span>
            <span className="timeline__name">{t(`disputes.stage.${stage}`)}</span>
            <span className="timeline__detail">
              {entry
                ? t('disputes.reached', { at: formatTime(entry.at), who: actor(entry.by) })
                : state === 'skipped'
                  ? t('disputes.skipped')
                  : t('disputes.notReached')}
            </span>
            {target && (
              <span className="timeline__target">
                {t('disputes.targetDate', { date: formatDate(target) })}
                {overdue && <strong className="overdue"> — {entry ? t('disputes.reachedLate') : t('disputes.overdue')}</strong>}
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}
