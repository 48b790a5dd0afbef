import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { SESSION_DURATION } from '../../../../shared/workflow/sessions.ts';
import { SESSION_MODES, type SessionMode } from '../../../../shared/workflow/types.ts';

export interface Timing {
  /** Local date and time, as the inputs hold them (YYYY-MM-DD, HH:MM). */
  date: string;
  time: string;
  duration: number;
  mode: SessionMode;
}

const DEFAULT_DURATION = 30;
const pad = (n: number) => String(n).padStart(2, '0');

/** A moment as the date and time inputs show it, in the browser's time zone. */
export function localParts(at: Date): Pick<Timing, 'date' | 'time'> {
  return { date: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`, time: `${pad(at.getHours())}:${pad(at.getMinutes())}` };
}

/** A new session starts from tomorrow at nine. */
export function defaultTiming(): Timing {
  const tomorrow = new Date();
  tomorrow.setDate(tomorrow.getDate() + 1);
  tomorrow.setHours(9, 0, 0, 0);
  return { ...localParts(tomorrow), duration: DEFAULT_DURATION, mode: 'video' };
}

/** The local date and time as an ISO instant (the server wants a time zone); null when incomplete. */
export function startOf(timing: Timing): string | null {
  const start = new Date(`${timing.date}T${timing.time}`);
  return Number.isNaN(start.getTime()) ? null : start.toISOString();
}

export function TimingFields({ timing, onChange }: { timing: Timing; onChange: (next: Timing) => void }) {
  const { t } = useTranslation();
  const ids = { date: useId(), time: useId(), duration: useId(), mode: useId() };
  return (
    <div className="date-fields">
      <div className="field">
        <label htmlFor={ids.date}>{t('sessions.form.date')}</label>
        <input id={ids.date} type="date" required value={timing.date} onChange={(event) => onChange({ ...timing, date: event.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={ids.time}>{t('sessions.form.time')}</label>
        <input id={ids.time} type="time" required value={timing.time} onChange={(event) => onChange({ ...timing, time: event.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={ids.duration}>{t('sessions.form.duration')}</label>
        <input
          id={ids.duration}
          type="number"
          required
          min={SESSION_DURATION.min}
          max={SESSION_DURATION.max}
          step={5}
          value={timing.duration}
          onChange={(event) => onChange({ ...timing, duration: event.target.valueAsNumber })}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.mode}>{t('sessions.form.mode')}</label>
        <select id={ids.mode} value={timing.mode} onChange={(event) => onChange({ ...timing, mode: event.target.value as SessionMode })}>
          {SESSION_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {t(`sessions.mode.${mode}`)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
