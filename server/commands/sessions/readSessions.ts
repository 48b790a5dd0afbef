import type { UpcomingSession } from '../../../shared/api.ts';
import type { AccessRole } from '../../../shared/roles.ts';
import type { CaseWorkflow, ConsultationSession } from '../../../shared/workflow/types.ts';
import type { AuditActor } from '../../audit/Audit.ts';
import type { Principal } from '../../auth/Authenticator.ts';
import { AppError, isCaseIntegrityError, notFound } from '../../errors.ts';
import { requireParticipant } from '../../policies/participation.ts';
import type { ExportLanguage } from '../../export/exportInput.ts';
import { sessionCalendar } from '../../sessions/sessionCalendar.ts';
import { sessionMinutesPdf } from '../../sessions/sessionMinutes.ts';
import type { CaseRecord } from '../../store/ports.ts';
import type { CommandDeps } from '../deps.ts';
import { toCaseSummary } from '../views.ts';
import { loadWorkflow } from '../../workflow/loadWorkflow.ts';
import type { SessionTarget } from './sessionCommands.ts';
import { templateOf } from '../../templates/catalog.ts';

/** The sessions still to come (scheduled or live) of every case the user is a physician of, soonest first. */
export async function upcomingSessions(deps: CommandDeps, principal: Principal, audit: AuditActor): Promise<UpcomingSession[]> {
  const now = deps.now().getTime();
  const upcoming: UpcomingSession[] = [];
  for (const record of await deps.records.listCasesOfUser(principal.user.id)) {
    const state = await workflowUnlessRefused(deps, record);
    for (const session of state?.sessions ?? []) {
      const ends = Date.parse(session.scheduledAt) + session.durationMinutes * 60_000;
      if (session.status === 'live' || (session.status === 'scheduled' && ends > now)) {
        upcoming.push({ caseId: record.id, caseTitle: record.title, employeePseudonym: record.employeePseudonym, session });
      }
    }
  }
  await deps.audit.record(audit, { action: 'read', outcome: 'success', object: 'sessions', detail: `${upcoming.length} upcoming` });
  return upcoming.sort((a, b) => a.session.scheduledAt.localeCompare(b.session.scheduledAt));
}

/** A case refused because its record does not match its log is left out of overviews; the rest still show. */
async function workflowUnlessRefused(deps: CommandDeps, record: CaseRecord) {
  try {
    return (await loadWorkflow(deps, record)).state;
  } catch (error) {
    if (isCaseIntegrityError(error)) return null;
    throw error;
  }
}

interface SessionRead {
  record: CaseRecord;
  role: AccessRole;
  session: ConsultationSession;
  state: CaseWorkflow;
}

/** One session of a case the caller takes part in; audited like every read of case data (a PDF as an export). */
async function readSession(deps: CommandDeps, target: SessionTarget, object: string): Promise<SessionRead> {
  const { record, role } = await requireParticipant(deps, {
    caseId: target.caseId,
    userId: target.principal.user.id,
    actor: target.audit,
    object,
    use: 'read',
  });
  const { state } = await loadWorkflow(deps, record);
  const session = state.sessions.find((s) => s.id === target.sessionId);
  if (!session) throw notFound('No such session');
  await deps.audit.record(target.audit, {
    action: object.endsWith('.pdf') ? 'export' : 'read',
    outcome: 'success',
    object,
    caseId: target.caseId,
    detail: session.id,
  });
  return { record, role, session, state };
}

/** The session as an .ics file for calendar programs, in the reader's language, with both physicians and their answers. */
export async function sessionIcs(deps: CommandDeps, target: SessionTarget, origin: string, lang: ExportLanguage = 'nl'): Promise<string> {
  const { record, session } = await readSession(deps, target, 'session.ics');
  const url = `${origin}/cases/${encodeURIComponent(record.id)}?sessie=${encodeURIComponent(session.id)}`;
  const { members } = await toCaseSummary(deps.records, record, await deps.records.listMembers(record.id));
  return sessionCalendar(session, record, url, deps.now(), { members, lang });
}

/** The minutes of a concluded session as a PDF report, in the reader's language, with the agreed positions of its sections. */
export async function sessionMinutes(deps: CommandDeps, target: SessionTarget, lang: ExportLanguage = 'nl'): Promise<Buffer> {
  const { record, role, session, state } = await readSession(deps, target, 'minutes.pdf');
  if (session.status !== 'concluded') throw new AppError(409, 'minutes.not-concluded', 'Minutes exist once the session is concluded');
  const summary = await toCaseSummary(deps.records, record, await deps.records.listMembers(record.id));
  return sessionMinutesPdf(session, record, await templateOf(deps.templates, record.templateVersion), summary.members, {
    lang,
    sections: state.sections,
    exportedAt: deps.now().toISOString(),
    exportedBy: { name: target.principal.user.name, role },
  });
}
