import type { CaseRole, Role } from './roles.ts';

/** Shapes exchanged over the HTTP API (DESIGN §4). */

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

export interface CaseDetail extends CaseSummary {
  /** The caller's role in this case; null for administrators. */
  myRole: CaseRole | null;
}

/** Error bodies carry a stable id a client can switch on, and a human message. */
export interface ApiErrorBody {
  error: { id: string; message: string; field?: string };
}
