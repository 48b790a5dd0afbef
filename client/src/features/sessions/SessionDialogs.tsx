import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_REASON_CHARS } from '../../../../shared/limits.ts';
import { proposedAgenda } from '../../../../shared/workflow/sessions.ts';
import type { ConsultationSession } from '../../../../shared/workflow/types.ts';
import { FormDialog } from '../workflow/Dialog.tsx';
import { TextAreaField } from '../workflow/Fields.tsx';
import { useCommand, useWorkflowContext } from '../workflow/WorkflowContext.tsx';
import { useSectionLabel } from '../workspace/labels.ts';
import { AgendaChoice, agendaInOrder } from './AgendaChoice.tsx';
import { VideoUrlField } from './SessionAnswer.tsx';
import { SessionError } from './sessionLabels.tsx';
import { sessionsApi } from './sessionsApi.ts';
import { defaultTiming, localParts, startOf, TimingFields, type Timing } from './TimingFields.tsx';

/** What a caller may fill the plan form with: a local date and time, and the agenda to propose. */
export interface ScheduleInitial {
  date: string;
  time: string;
  agenda: readonly string[];
}

/** Plans a session: when, how long, how, and the agenda proposed from the open disagreements (or as `initial` says). */
export function ScheduleDialog({
  onClose,
  initial,
  returnFocusTo = 'sessions-heading',
}: {
  onClose: () => void;
  initial?: ScheduleInitial;
  returnFocusTo?: string;
}) {
  const { t } = useTranslation();
  const { caseId, workflow, sections } = useWorkflowContext();
  const command = useCommand();
  const [timing, setTiming] = useState(() => (initial ? { ...defaultTiming(), date: initial.date, time: initial.time } : defaultTiming()));
  // The proposal as it stood when the form opened; the physician edits it from there.
  const [proposed] = useState(() => (initial ? [...initial.agenda] : workflow ? proposedAgenda(workflow) : []));
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(proposed));
  const [videoUrl, setVideoUrl] = useState('');

  const submit = async () => {
    const scheduledAt = startOf(timing);
    if (!scheduledAt) return false;
    const link = videoUrl.trim();
    const result = await command.run(() =>
      sessionsApi.schedule(caseId, {
        scheduledAt,
        durationMinutes: timing.duration,
        mode: timing.mode,
        agenda: agendaInOrder(sections, chosen),
        ...(link && { videoUrl: link }),
      }),
    );
    return result?.envelope.event.type === 'session.scheduled';
  };

  return (
    <FormDialog
      title={t('sessions.schedule.title')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('sessions.schedule.submit')}
      command={command}
      errorView={SessionError}
      errorTestId="schedule-error"
      testId="schedule-dialog"
      returnFocusTo={returnFocusTo}
    >
      <TimingFields timing={timing} onChange={setTiming} />
      <VideoUrlField value={videoUrl} onChange={setVideoUrl} />
      <AgendaChoice proposed={proposed} shown={[]} chosen={chosen} onChange={setChosen} />
    </FormDialog>
  );
}

/** Moves a planned session to another time (and perhaps another mode). */
export function RescheduleDialog({ session, onClose }: { session: ConsultationSession; onClose: () => void }) {
  const { t } = useTranslation();
  const { caseId } = useWorkflowContext();
  const command = useCommand();
  const [timing, setTiming] = useState<Timing>(() => ({ ...localParts(new Date(session.scheduledAt)), duration: session.durationMinutes, mode: session.mode }));
  const [videoUrl, setVideoUrl] = useState(session.videoUrl ?? '');

  const submit = async () => {
    const scheduledAt = startOf(timing);
    if (!scheduledAt) return false;
    // An emptied field removes the link.
    const input = { scheduledAt, durationMinutes: timing.duration, mode: timing.mode, videoUrl: videoUrl.trim() || null };
    return (await command.run(() => sessionsApi.reschedule(caseId, session.id, input))) !== null;
  };

  return (
    <FormDialog
      title={t('sessions.reschedule.title')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('sessions.reschedule.submit')}
      command={command}
      errorView={SessionError}
      errorTestId="reschedule-error"
      testId="reschedule-dialog"
    >
      <TimingFields timing={timing} onChange={setTiming} />
      <VideoUrlField value={videoUrl} onChange={setVideoUrl} />
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
      command={command}
      errorView={SessionError}
      errorTestId="agenda-error"
      testId="agenda-dialog"
    >
      <AgendaChoice proposed={proposed} shown={current} chosen={chosen} locked={locked} onChange={setChosen} />
    </FormDialog>
  );
}

/** Cancels a planned session, with an optional reason. */
export function CancelDialog({ session, onClose }: { session: ConsultationSession; onClose: () => void }) {
  const { t } = useTranslation();
  const { caseId } = useWorkflowContext();
  const command = useCommand();
  const [reason, setReason] = useState('');

  const submit = async () => (await command.run(() => sessionsApi.cancel(caseId, session.id, reason))) !== null;

  return (
    <FormDialog
      title={t('sessions.cancel.title')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('sessions.cancel.submit')}
      command={command}
      errorView={SessionError}
      errorTestId="cancel-error"
      testId="cancel-dialog"
      returnFocusTo={`session-${session.id}-heading`}
    >
      <TextAreaField label={t('sessions.cancel.reason')} rows={3} maxLength={MAX_REASON_CHARS} value={reason} onChange={setReason} />
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
      command={command}
      errorView={SessionError}
      errorTestId="conclude-error"
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
    </FormDialog>
  );
}
