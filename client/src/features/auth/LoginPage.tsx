import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicUser } from '../../../../shared/api.ts';
import { MAX_PASSWORD_CHARS, MAX_USERNAME_CHARS } from '../../../../shared/limits.ts';
import { isSecondFactorChallenge, type SecondFactorChallenge } from '../../../../shared/secondFactor.ts';
import { api, ApiError } from '../../api.ts';
import { SecondFactorLogin } from './SecondFactorLogin.tsx';
import { SsoSignIn } from './SsoSignIn.tsx';
import { FormAlert, SubmitButton } from './FormAlert.tsx';

// Just over 60 lines: a flat form of two fields, the refusal and the submit.
export function LoginPage({ onLoggedIn }: { onLoggedIn: (user: PublicUser, expiresAt: number, sessionExpiresAt?: number) => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [secondStep, setSecondStep] = useState<SecondFactorChallenge | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await api.login(username, password);
      if (isSecondFactorChallenge(answer)) {
        setSecondStep(answer);
        setPassword('');
        setBusy(false);
        return;
      }
      onLoggedIn(answer.user, answer.expiresAt, answer.sessionExpiresAt);
    } catch (caught) {
      setError(t(loginErrorKey(caught instanceof ApiError ? caught.id : 'network')));
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <h1>{t('app.title')}</h1>
      <p className="muted">{t('app.subtitle')}</p>
      {secondStep ? (
        <SecondFactorLogin challenge={secondStep} onLoggedIn={onLoggedIn} onCancel={() => setSecondStep(null)} />
      ) : (
        <form onSubmit={submit} className="card login-form" aria-labelledby="login-heading">
          <h2 id="login-heading">{t('login.heading')}</h2>
          <label>
            {t('login.username')}
            <input
              name="username"
              autoComplete="username"
              maxLength={MAX_USERNAME_CHARS}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              required
            />
          </label>
          <label>
            {t('login.password')}
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              maxLength={MAX_PASSWORD_CHARS}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
          </label>
          <FormAlert error={error} />
          <SubmitButton busy={busy} label={t('login.submit')} busyLabel={t('login.busy')} />
        </form>
      )}
      {secondStep ? null : <SsoSignIn />}
    </main>
  );
}

/** The text for a refused sign-in. */
function loginErrorKey(id: string): string {
  switch (id) {
    case 'invalid_credentials':
      return 'login.invalid';
    case 'too_many_attempts':
      return 'login.throttled';
    case 'login_busy':
      return 'login.serverBusy';
    default:
      return 'login.failed';
  }
}
