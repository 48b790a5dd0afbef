import type { AccessRole, CaseRole, Role } from './roles.ts';
import type { CaseQueue } from './workQueue.ts';
import type { PersistenceRule } from './workflow/persistence.ts';
import type { RivReadiness } from './workflow/riv.ts';
import type { CaseWorkflow, ConsultationSession, EventEnvelope } from './workflow/types.ts';

/** Shapes exchanged over the HTTP API (docs/contract.md). */

export interface PublicUser {
  id: string;
  username: string;
  name: string;
  role: Role;
}

export interface LoginResponse {
  token: string;
  /** Seconds since the epoch at which the token stops being accepted. */
  expiresAt: number;
  user: PublicUser;
}

export interface CaseMember {
  userId: string;
  name: string;
  caseRole: CaseRole;
}

export interface CaseSummary {
  id: string;
  title: string;
  employeePseudonym: string;
  employer: string;
  /** ISO date, YYYY-MM-DD. */
  firstSickDay: string;
  templateVersion: number;
  members: CaseMember[];
}

/** A row of GET /api/cases: the case and what the work queue sorts and filters on (shared/workQueue.ts). */
export interface CaseListEntry extends CaseSummary {
  queue: CaseQueue;
}

export type { CaseQueue, QueueMilestone, QueueSession } from './workQueue.ts';

export interface CaseDetail extends CaseSummary {
  /** The caller's role in this case; null for administrators. */
  myRole: AccessRole | null;
}

/** Error bodies carry a stable id a client can switch on, and a human message. */
export interface ApiErrorBody {
  error: { id: string; message: string; field?: string };
}

/** The workflow of a case as the page starts from it (GET /api/cases/:id/workflow) and as pushes carry it. */
export interface WorkflowView extends CaseWorkflow {
  caseId: string;
  /** The rule in force, so the browser shows the same persistence the server decides on. */
  persistence: PersistenceRule;
  /** Sections whose disagreement is persistent now. */
  persistent: string[];
  /** The doubt about the actueel oordeel, and whether the case is ready for the re-integration report. */
  riv: RivReadiness;
}

/** The answer to a workflow command. */
export interface CommandResult {
  envelope: EventEnvelope;
  workflow: WorkflowView;
}

/** A physician who may be invited as an independent reviewer. */
export interface ReviewerCandidate {
  username: string;
  name: string;
  role: Role;
}

/** A session still to come, in the list across cases. */
export interface UpcomingSession {
  caseId: string;
  caseTitle: string;
  employeePseudonym: string;
  session: ConsultationSession;
}
