import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EMAIL_MODES, NOTIFICATION_LANGUAGES, type NotificationSettings } from '../../../../shared/notifications.ts';
import type { ApiError } from '../../api.ts';
import { LANGUAGE_NAMES } from '../../i18n/index.ts';
import { Link } from '../../router.tsx';
import { ErrorMessage, useErrorText } from '../workflow/ErrorMessage.tsx';
import type { SettingsInput } from './notificationsApi.ts';
import { NOTIFICATIONS_PATH } from './paths.ts';
import { refusalKey } from './settingsRefusals.ts';
import { useNotificationSettings, type NotificationSettingsState } from './useNotificationSettings.ts';
import './notifications.css';

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
type Field = keyof SettingsInput;
type Setter = <K extends Field>(field: K, value: SettingsInput[K]) => void;

/** The e-mail setting of notifications (`/notifications/settings`): address, when, the digest's hour and the mail's language. */
export function NotificationSettingsPage() {
  const { t } = useTranslation();
  const state = useNotificationSettings();
  return (
    <section className="notification-settings" aria-labelledby="notification-settings-heading" data-testid="notification-settings">
      <p>
        <Link to={NOTIFICATIONS_PATH}>{t('notifications.settings.back')}</Link>
      </p>
      <h1 id="notification-settings-heading">{t('notifications.settings.heading')}</h1>
      <p className="muted">{t('notifications.settings.intro')}</p>
      {state.loadFailed && (
        <p role="alert" className="error">
          {t('notifications.settings.failed')}
        </p>
      )}
      {!state.settings && !state.loadFailed && <p>{t('app.loading')}</p>}
      {state.settings && <SettingsForm initial={state.settings} state={state} />}
    </section>
  );
}

function SettingsForm({ initial, state }: { initial: NotificationSettings; state: NotificationSettingsState }) {
  const { t } = useTranslation();
  const [input, setInput] = useState<SettingsInput>({ email: initial.email, mode: initial.mode, digestHour: initial.digestHour, language: initial.language });
  const set: Setter = (field, value) => setInput((current) => ({ ...current, [field]: value }));
  const refusal = typeof state.saved === 'string' ? null : state.saved;
  const fieldError = (field: Field) => (refusal?.field === field ? refusal : null);
  const form = useRef<HTMLFormElement>(null);

  // A refused field gets focus, so its error is read out with it.
  useEffect(() => {
    if (refusal?.field) form.current?.querySelector<HTMLElement>(`[name="${refusal.field}"]`)?.focus();
  }, [refusal]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void state.save({ ...input, email: input.email?.trim() ? input.email.trim() : null });
  };

  return (
    // The server checks the address (noValidate): its answer is the one shown, next to the field.
    <form ref={form} className="card notification-settings__form" noValidate onSubmit={submit} aria-labelledby="notification-settings-heading">
      {!initial.emailAvailable && (
        <p className="notice" data-testid="email-unavailable">
          {t('notifications.settings.unavailable')}
        </p>
      )}
      <Labelled label={t('notifications.settings.email')} hint={t('notifications.settings.emailHint')} error={fieldError('email')}>
        {(props) => (
          <input {...props} name="email" type="email" autoComplete="email" value={input.email ?? ''} onChange={(e) => set('email', e.target.value)} />
        )}
      </Labelled>
      <WhenFields input={input} set={set} fieldError={fieldError} />
      <Labelled label={t('notifications.settings.language')} error={fieldError('language')}>
        {(props) => (
          <select {...props} name="language" value={input.language} onChange={(e) => set('language', e.target.value as SettingsInput['language'])}>
            {NOTIFICATION_LANGUAGES.map((language) => (
              <option key={language} value={language} lang={language}>
                {LANGUAGE_NAMES[language]}
              </option>
            ))}
          </select>
        )}
      </Labelled>
      {refusal && !refusal.field && <ErrorMessage error={refusal} testId="notification-settings-error" />}
      <p role="status" data-testid="notification-settings-status">
        {state.saved === 'saved' ? t('notifications.settings.saved') : ''}
      </p>
      <button type="submit" disabled={state.saving}>
        {state.saving ? t('notifications.settings.saving') : t('notifications.settings.save')}
      </button>
    </form>
  );
}

/** When mail goes: immediately, as a daily summary at the chosen hour, or never. */
function WhenFields({ input, set, fieldError }: { input: SettingsInput; set: Setter; fieldError: (field: Field) => ApiError | null }) {
  const { t } = useTranslation();
  const hour = (h: number) => t('notifications.settings.hour', { hour: h });
  return (
    <>
      <fieldset className="field" aria-describedby={fieldError('mode') ? 'notification-mode-error' : undefined}>
        <legend>{t('notifications.settings.mode')}</legend>
        {EMAIL_MODES.map((mode) => (
          <label key={mode} className="notification-settings__choice">
            <input type="radio" name="mode" value={mode} checked={input.mode === mode} onChange={() => set('mode', mode)} />{' '}
            {t(`notifications.settings.modes.${mode}`, { hour: hour(input.digestHour) })}
          </label>
        ))}
        <FieldError error={fieldError('mode')} id="notification-mode-error" />
      </fieldset>
      <Labelled label={t('notifications.settings.digestHour')} error={fieldError('digestHour')}>
        {(props) => (
          <select {...props} name="digestHour" value={input.digestHour} onChange={(e) => set('digestHour', Number(e.target.value))}>
            {HOURS.map((h) => (
              <option key={h} value={h}>
                {hour(h)}
              </option>
            ))}
          </select>
        )}
      </Labelled>
    </>
  );
}

interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

/** A labelled control (`.field`) with its hint and the server's error about it, both in its description. */
function Labelled({ label, hint, error, children }: { label: string; hint?: string; error: ApiError | null; children: (props: ControlProps) => ReactNode }) {
  const id = useId();
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': described || undefined, 'aria-invalid': error ? true : undefined })}
      {hint && (
        <p id={`${id}-hint`} className="muted field__hint">
          {hint}
        </p>
      )}
      <FieldError error={error} id={`${id}-error`} />
    </div>
  );
}

/** The server's refusal of one field, in the interface language where it is known. */
function FieldError({ error, id }: { error: ApiError | null; id: string }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  if (!error) return null;
  const key = refusalKey(error, (k) => i18n.exists(k));
  const text = key ? t(key) : errorText(error);
  return (
    <p id={id} className="error" data-testid="field-error" data-field={error.field} data-error={error.id}>
      {text}
    </p>
  );
}
