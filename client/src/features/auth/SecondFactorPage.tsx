import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_CODE_CHARS, type SecondFactorStatus, type TotpEnrolment } from '../../../../shared/secondFactor.ts';
import { ApiError } from '../../api.ts';
import { Link } from '../../router.tsx';
import { codeErrorKey, secondFactorApi } from './secondFactorApi.ts';
import { RecoveryCodeList, TotpSetup } from './TotpSetup.tsx';
import { FormAlert } from './FormAlert.tsx';

/** The account's two-step verification: set it up with the QR code, see the recovery codes once, or turn it off. */
export function SecondFactorPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<SecondFactorStatus | null>(null);
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = () => secondFactorApi.status().then(setStatus, () => setError(t('secondFactor.loadFailed')));
  useEffect(() => {
    // Loads once; reload() again after each change.
    void reload();
  }, []);

  const start = async () => {
    setNotice(null);
    setError(null);
    try {
      setEnrolment(await secondFactorApi.enrol());
    } catch (caught) {
      setError(t(codeErrorKey(caught instanceof ApiError ? caught.id : 'network')));
    }
  };

  let body;
  if (recoveryCodes) {
    body = (
      <RecoveryCodeList
        level={2}
        codes={recoveryCodes}
        onDone={() => {
          setRecoveryCodes(null);
          setNotice(t('secondFactor.enabled'));
          void reload();
        }}
      />
    );
  } else if (enrolment) {
    body = (
      <TotpSetup
        enrolment={enrolment}
        onConfirm={async (code) => {
          const { recoveryCodes: codes } = await secondFactorApi.confirm(code);
          setEnrolment(null);
          setRecoveryCodes(codes);
        }}
      />
    );
  } else if (status?.totp === 'confirmed') {
    body = (
      <>
        <p>{t('secondFactor.statusOn')}</p>
        <p>{t('secondFactor.recoveryLeft', { count: status.recoveryCodesLeft })}</p>
        {status.required ? (
          <p>{t('secondFactor.required')}</p>
        ) : (
          <RemoveForm
            onRemoved={() => {
              setNotice(t('secondFactor.removed'));
              void reload();
            }}
          />
        )}
      </>
    );
  } else if (status) {
    body = (
      <>
        <p>{t('secondFactor.statusOff')}</p>
        <button type="button" onClick={start}>
          {t('secondFactor.start')}
        </button>
      </>
    );
  }

  return (
    <section className="card second-factor-page" aria-labelledby="second-factor-page-heading">
      <h1 id="second-factor-page-heading">{t('secondFactor.heading')}</h1>
      {notice && <p role="status">{notice}</p>}
      <FormAlert error={error} />
      {body ?? (error ? null : <p>{t('app.loading')}</p>)}
      <p>
        <Link to="/">{t('secondFactor.backToCases')}</Link>
      </p>
    </section>
  );
}

function RemoveForm({ onRemoved }: { onRemoved: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await secondFactorApi.remove(code);
      onRemoved();
    } catch (caught) {
      setError(t(codeErrorKey(caught instanceof ApiError ? caught.id : 'network')));
    }
  };
  return (
    <form onSubmit={submit} className="login-form" aria-labelledby="remove-heading">
      <h2 id="remove-heading">{t('secondFactor.removeHeading')}</h2>
      <p>{t('secondFactor.removeIntro')}</p>
      <label>
        {t('secondFactor.code')}
        <input name="code" autoComplete="one-time-code" maxLength={MAX_CODE_CHARS} value={code} onChange={(e) => setCode(e.target.value)} required />
      </label>
      <FormAlert error={error} />
      <button type="submit">{t('secondFactor.remove')}</button>
    </form>
  );
}
