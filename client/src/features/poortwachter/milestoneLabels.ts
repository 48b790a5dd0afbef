import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from '../../../../shared/poortwachter.ts';

/** A milestone's name and weeks in the interface language: "Ziekmelding UWV", "week 42" / "week 87–91". */
export function useMilestoneLabels(): { name: (entry: TimelineEntry) => string; weeks: (entry: TimelineEntry) => string } {
  const { t, i18n } = useTranslation();
  return {
    name: (entry) => (i18n.language === 'en' ? entry.labelEn : entry.labelNl),
    weeks: (entry) =>
      entry.dueWeek === entry.endWeek
        ? t('poortwachter.timeline.weeks', { week: entry.dueWeek })
        : t('poortwachter.timeline.weekRange', { from: entry.dueWeek, to: entry.endWeek }),
  };
}
