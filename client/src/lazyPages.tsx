import { lazy } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The pages that are not the case list, each its own chunk of the build
 * (docs/architecture.md, "The client bundle"): the case list loads without
 * the editor (Tiptap, ProseMirror, Yjs), the sessions, the history or the
 * administration, and a page's code arrives when it is first opened.
 */
export const CasePage = lazy(() => import('./features/workspace/CasePage.tsx').then((module) => ({ default: module.CasePage })));
export const LabourExpertPage = lazy(() => import('./features/labourExpert/LabourExpertPage.tsx').then((module) => ({ default: module.LabourExpertPage })));
export const AdminPage = lazy(() => import('./features/admin/AdminPage.tsx').then((module) => ({ default: module.AdminPage })));
export const NotificationsPage = lazy(() => import('./features/notifications/NotificationsPage.tsx').then((module) => ({ default: module.NotificationsPage })));
export const SecondFactorPage = lazy(() => import('./features/auth/SecondFactorPage.tsx').then((module) => ({ default: module.SecondFactorPage })));
export const NotificationSettingsPage = lazy(() =>
  import('./features/notifications/NotificationSettingsPage.tsx').then((module) => ({ default: module.NotificationSettingsPage })),
);

/** What shows while a page's code loads: announced politely to a screen reader. */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <p className="page-loading" role="status">
      {t('app.loadingPage')}
    </p>
  );
}
