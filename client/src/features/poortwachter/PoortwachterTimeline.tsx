import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LAST_WEEK, poortwachterTimeline, type TimelineEntry } from '../../../../shared/poortwachter.ts';
import { localDate, weekOfSickness } from '../../../../shared/sickness.ts';
import { useDateFormat } from '../workspace/labels.ts';
import { useMilestoneLabels } from './milestoneLabels.ts';
import './poortwachter.css';

/** How a milestone stands today, told apart by shape and words, not by colour only. */
export type MarkerKind = 'past' | 'current' | 'next' | 'later';

/** Where on the line a week falls, as a share of the two years. */
const position = (week: number) => `${(Math.min(Math.max(week, 1), LAST_WEEK) - 1) * (100 / (LAST_WEEK - 1))}%`;

function kindsOf(entries: readonly TimelineEntry[]): MarkerKind[] {
  const next = entries.findIndex((entry) => entry.status === 'upcoming');
  return entries.map((entry, index) => (entry.status === 'past' ? 'past' : entry.status === 'current' ? 'current' : index === next ? 'next' : 'later'));
}

/**
 * The Poortwachter milestones of the case on one line from the first sick day,
 * with today's week marked. Each marker is a list item with its label, weeks,
 * date and state as text (read by screen readers, shown on hover and focus);
 * one is in the tab order and the arrow keys move between them.
 */
export function PoortwachterTimeline({ firstSickDay }: { firstSickDay: string }) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const labels = useMilestoneLabels();
  const today = localDate(new Date());
  const entries = poortwachterTimeline(firstSickDay, today);
  const kinds = kindsOf(entries);
  const week = weekOfSickness(firstSickDay, today);
  const nextIndex = entries.findIndex((entry) => entry.status !== 'past');
  const next = entries[nextIndex];
  const [active, setActive] = useState(Math.max(nextIndex, 0));
  const list = useRef<HTMLOListElement>(null);
  const weekText = week ? t('poortwachter.timeline.week', { week }) : t('poortwachter.timeline.notYetSick');

  const move = (event: KeyboardEvent) => {
    const to = { ArrowLeft: active - 1, ArrowRight: active + 1, Home: 0, End: entries.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const index = Math.min(Math.max(to, 0), entries.length - 1);
    setActive(index);
    (list.current?.children[index] as HTMLElement | undefined)?.focus();
  };

  return (
    <div className="pw-timeline" data-testid="poortwachter-timeline" data-week={week ?? ''}>
      <p className="pw-timeline__summary" data-testid="pw-next" data-key={next?.key ?? ''}>
        {next
          ? t('poortwachter.timeline.next', { milestone: labels.name(next), weeks: labels.weeks(next), date: formatDate(next.dueDate) })
          : t('poortwachter.timeline.allPast')}
      </p>
      <div className="pw-timeline__track">
        <ol ref={list} className="pw-timeline__line" aria-label={t('poortwachter.timeline.label', { week: weekText })} onKeyDown={move}>
          {entries.map((entry, index) => (
            <li
              key={entry.key}
              className={`pw-marker pw-marker--${kinds[index]}${entry.ruleId === 'evaluatie-plan-van-aanpak' ? ' pw-marker--minor' : ''}`}
              style={{ left: position(entry.dueWeek) }}
              tabIndex={index === active ? 0 : -1}
              onFocus={() => setActive(index)}
              data-key={entry.key}
              data-kind={kinds[index]}
            >
              <span className="pw-marker__shape" aria-hidden="true" />
              <span className={`pw-marker__tip pw-marker__tip--${entry.dueWeek < 30 ? 'start' : entry.dueWeek > 75 ? 'end' : 'middle'}`}>
                {t('poortwachter.timeline.entry', {
                  label: labels.name(entry),
                  weeks: labels.weeks(entry),
                  date: formatDate(entry.dueDate),
                  status: t(`poortwachter.timeline.status.${kinds[index]}`),
                })}
              </span>
            </li>
          ))}
        </ol>
        {week !== null && (
          <span className="pw-timeline__now" style={{ left: position(week) }} aria-hidden="true" data-testid="pw-now">
            {t('poortwachter.timeline.now', { week })}
          </span>
        )}
      </div>
    </div>
  );
}
