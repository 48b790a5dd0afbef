import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseListEntry } from '../../../../shared/api.ts';
import { useQueueDate, useQueueMoment, type ShortAndFull } from './queueFormat.ts';

/** A shortened date or moment: the short form on screen, the full one for the pointer and for screen readers. */
export function Abbreviated({ value, dateTime }: { value: ShortAndFull; dateTime: string }) {
  return (
    <time dateTime={dateTime} title={value.full}>
      <span aria-hidden="true">{value.short}</span>
      <span className="visually-hidden">{value.full}</span>
    </time>
  );
}

/** A count; "onbekend" when the case could not give it (its record does not match its log). */
export function Count({ value, children }: { value: number | null; children?: ReactNode }) {
  const { t } = useTranslation();
  if (value === null) return <span className="muted">{t('workQueue.unknown')}</span>;
  return (
    <>
      <span className={value > 0 ? 'queue-count queue-count--some' : 'queue-count muted'}>{value}</span>
      {children}
    </>
  );
}

export function WeekCell({ row }: { row: CaseListEntry }) {
  const { t } = useTranslation();
  const week = row.queue.weekOfSickness;
  return week === null ? <span className="muted">{t('workQueue.weekNone')}</span> : <>{t('workQueue.weekShort', { week })}</>;
}

/** "wk 42 Ziekmelding UWV · 3 mrt". */
export function MilestoneCell({ row, soon }: { row: CaseListEntry; soon: boolean }) {
  const { t, i18n } = useTranslation();
  const date = useQueueDate();
  const milestone = row.queue.nextMilestone;
  if (!milestone) return <span className="muted">{t('workQueue.milestoneNone')}</span>;
  // "Bijstelling/evaluatie": a narrow column may break after the slash rather than inside a word.
  const label = (i18n.language === 'en' ? milestone.labelEn : milestone.labelNl).replace(/\//g, '/\u200b');
  return (
    <span className={soon ? 'queue-milestone queue-milestone--soon' : 'queue-milestone'}>
      {t('workQueue.weekShort', { week: milestone.dueWeek })} {label} · <Abbreviated value={date(milestone.dueDate)} dateTime={milestone.dueDate} />
    </span>
  );
}

/** Open disputes, and in words (not by colour alone) how many passed a target date. */
export function DisputesCell({ row }: { row: CaseListEntry }) {
  const { t } = useTranslation();
  const overdue = row.queue.overdueDisputes ?? 0;
  return (
    <Count value={row.queue.openDisputes}>
      {overdue > 0 && (
        <span className="queue-overdue" data-testid={`queue-overdue-${row.id}`}>
          <span aria-hidden="true">⚠ </span>
          {t('workQueue.overdue', { count: overdue })}
        </span>
      )}
    </Count>
  );
}

export function SessionCell({ row }: { row: CaseListEntry }) {
  const { t } = useTranslation();
  const moment = useQueueMoment();
  const session = row.queue.nextSession;
  if (!session) return <span className="muted">{t('workQueue.sessionNone')}</span>;
  return (
    <>
      <Abbreviated value={moment(session.scheduledAt, true)} dateTime={session.scheduledAt} />{' '}
      <span className="small muted">{t(`sessions.mode.${session.mode}`)}</span>
    </>
  );
}

export function ActivityCell({ row }: { row: CaseListEntry }) {
  const moment = useQueueMoment();
  return <Abbreviated value={moment(row.queue.lastActivityAt)} dateTime={row.queue.lastActivityAt} />;
}
