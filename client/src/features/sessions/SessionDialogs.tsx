import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_REASON_CHARS } from '../../../../shared/limits.ts';
import { proposedAgenda, SESSION_DURATION } from '../../../../shared/workflow/sessions.ts';
import { SESSION_MODES, type ConsultationSession, type SessionMode } from '../../../../shared/workflow/types.ts';
import { FormDialog } from '../workflow/Dialog.tsx';
import { useCommand, useWorkflowContext } from '../workflow/WorkflowContext.tsx';
import { useSectionLabel } from '../workspace/labels.ts';
import { AgendaChoice, agendaInOrder } from './AgendaChoice.tsx';
import { SessionError } from './sessionLabels.tsx';
import { sessionsApi } from './sessionsApi.ts';

interface Timing {
  /** Local date and time, as the inputs hold them (YYYY-MM-DD, HH:MM). */
  date: string;
  time: string;
  duration: number;
  mode: SessionMode;
}

const DEFAULT_DURATION = 30;
const pad = (n: number) => String(n).padStart(2, '0');

/** A moment as the date and time inputs show it, in the browser's time zone. */
function localParts(at: Date): Pick<Timing, 'date' | 'time'> {
  return { date: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`, time: `${pad(at.getHours())}:${pad(at.getMinutes())}` };
}

/** A new session starts from tomorrow at nine. */
function defaultTiming(): Timing {
  const tomorrow = new Date();
  tomorrow.setDate(tomorrow.getDate() + 1);
  tomorrow.setHours(9, 0, 0, 0);
  return { ...localParts(tomorrow), duration: DEFAULT_DURATION, mode: 'video' };
}

/** The local date and time as an ISO instant (the server wants a time zone); null when incomplete. */
function startOf(timing: Timing): string | null {
  const start = new Date(`${timing.date}T${timing.time}`);
  return Number.isNaN(start.getTime()) ? null : start.toISOString();
}

function TimingFields({ timing, onChange }: { timing: Timing; onChange: (next: Timing) => void }) {
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

/** Plans a session: when, how long, how, and the agenda proposed from the open disagreements. */
export function ScheduleDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { caseId, workflow, sections } = useWorkflowContext();
  const command = useCommand();
  const [timing, setTiming] = useState(defaultTiming);
  // The proposal as it stood when the form opened; the physician edits it from there.
  const [proposed] = useState(() => (workflow ? proposedAgenda(workflow) : []));
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(proposed));

  const submit = async () => {
    const scheduledAt = startOf(timing);
    if (!scheduledAt) return false;
    const result = await command.run(() =>
      sessionsApi.schedule(caseId, { scheduledAt, durationMinutes: timing.duration, mode: timing.mode, agenda: agendaInOrder(sections, chosen) }),
    );
    return result?.envelope.event.type === 'session.scheduled';
  };

  return (
    <FormDialog
      title={t('sessions.schedule.title')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('sessions.schedule.submit')}
      busy={command.busy}
      testId="schedule-dialog"
      returnFocusTo="sessions-heading"
    >
      <TimingFields timing={timing} onChange={setTiming} />
      <AgendaChoice proposed={proposed} shown={[]} chosen={chosen} onChange={setChosen} />
      <SessionError error={command.error} testId="schedule-error" />
    </FormDialog>
  );
}

/** Moves a planned session to another time (and perhaps another mode). */
export function RescheduleDialog({ session, onClose }: { session: ConsultationSession; onClose: () => void }) {
  const { t } = useTranslation();
  const { caseId } = useWorkflowContext();
  const command = useCommand();
  const [timing, setTiming] = useState<Timing>(() => ({ ...localParts(new Date(session.scheduledAt)), duration: session.durationMinutes, mode: session.mode }));

  const submit = async () => {
    const scheduledAt = startOf(timing);
    if (!scheduledAt) return false;
    return (await command.run(() => sessionsApi.reschedule(caseId, session.id, { scheduledAt, durationMinutes: timing.duration, mode: timing.mode }))) !== null;
  };

  return (
    <FormDialog
      title={t('sessions.reschedule.title')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('sessions.reschedule.submit')}
      busy={command.busy}
      testId="reschedule-dialog"
    >
      <TimingFields timing={timing} onChange={setTiming} />
      <SessionError error={command.error} testId="reschedule-error" />
    </FormDialog>
  );
}

/** Changes the agenda; an item with a recorded outcome stays on it. */
export function AgendaDialog({ session, onClose }: { session: ConsultationSession; onClose: () => void }) {
  const { t } = useTranslation();
  const { caseId, workflow, sections } = useWorkflowContext();
  const command = useCommand();
  const [current] = useState(() => session.agenda.map((item) => item.section));
  const [proposed] = useState(() => (workflow ? proposedAgenda(workflow) : []));
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(current));
  const locked = new Set(session.agenda.filter((item) => item.outcome).map((item) => item.section));

  const submit = async () => (await command.run(() => sessionsApi.changeAgenda(caseId, session.id, agendaInOrder(sections, chosen)))) !== null;

  return (
    <FormDialog
      title={t('sessions.agenda.title')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('sessions.agenda.submit')}
      busy={command.busy}
      testId="agenda-dialog"
    >
      <AgendaChoice proposed={proposed} shown={current} chosen={chosen} locked={locked} onChange={setChosen} />
      <SessionError error={command.error} testId="agenda-error" />
    </FormDialog>
  );
}

/** Cancels a planned session, with an optional reason. */
export function CancelDialog({ session, onClose }: { session: ConsultationSession; onClose: () => void }) {
  const { t } = useTranslation();
  const { caseId } = useWorkflowContext();
  const command = useCommand();
  const [reason, setReason] = useState('');
  const id = useId();

  const submit = async () => (await command.run(() => sessionsApi.cancel(caseId, session.id, reason))) !== null;

  return (
    <FormDialog
      title={t('sessions.cancel.title')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('sessions.cancel.submit')}
      busy={command.busy}
      testId="cancel-dialog"
      returnFocusTo={`session-${session.id}-heading`}
    >
      <div className="field">
        <label htmlFor={id}>{t('sessions.cancel.reason')}</label>
        <textarea id={id} rows={3} maxLength={MAX_REASON_CHARS} value={reason} onChange={(event) => setReason(event.target.value)} />
      </div>
      <SessionError error={command.error} testId="cancel-error" />
    </FormDialog>
  );
}

/** Concludes a live session: its outcomes become the minutes. */
export function ConcludeDialog({ session, onClose }: { session: ConsultationSession; onClose: () => void }) {
  const { t } = useTranslation();
  const { caseId, sections } = useWorkflowContext();
  const sectionLabel = useSectionLabel();
  const command = useCommand();
  const open = sections.filter((s) => session.agenda.some((item) => item.section === s.id && !item.outcome));

  const submit = async () => (await command.run(() => sessionsApi.conclude(caseId, session.id))) !== null;

  return (
    <FormDialog
      title={t('sessions.conclude.title')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('sessions.conclude.submit')}
      busy={command.busy}
      testId="conclude-dialog"
      returnFocusTo={`session-${session.id}-heading`}
    >
      <p>{t('sessions.conclude.hint')}</p>
      {open.length > 0 && (
        <>
          <p className="warning small">{t('sessions.conclude.withoutOutcome', { count: open.length })}</p>
          <ul>
            {open.map((section) => (
              <li key={section.id}>{sectionLabel(section)}</li>
            ))}
          </ul>
        </>
      )}
      <SessionError error={command.error} testId="conclude-error" />
    </FormDialog>
  );
}
