import { useTranslation } from 'react-i18next';
import { weekOfSickness, localDate } from '../../../../shared/sickness.ts';
import type { TemplateSection } from '../../../../shared/template/index.ts';
import { useActorLabel, useDateTimeFormat, useSectionLabel } from '../workspace/labels.ts';
import { timelineLines, type TimelineLine } from './timeline.ts';
import type { LogEntry } from './historyApi.ts';

/** A line's message in the interface language: section names, kinds and outcomes in words. */
function useLineText(sections: TemplateSection[]): (line: TimelineLine) => string {
  const { t } = useTranslation();
  const sectionLabel = useSectionLabel();
  const formatTime = useDateTimeFormat();
  const name = (id: string) => {
    const section = sections.find((s) => s.id === id);
    return section ? sectionLabel(section) : id;
  };
  return (line) =>
    t(`history.event.${line.key}`, {
      section: line.sections.map(name).join(', '),
      kind: line.kind ? t(`workflow.kind.${line.kind}`) : '',
      dispute: line.dispute ?? '',
      reviewer: line.reviewer ?? '',
      formalKind: line.formalKind ? t(`history.formalKind.${line.formalKind}`) : '',
      outcomes: (line.outcomes ?? []).map(([id, outcome]) => `${name(id)}: ${t(`workflow.outcome.${outcome}`)}`).join('; '),
      when: line.when ? formatTime(line.when) : '',
      mode: line.mode ? t(`sessions.mode.${line.mode}`) : '',
      outcome: line.outcome ? t(`sessions.outcome.${line.outcome}`) : '',
      closeReason: line.closeReason ? t(`history.closeReason.${line.closeReason}`) : '',
    });
}

/** The case log as a readable timeline, newest first, each line with the week of sickness, who and when. */
export function EventLog({ entries, sections, firstSickDay }: { entries: LogEntry[]; sections: TemplateSection[]; firstSickDay: string }) {
  const { t } = useTranslation();
  const text = useLineText(sections);
  const actor = useActorLabel();
  const formatTime = useDateTimeFormat();
  const lines = timelineLines(entries);
  if (lines.length === 0) return <p className="muted">{t('history.log.none')}</p>;
  return (
    <ol className="event-log" data-testid="event-log">
      {lines.map((line) => {
        const week = weekOfSickness(firstSickDay, localDate(new Date(line.at)));
        return (
          <li key={line.seq} className="event-log__line" data-testid={`event-${line.seq}`} data-key={line.key}>
            <span className="event-log__week muted small">{week ? t('case.week', { week }) : ''}</span>
            <span className="event-log__text">{text(line)}</span>
            {line.detail && <q className="event-log__detail">{line.detail}</q>}
            <span className="event-log__who muted small">{t('history.log.who', { who: actor(line.actor), at: formatTime(line.at) })}</span>
          </li>
        );
      })}
    </ol>
  );
}
