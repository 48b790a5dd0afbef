import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicUser } from '../../shared/api.ts';
import { api, ApiError } from './api.ts';
import { LoginPage } from './features/auth/LoginPage.tsx';
import { useSessionRefresh } from './features/auth/sessionRefresh.ts';
import { CaseList } from './features/cases/CaseList.tsx';
import {
  NOTIFICATION_SETTINGS_PATH,
  NOTIFICATIONS_PATH,
  NotificationsButton,
  NotificationsProvider,
  NotificationToasts,
} from './features/notifications/index.ts';
import { SessionReminders } from './features/sessions/SessionReminders.tsx';
import { SECOND_FACTOR_PATH } from './features/auth/secondFactorApi.ts';
import { AdminPage, CasePage, LabourExpertPage, NotificationSettingsPage, NotificationsPage, PageLoading, SecondFactorPage } from './lazyPages.tsx';
import { prefetchCasePage } from './features/workspace/casePrefetch.ts';
import { LANGUAGE_NAMES, LANGUAGES, setLanguage, type Language } from './i18n/index.ts';
import { cachedSession, forgetLocalData, forgetSession, pendingChanges, rememberSession } from './offline/localData.ts';
import { Link, navigate, usePath } from './router.tsx';

/** Signed in: the user, and when the access token that the page started with expires (null offline: nothing to refresh yet). */
type Session = { state: 'checking' } | { state: 'anonymous' } | { state: 'signed-in'; user: PublicUser; expiresAt: number | null };

export function App() {
  const { t } = useTranslation();
  const [session, setSession] = useState<Session>({ state: 'checking' });
  useSessionCheck(setSession);
  useSessionRefresh(
    session.state === 'signed-in' ? session.expiresAt : null,
    ({ user, expiresAt, sessionExpiresAt }) => rememberSession({ user, expiresAt: sessionExpiresAt ?? expiresAt }),
    () => {
      // The session ended (idle, its maximum, logged out elsewhere): sign in again.
      forgetSession();
      setSession({ state: 'anonymous' });
    },
  );

  if (session.state === 'checking') return <p className="page">{t('app.loading')}</p>;
  if (session.state === 'anonymous') {
    return (
      <div className="page">
        <header className="topbar">
          <span className="brand">{t('app.title')}</span>
          <LanguagePicker />
        </header>
        <LoginPage
          onLoggedIn={(user, expiresAt, sessionExpiresAt) => {
            rememberSession({ user, expiresAt: sessionExpiresAt ?? expiresAt });
            setSession({ state: 'signed-in', user, expiresAt });
          }}
        />
      </div>
    );
  }
  return (
    <NotificationsProvider readerRole={session.user.role}>
      <SignedIn user={session.user} onLoggedOut={() => setSession({ state: 'anonymous' })} />
    </NotificationsProvider>
  );
}

/** Asks the server who is signed in; offline, the last session still holds until it expires. */
function useSessionCheck(setSession: (session: Session) => void): void {
  useEffect(() => {
    api.me().then(
      ({ user, expiresAt, sessionExpiresAt }) => {
        prefetchCasePage(user);
        rememberSession({ user, expiresAt: sessionExpiresAt ?? expiresAt });
        setSession({ state: 'signed-in', user, expiresAt });
      },
      (error: unknown) => {
        // Offline, the last session still holds until it expires: the work goes on locally.
        const offline = error instanceof ApiError && error.id === 'network' ? cachedSession() : null;
        if (!offline) forgetSession();
        setSession(offline ? { state: 'signed-in', user: offline.user, expiresAt: null } : { state: 'anonymous' });
      },
    );
  }, [setSession]);
}

/** The pages of a signed-in user: the case list, one case, or the notifications across cases and their e-mail setting. */
function SignedIn({ user, onLoggedOut }: { user: PublicUser; onLoggedOut: () => void }) {
  const { t } = useTranslation();
  const path = usePath();
  const logout = async () => {
    const pending = pendingChanges(user.id);
    if (pending > 0 && !window.confirm(t('app.confirmLogoutPending', { count: pending }))) return;
    await api.logout().catch(() => undefined);
    navigate('/');
    onLoggedOut();
    await forgetLocalData();
  };
  const logoutEverywhere = async () => {
    if (!window.confirm(t('app.confirmLogoutEverywhere'))) return;
    await api.logoutEverywhere().catch(() => undefined);
    navigate('/');
    onLoggedOut();
    await forgetLocalData();
  };
  const caseMatch = /^\/cases\/([^/]+)$/.exec(path);
  const notificationsPage = path === NOTIFICATIONS_PATH ? <NotificationsPage /> : path === NOTIFICATION_SETTINGS_PATH ? <NotificationSettingsPage /> : null;

  return (
    <div className="page">
      <a href="#content" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <span className="brand">{t('app.title')}</span>
        <span className="muted">
          {t('app.loggedInAs', { name: user.name })} ({t(`roles.${user.role}`)})
        </span>
        <NotificationsButton />
        <Link to={SECOND_FACTOR_PATH}>{t('secondFactor.menu')}</Link>
        <LanguagePicker />
        <button type="button" onClick={logout}>
          {t('app.logout')}
        </button>
        <button type="button" onClick={logoutEverywhere}>
          {t('app.logoutEverywhere')}
        </button>
      </header>
      <main id="content" tabIndex={-1}>
        <SessionReminders />
        <Suspense fallback={<PageLoading />}>
          {path === SECOND_FACTOR_PATH ? (
            <SecondFactorPage />
          ) : user.role === 'admin' ? (
            // An administrator never reads case content: their home is the administration, whatever the path.
            <AdminPage path={path} userId={user.id} />
          ) : (
            (notificationsPage ?? (caseMatch ? <OneCase key={caseMatch[1]} caseId={decodeURIComponent(caseMatch[1]!)} user={user} /> : <CaseList />))
          )}
        </Suspense>
      </main>
      <NotificationToasts />
    </div>
  );
}

/** One case: the workspace for its physicians and reviewers; for an arbeidsdeskundige only what is handed over (they are refused the rest). */
function OneCase({ caseId, user }: { caseId: string; user: PublicUser }) {
  return user.role === 'arbeidsdeskundige' ? <LabourExpertPage caseId={caseId} /> : <CasePage caseId={caseId} user={user} />;
}

function LanguagePicker() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language">
      {t('app.language')}{' '}
      <select value={i18n.language} onChange={(e) => setLanguage(e.target.value as Language)}>
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
    </label>
  );
}
