import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicUser } from '../../../../shared/api.ts';
import type { SessionResponse } from '../../../../shared/authSession.ts';
import { MAX_CODE_CHARS, TOTP_CODE_DIGITS, type SecondFactorChallenge, type TotpEnrolment } from '../../../../shared/secondFactor.ts';
import { ApiError } from '../../api.ts';
import { codeErrorKey, secondFactorApi } from './secondFactorApi.ts';
import { RecoveryCodeList, TotpSetup } from './TotpSetup.tsx';
import { FormAlert, SubmitButton } from './FormAlert.tsx';

interface Props {
  challenge: SecondFactorChallenge;
  onLoggedIn: (user: PublicUser, expiresAt: number, sessionExpiresAt?: number) => void;
  onCancel: () => void;
}

/** The login's second step: a code (or a recovery code), or, when the organisation requires it, the enrolment first. */
export function SecondFactorLogin({ challenge, onLoggedIn, onCancel }: Props) {
  const { t } = useTranslation();
  return (
    <div className="card login-form" role="group" aria-labelledby="second-factor-heading">
      <h2 id="second-factor-heading">{challenge.secondFactor === 'totp' ? t('secondFactor.codeHeading') : t('secondFactor.heading')}</h2>
      {challenge.secondFactor === 'totp' ? (
        <CodeStep challenge={challenge.challenge} onLoggedIn={onLoggedIn} />
      ) : (
        <EnrolStep challenge={challenge.challenge} onLoggedIn={onLoggedIn} />
      )}
      <button type="button" className="link-button" onClick={onCancel}>
        {t('secondFactor.back')}
      </button>
    </div>
  );
}

function CodeStep({ challenge, onLoggedIn }: { challenge: string; onLoggedIn: Props['onLoggedIn'] }) {
  const { t } = useTranslation();
  const [recovery, setRecovery] = useState(false);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { user, expiresAt, sessionExpiresAt } = await secondFactorApi.loginWithCode(challenge, code);
      onLoggedIn(user, expiresAt, sessionExpiresAt);
    } catch (caught) {
      setError(t(codeErrorKey(caught instanceof ApiError ? caught.id : 'network')));
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="login-form">
      <p>{recovery ? t('secondFactor.recoveryIntro') : t('secondFactor.codeIntro')}</p>
      <label>
        {recovery ? t('secondFactor.recoveryCode') : t('secondFactor.code')}
        <input
          key={recovery ? 'recovery' : 'totp'}
          name="code"
          autoFocus
          inputMode={recovery ? 'text' : 'numeric'}
          autoComplete={recovery ? 'off' : 'one-time-code'}
          maxLength={recovery ? MAX_CODE_CHARS : TOTP_CODE_DIGITS}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          required
        />
      </label>
      <FormAlert error={error} />
      <SubmitButton busy={busy} label={t('secondFactor.submit')} busyLabel={t('secondFactor.busy')} />
      <button
        type="button"
        className="link-button"
        onClick={() => {
          setRecovery(!recovery);
          setCode('');
          setError(null);
        }}
      >
        {recovery ? t('secondFactor.useApp') : t('secondFactor.useRecoveryCode')}
      </button>
    </form>
  );
}

function EnrolStep({ challenge, onLoggedIn }: { challenge: string; onLoggedIn: Props['onLoggedIn'] }) {
  const { t } = useTranslation();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [done, setDone] = useState<(SessionResponse & { recoveryCodes: string[] }) | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    secondFactorApi
      .beginLoginEnrolment(challenge)
      .then(setEnrolment, (caught: unknown) => setError(t(codeErrorKey(caught instanceof ApiError ? caught.id : 'network'))));
  }, [challenge, t]);

  if (done) return <RecoveryCodeList codes={done.recoveryCodes} onDone={() => onLoggedIn(done.user, done.expiresAt, done.sessionExpiresAt)} />;
  return (
    <>
      <p>{t('secondFactor.requiredIntro')}</p>
      <FormAlert error={error} />
      {enrolment ? (
        <TotpSetup enrolment={enrolment} onConfirm={async (code) => setDone(await secondFactorApi.confirmLoginEnrolment(challenge, code))} />
      ) : error ? null : (
        <p>{t('secondFactor.loadingSetup')}</p>
      )}
    </>
  );
}
