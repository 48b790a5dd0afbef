import type { CommandResult, UpcomingSession } from '../../../../shared/api.ts';
import type { ItemOutcome } from '../../../../shared/workflow/types.ts';
import type { DeclineSessionInput, RescheduleSessionInput, ScheduleSessionInput } from '../../../../shared/workflowSchemas.ts';
import { request } from '../../api.ts';

const sessionsPath = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/sessions`;
const sessionPath = (caseId: string, sessionId: string) => `${sessionsPath(caseId)}/${encodeURIComponent(sessionId)}`;
const command = (path: string, body?: unknown) => request<CommandResult>('POST', path, body);

/**
 * The consultation sessions of a case (docs/domain.md). Every command answers the
 * event it wrote and the case's new workflow, which is also pushed to the
 * other physician.
 */
export const sessionsApi = {
  /** Scheduled and live sessions over all of the user's cases, soonest first. */
  upcoming: () => request<UpcomingSession[]>('GET', '/api/sessions/upcoming'),
  /** Without `agenda`, the server proposes the sections with a disagreement on record. */
  schedule: (caseId: string, input: ScheduleSessionInput) => command(sessionsPath(caseId), input),
  reschedule: (caseId: string, sessionId: string, input: RescheduleSessionInput) => command(`${sessionPath(caseId, sessionId)}/reschedule`, input),
  changeAgenda: (caseId: string, sessionId: string, agenda: string[]) => command(`${sessionPath(caseId, sessionId)}/agenda`, { agenda }),
  cancel: (caseId: string, sessionId: string, reason: string) => command(`${sessionPath(caseId, sessionId)}/cancel`, { reason }),
  start: (caseId: string, sessionId: string) => command(`${sessionPath(caseId, sessionId)}/start`),
  selectItem: (caseId: string, sessionId: string, section: string) => command(`${sessionPath(caseId, sessionId)}/current`, { section }),
  recordOutcome: (caseId: string, sessionId: string, section: string, outcome: ItemOutcome, notes: string) =>
    command(`${sessionPath(caseId, sessionId)}/outcome`, { section, outcome, notes }),
  conclude: (caseId: string, sessionId: string) => command(`${sessionPath(caseId, sessionId)}/conclude`),
  /** The invitee (the physician who did not plan it) accepts, or declines perhaps proposing another start. */
  accept: (caseId: string, sessionId: string) => command(`${sessionPath(caseId, sessionId)}/accept`),
  decline: (caseId: string, sessionId: string, input: DeclineSessionInput) => command(`${sessionPath(caseId, sessionId)}/decline`, input),
};

/** Downloads, as links: the browser sends the session cookie with them. */
export const sessionFiles = {
  /** In the reader's language (`nl` or `en`). */
  calendar: (caseId: string, sessionId: string, lang: string) => `${sessionPath(caseId, sessionId)}/calendar.ics?lang=${lang === 'en' ? 'en' : 'nl'}`,
  /** Only for a concluded session (409 otherwise). */
  minutes: (caseId: string, sessionId: string) => `${sessionPath(caseId, sessionId)}/minutes.pdf`,
};
