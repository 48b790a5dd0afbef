import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TOTP_CODE_DIGITS, type TotpEnrolment } from '../../../../shared/secondFactor.ts';
import { ApiError } from '../../api.ts';
import { codeErrorKey } from './secondFactorApi.ts';
import { FormAlert, SubmitButton } from './FormAlert.tsx';

/** The QR code and key of an enrolment, and the field for the code that confirms it. */
export function TotpSetup({ enrolment, onConfirm }: { enrolment: TotpEnrolment; onConfirm: (code: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onConfirm(code);
    } catch (caught) {
      setError(t(codeErrorKey(caught instanceof ApiError ? caught.id : 'network')));
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="login-form totp-setup">
      <p>{t('secondFactor.setupStepScan')}</p>
      <img
        className="totp-qr"
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`}
        alt={t('secondFactor.qrAlt')}
        width={200}
        height={200}
      />
      <p>
        {t('secondFactor.setupStepKey')} <code className="totp-key">{enrolment.secret}</code>
      </p>
      <p>{t('secondFactor.setupStepCode')}</p>
      <label>
        {t('secondFactor.code')}
        <input
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern={`\\d{${TOTP_CODE_DIGITS}}`}
          maxLength={TOTP_CODE_DIGITS}
          value={code}
          onChange={(e) => setCode(e.target.value.trim())}
          required
        />
      </label>
      <FormAlert error={error} />
      <SubmitButton busy={busy} label={t('secondFactor.confirm')} busyLabel={t('secondFactor.busy')} />
    </form>
  );
}

/** The recovery codes of a confirmed enrolment, shown this once; `level` fits the heading into the page's outline. */
export function RecoveryCodeList({ codes, onDone, level = 3 }: { codes: string[]; onDone: () => void; level?: 2 | 3 }) {
  const { t } = useTranslation();
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section className="recovery-codes" aria-labelledby="recovery-heading">
      <Heading id="recovery-heading">{t('secondFactor.recoveryHeading')}</Heading>
      <p>{t('secondFactor.recoveryWarning')}</p>
      <ol className="recovery-code-list">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <button type="button" onClick={onDone}>
        {t('secondFactor.continue')}
      </button>
    </section>
  );
}
