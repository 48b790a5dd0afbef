import { useTranslation } from 'react-i18next';
import type { Dispute } from '../../../../shared/workflow/types.ts';
import { useActorLabel, useDateTimeFormat, useSectionLabel } from '../workspace/labels.ts';
import { ClosingSection, Positions } from './ClosingSection.tsx';
import { DisputeTimeline } from './DisputeTimeline.tsx';
import { FormalRouteSection } from './FormalRouteSection.tsx';
import { ReviewerSection } from './ReviewerSection.tsx';
import { useWorkflowContext } from './WorkflowContext.tsx';

/** One dispute: what it is about, its stages, the reviewer, the formal route and its end. */
export function DisputeCard({ dispute, number }: { dispute: Dispute; number: number }) {
  const { t } = useTranslation();
  const { sections } = useWorkflowContext();
  const sectionLabel = useSectionLabel();
  const actor = useActorLabel();
  const formatTime = useDateTimeFormat();
  const opened = dispute.timeline[0];
  const labels = dispute.sections.map((id) => {
    const section = sections.find((s) => s.id === id);
    return section ? sectionLabel(section) : id;
  });
  const headingId = `dispute-${dispute.id}-heading`;

  return (
    <article className="card dispute" aria-labelledby={headingId} data-testid={`dispute-${dispute.id}`} data-dispute-id={dispute.id} data-stage={dispute.stage}>
      <header className="dispute__header">
        <h3 id={headingId} tabIndex={-1}>
          {t('disputes.title', { number, sections: labels.join(', ') })}
        </h3>
        <span className={`status-chip stage-chip stage-chip--${dispute.stage}`} data-testid="dispute-stage">
          <span className="visually-hidden">{t('disputes.stageLabel')}: </span>
          {t(`disputes.stage.${dispute.stage}`)}
        </span>
      </header>
      <dl className="facts">
        <dt>{t('disputes.question')}</dt>
        <dd data-testid="dispute-question">{dispute.question}</dd>
        <dt>{t('disputes.why')}</dt>
        <dd>
          {t(`disputes.reason.${dispute.reason}`)}
          {dispute.explanation && <span className="quoted-text"> — {dispute.explanation}</span>}
        </dd>
        {opened && (
          <>
            <dt>{t('disputes.openedBy')}</dt>
            <dd>{t('disputes.by', { who: actor(opened.by), at: formatTime(opened.at) })}</dd>
          </>
        )}
      </dl>
      {dispute.sections.map((id, index) =>
        dispute.positions[id] ? (
          <Positions key={id} summary={t('disputes.positionsAtOpening', { section: labels[index] })} positions={dispute.positions[id]} />
        ) : null,
      )}
      <section className="dispute__part">
        <h4>{t('disputes.timeline')}</h4>
        <DisputeTimeline dispute={dispute} />
      </section>
      <ReviewerSection dispute={dispute} />
      <FormalRouteSection dispute={dispute} />
      <ClosingSection dispute={dispute} />
    </article>
  );
}
