import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RealtimeEvent, type SessionReminder } from '../../../../shared/realtime.ts';
import { acquireSocket, releaseSocket } from '../../realtime/socket.ts';
import { Link } from '../../router.tsx';
import { useDateTimeFormat } from '../workspace/labels.ts';
import { sessionLink } from './UpcomingSessions.tsx';
import './sessions.css';

/**
 * The server's reminders that a session starts soon, wherever the physician
 * is in the app, each until dismissed. The live region is always in the page,
 * so a reminder that arrives is read out.
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
