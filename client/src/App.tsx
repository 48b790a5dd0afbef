import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicUser } from '../../shared/api.ts';
import { api } from './api.ts';
import { CasePage } from './features/assessment/CasePage.tsx';
import { LoginPage } from './features/auth/LoginPage.tsx';
import { CaseList } from './features/cases/CaseList.tsx';
import { LANGUAGES, setLanguage, type Language } from './i18n/index.ts';
import { navigate, usePath } from './router.tsx';

type Session = { state: 'checking' } | { state: 'anonymous' } | { state: 'signed-in'; user: PublicUser };

export function App() {
  const { t } = useTranslation();
  const [session, setSession] = useState<Session>({ state: 'checking' });
  const path = usePath();

  useEffect(() => {
    api.me().then(
      ({ user }) => setSession({ state: 'signed-in', user }),
      () => setSession({ state: 'anonymous' }),
    );
  }, []);

  if (session.state === 'checking') return <p className="page">{t('app.loading')}</p>;
  if (session.state === 'anonymous') {
    return (
      <div className="page">
        <LanguagePicker />
        <LoginPage onLoggedIn={(user) => setSession({ state: 'signed-in', user })} />
      </div>
    );
  }

  const logout = async () => {
    await api.logout().catch(() => undefined);
    setSession({ state: 'anonymous' });
    navigate('/');
  };
  const caseMatch = /^\/cases\/([^/]+)$/.exec(path);

  return (
    <div className="page">
      <header className="topbar">
        <span className="brand">{t('app.title')}</span>
        <span className="muted">
          {t('app.loggedInAs', { name: session.user.name })} ({t(`roles.${session.user.role}`)})
        </span>
        <LanguagePicker />
        <button type="button" onClick={logout}>
          {t('app.logout')}
        </button>
      </header>
      <main>{caseMatch ? <CasePage caseId={decodeURIComponent(caseMatch[1]!)} user={session.user} /> : <CaseList />}</main>
    </div>
  );
}

function LanguagePicker() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language">
      {t('app.language')}{' '}
      <select value={i18n.language} onChange={(e) => setLanguage(e.target.value as Language)}>
        {LANGUAGES.map((language) => (
          <option key={language} value={language}>
            {language === 'nl' ? 'Nederlands' : 'English'}
          </option>
        ))}
      </select>
    </label>
  );
}
