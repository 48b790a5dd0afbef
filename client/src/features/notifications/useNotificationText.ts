import { useTranslation } from 'react-i18next';
import type { CaseSummary } from '../../../../shared/api.ts';
import type { NotificationView } from '../../../../shared/notifications.ts';
import { templateSections } from '../../../../shared/template/index.ts';
import { useTemplateLookup } from '../templates/templateCache.ts';
import { useSectionLabel } from '../workspace/labels.ts';
import { useNotifications } from './NotificationsContext.tsx';
import { notificationKey } from './paths.ts';

/** A notification in words, in the interface language. */
export interface NotificationText {
  /** Who did what, and where: "Victor Visser (verzekeringsarts) markeerde onenigheid bij d240 Omgaan met stress…". */
  what: string;
  /** In which case: "Casus Magazijnmedewerker — … (WN-2026-0147)". */
  where: string;
  /** The section's label, or null for a notification about the whole case. */
  section: string | null;
}

/** A case by its title and pseudonym, as the case list shows it: "Casus … (WN-2026-0147)". */
export function useCaseName(): (caseId: string) => string {
  const { t } = useTranslation();
  const { cases } = useNotifications();
  return (caseId) => {
    const summary = cases.get(caseId);
    return summary ? t('notifications.inCase', { title: summary.title, pseudonym: summary.employeePseudonym }) : t('notifications.unknownCase');
  };
}

/** Turns notifications into words: the actor and their role, the action, the section's label from the case's template, the case's title. */
export function useNotificationText(): (notification: NotificationView) => NotificationText {
  const { t, i18n } = useTranslation();
  const sectionLabel = useSectionLabel();
  const { cases, readerRole } = useNotifications();
  const caseName = useCaseName();
  const templateOf = useTemplateLookup();

  const roleOf = (role: string) => (i18n.exists(`roles.${role}`) ? t(`roles.${role}`).toLowerCase() : role);
  const sectionOf = (summary: CaseSummary | undefined, sectionId: string) => {
    const template = summary && templateOf(summary.templateVersion);
    const section = template && templateSections(template).find((s) => s.id === sectionId);
    return section ? sectionLabel(section) : sectionId;
  };

  return (notification) => {
    const summary = cases.get(notification.caseId);
    const actor = `${notification.actor.name} (${roleOf(notification.actor.role)})`;
    const action = t(notificationKey(notification.kind, readerRole), { actor });
    const section = notification.section ? sectionOf(summary, notification.section) : null;
    return {
      what: section ? `${action} ${t('notifications.inSection', { section })}` : action,
      where: caseName(notification.caseId),
      section,
    };
  };
}
