import { useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkflowView } from '../../../../shared/api.ts';
import { RealtimeEvent, type SessionReminder, type WorkflowPush } from '../../../../shared/realtime.ts';
import { api } from '../../api.ts';
import { followCase } from '../../realtime/followCase.ts';
import { acquireSocket, releaseSocket } from '../../realtime/socket.ts';
import { Link } from '../../router.tsx';
import { useDateTimeFormat } from '../workspace/labels.ts';
import { sessionLink } from './UpcomingSessions.tsx';
import './sessions.css';

/**
 * The server's reminders that a session starts soon, wherever the physician
 * is in the app, each until dismissed, its start has passed, or the session
 * no longer waits to start (started, concluded, cancelled or moved). The live
 * region is always in the page, so a reminder that arrives is read out.
 */
export function SessionReminders() {
  const { t } = useTranslation();
  const formatTime = useDateTimeFormat();
  const [reminders, setReminders] = useState<SessionReminder[]>([]);

  useEffect(() => {
    const socket = acquireSocket();
    // A rescheduled session is reminded again: the newest reminder replaces the earlier one.
    const onReminder = (reminder: SessionReminder) => setReminders((shown) => [...shown.filter((r) => r.sessionId !== reminder.sessionId), reminder]);
    socket.on(RealtimeEvent.sessionReminder, onReminder);
    return () => {
      socket.off(RealtimeEvent.sessionReminder, onReminder);
      releaseSocket(socket);
    };
  }, []);

  const dismiss = (sessionId: string) => setReminders((shown) => shown.filter((r) => r.sessionId !== sessionId));
  useEndedSessionsDismissed(reminders, setReminders);

  // A reminder says a session starts soon: once its start has passed, it has said its piece.
  useEffect(() => {
    const timers = reminders.map((reminder) => setTimeout(() => dismiss(reminder.sessionId), Math.max(0, Date.parse(reminder.scheduledAt) - Date.now())));
    return () => timers.forEach(clearTimeout);
  }, [reminders]);

  return (
    <div role="status" className="session-reminders" data-testid="session-reminders">
      {reminders.map((reminder) => (
        <div key={reminder.sessionId} className="session-reminder" data-testid={`reminder-${reminder.sessionId}`}>
          <p>{t('sessions.reminder.text', { count: reminder.minutesBefore, pseudonym: reminder.employeePseudonym, at: formatTime(reminder.scheduledAt) })}</p>
          <p className="actions">
            {/* Following the link also dismisses the reminder (Link keeps its own click handler). */}
            <span onClick={() => dismiss(reminder.sessionId)}>
              <Link to={sessionLink(reminder.caseId, reminder.sessionId)}>{t('sessions.reminder.open')}</Link>
            </span>
            <button type="button" className="button--secondary" onClick={() => dismiss(reminder.sessionId)}>
              {t('sessions.reminder.dismiss')}
            </button>
          </p>
        </div>
      ))}
    </div>
  );
}

/** Whether a reminder still holds for the case's workflow: its session is scheduled, at the time reminded of. */
function stillDue(reminder: SessionReminder, workflow: WorkflowView): boolean {
  const session = workflow.sessions.find((s) => s.id === reminder.sessionId);
  return session?.status === 'scheduled' && session.scheduledAt === reminder.scheduledAt;
}

/**
 * Follows the cases of the reminders shown (on any page, the case list too)
 * and drops a reminder as soon as a workflow push shows its session started,
 * concluded, cancelled or moved; on each join the workflow is read once, so a
 * change made before the join is not missed.
 */
function useEndedSessionsDismissed(reminders: SessionReminder[], setReminders: Dispatch<SetStateAction<SessionReminder[]>>): void {
  const caseIds = [...new Set(reminders.map((r) => r.caseId))].sort().join('\n');
  useEffect(() => {
    if (caseIds === '') return;
    const socket = acquireSocket();
    let active = true;
    const prune = (caseId: string, workflow: WorkflowView) => {
      if (active) setReminders((shown) => shown.filter((r) => r.caseId !== caseId || stillDue(r, workflow)));
    };
    const onWorkflow = (push: WorkflowPush) => prune(push.caseId, push.workflow);
    socket.on(RealtimeEvent.workflow, onWorkflow);
    const unfollows = caseIds.split('\n').map((caseId) =>
      followCase(socket, caseId, () => {
        api.workflow(caseId).then(
          (workflow) => prune(caseId, workflow),
          () => undefined, // unreadable now: the reminder stays until dismissed or its start passes
        );
      }),
    );
    return () => {
      active = false;
      socket.off(RealtimeEvent.workflow, onWorkflow);
      unfollows.forEach((unfollow) => unfollow());
      releaseSocket(socket);
    };
  }, [caseIds, setReminders]);
}
