import type { AuditAction, AuditRow } from '../../shared/admin.ts';
import type { CaseRole, Role } from '../../shared/roles.ts';
import type { CommentChange, CommentStore } from './commentPort.ts';
import type { CaseWorkflow, EventEnvelope } from '../../shared/workflow/types.ts';
import type { EmployerSummaryStore } from './employerSummaryPort.ts';
import type { NewNotification, NotificationStore } from './notificationPort.ts';
import type { SecondFactorStore } from './secondFactorPort.ts';
import type { DocStore } from './docPort.ts';
import type { NewOrganisation, OrganisationChange, OrganisationRecord } from './organisationPort.ts';
import type { SessionStore } from './sessionPort.ts';
import type { TemplateStore } from './templatePort.ts';
import type { VersionStore } from './versionPort.ts';

export * from './docPort.ts';
export type * from './commentPort.ts';
export type * from './organisationPort.ts';
export type * from './employerSummaryPort.ts';
export type * from './notificationPort.ts';
export type * from './secondFactorPort.ts';
export * from './sessionPort.ts';
export type * from './versionPort.ts';
export type * from './templatePort.ts';

/**
 * Store ports (docs/architecture.md). Every method is async so that the Redis adapters of
 * the distributed mode fit the same shape as SQLite and memory; one contract
 * suite (test/contract) runs against each adapter.
 */

// ---- Records ---------------------------------------------------------------

export interface UserRecord {
  id: string;
  username: string;
  name: string;
  role: Role;
  passwordHash: string;
  createdAt: string;
  /** When an administrator deactivated the account (ISO); null while it is active. A deactivated account cannot log in. */
  deactivatedAt: string | null;
  /**
   * Counts the times every session of the account was ended (deactivation,
   * password reset): a token carries the number it was issued under and is
   * refused once it is behind.
   */
  sessionVersion: number;
  /** The organisation that owns the account (OrganisationRecord.id). */
  organisationId: string;
  /** An administrator of the platform: manages organisations and every organisation's accounts (only with role admin). */
  platformAdmin: boolean;
}

/**
 * A new account is active and starts at session version 0; without an
 * organisation it belongs to the default one, and it administers no platform.
 */
export type NewUser = Omit<UserRecord, 'createdAt' | 'deactivatedAt' | 'sessionVersion' | 'organisationId' | 'platformAdmin'> &
  Partial<Pick<UserRecord, 'organisationId' | 'platformAdmin'>>;

/** What an administrator changes of an account (UserRecord.updateUser); fields left out stay. */
export type UserChange = Partial<Pick<UserRecord, 'role' | 'passwordHash' | 'deactivatedAt' | 'sessionVersion'>>;

export interface CaseRecord {
  id: string;
  title: string;
  employeePseudonym: string;
  employer: string;
  firstSickDay: string;
  templateVersion: number;
  createdAt: string;
}

export type NewCase = Omit<CaseRecord, 'createdAt'>;

export interface MemberRecord {
  caseId: string;
  userId: string;
  caseRole: CaseRole;
}

export interface RecordStore {
  /** Throws DuplicateError when the username is taken. */
  createUser(user: NewUser): Promise<UserRecord>;
  findUserById(id: string): Promise<UserRecord | null>;
  findUserByUsername(username: string): Promise<UserRecord | null>;
  countUsers(): Promise<number>;
  listUsers(): Promise<UserRecord[]>;
  /** Changes an account's fields, all at once; resolves with the account as changed, or null when there is none. */
  updateUser(id: string, change: UserChange): Promise<UserRecord | null>;

  /** Throws DuplicateError('name') when an organisation of that name (case-insensitive) exists. */
  createOrganisation(organisation: NewOrganisation): Promise<OrganisationRecord>;
  getOrganisation(id: string): Promise<OrganisationRecord | null>;
  /** By name. */
  listOrganisations(): Promise<OrganisationRecord[]>;
  /** Resolves with the organisation as changed, or null when there is none; DuplicateError('name') for a taken name. */
  updateOrganisation(id: string, change: OrganisationChange): Promise<OrganisationRecord | null>;

  /** Creates the case and its members in one transaction. */
  createCase(record: NewCase, members: MemberRecord[]): Promise<CaseRecord>;
  getCase(id: string): Promise<CaseRecord | null>;
  /** Moves a case from template version `from` to `to`; false (and nothing changes) when it is not on `from` (or does not exist). */
  moveCaseTemplate(caseId: string, from: number, to: number): Promise<boolean>;
  listCases(): Promise<CaseRecord[]>;
  listCasesOfUser(userId: string): Promise<CaseRecord[]>;
  /** Sets who holds a case role, replacing the previous holder. */
  setMember(member: MemberRecord): Promise<void>;
  listMembers(caseId: string): Promise<MemberRecord[]>;

  /** Remembers a logged-out token until it would have expired anyway. */
  revokeToken(tokenId: string, expiresAt: number): Promise<void>;
  isTokenRevoked(tokenId: string): Promise<boolean>;

  /** Resolves when the store answers; used by /readyz. */
  ping(): Promise<void>;
}

export class DuplicateError extends Error {
  constructor(readonly field: string) {
    super(`${field} already exists`);
  }
}

// ---- Workflow ----------------------------------------------------------------

/**
 * The keyed MAC stored with a case's state row (server/workflow/headSeal.ts):
 * it binds the head of the log (seq, hash) to the state and the reviewer
 * grants stored with it, so that neither the row nor the grants can be
 * changed, nor trailing events deleted, without the log key.
 */
export interface HeadSeal {
  /** Events 1..legacySeq carry the bare SHA-256 of before the log was keyed (0: none). */
  legacySeq: number;
  mac: string;
}

/** The stored workflow of a case: its state after event `seq`, that event's hash, the grants and the seal written with them. */
export interface WorkflowRecord {
  seq: number;
  hash: string;
  state: CaseWorkflow;
  /** The reviewer grants stored with this state. */
  reviewers: ReviewerGrant[];
  /** Null for a row written before the log was keyed (until it is sealed once, at boot). */
  seal: HeadSeal | null;
}

/** A reviewer's read access to a case, for as long as their dispute is open. */
export interface ReviewerGrant {
  userId: string;
  disputeId: string;
}

/** A seal for a row written before the log was keyed, applied only while the row is still at (seq, hash) and unsealed. */
export interface LegacySeal {
  caseId: string;
  seq: number;
  hash: string;
  seal: HeadSeal;
}

export interface WorkflowStore {
  /** The state row with its grants and seal, read together (one consistent snapshot). */
  load(caseId: string): Promise<WorkflowRecord | null>;
  /**
   * Appends `envelope` to the case's log and stores the state it leads to,
   * the reviewers that state grants access and the row's seal, in one
   * transaction. Throws SeqConflictError, changing nothing, when the log
   * moved past `envelope.seq - 1` meanwhile (another command won the race).
   * `extras` are written in the same transaction, so that an event is never
   * committed without them, and one that cannot be written commits nothing.
   */
  commit(envelope: EventEnvelope, state: CaseWorkflow, reviewers: ReviewerGrant[], seal: HeadSeal, extras?: CommitExtras): Promise<void>;
  /** The log, oldest first, from `afterSeq` on. */
  listEvents(caseId: string, afterSeq?: number): Promise<EventEnvelope[]>;
  /** Whether the user is an active reviewer of the case. */
  isReviewer(caseId: string, userId: string): Promise<boolean>;
  /** Cases the user currently reviews. */
  casesReviewedBy(userId: string): Promise<string[]>;
  /** Open cases whose stored state names the user as their invited labour expert, sorted by id. */
  casesOfLabourExpert(userId: string): Promise<string[]>;
  /** Whether any state row carries a seal, and the cases whose row carries none. */
  sealCensus(): Promise<{ anySealed: boolean; unsealed: string[] }>;
  /**
   * Seals rows written before the log was keyed, all in one transaction: a
   * row that moved or was sealed meanwhile is left alone. Resolves with the
   * case ids sealed.
   */
  sealLegacy(seals: LegacySeal[]): Promise<string[]>;
}

/** What a command commits with its event (see WorkflowStore.commit). */
export interface CommitExtras {
  /** The row that records the command's success, appended to the audit trail. */
  audit?: AuditEntry;
  /** The thread change a comment command makes (its event is the record of it). */
  comment?: CommentChange;
  /** The notifications the event leads to (server/notifications/): an event is never stored without them. */
  notifications?: NewNotification[];
}

export class SeqConflictError extends Error {
  constructor(readonly caseId: string) {
    super(`The event log of case ${caseId} moved on`);
  }
}

// ---- Audit -----------------------------------------------------------------

export type { AuditAction, AuditOutcome } from '../../shared/admin.ts';

/**
 * One NEN 7513-style audit row, as the log view shows it (shared/admin.ts):
 * `object` names what was touched ('session', 'case-list', 'doc:occupational',
 * 'user', …), `detail` a short machine detail (access mode, refusal reason).
 * Never holds medical text.
 */
export type AuditEntry = AuditRow;

export interface AuditQuery {
  caseId?: string;
  /** Rows of actors of this organisation (an organisation's administrator sees only these). */
  organisationId?: string;
  userId?: string;
  action?: AuditAction;
  /** Rows at or after this instant (ISO, compared with `at`). */
  from?: string;
  /** Rows before this instant (ISO, exclusive). */
  to?: string;
  /** Rows older than those of the page that handed out this cursor (AuditPage.next), with the same filters. */
  cursor?: string;
  limit?: number;
}

/** One page of the trail, newest first, and the cursor of the next (older) page; null when there is none. */
export interface AuditPage {
  entries: AuditEntry[];
  next: string | null;
}

export interface AuditStore {
  /** Append-only: there is no update or delete. */
  append(entry: AuditEntry): Promise<void>;
  /** The rows that match, newest (appended last) first, at most `limit`. */
  list(query: AuditQuery): Promise<AuditEntry[]>;
  /** The same rows as `list`, with the cursor of the rows after them; a cursor this adapter did not hand out lists nothing. */
  page(query: AuditQuery): Promise<AuditPage>;
}

/** Everything the app needs from storage, built by the composition root. */
export interface Stores {
  docs: DocStore;
  records: RecordStore;
  workflow: WorkflowStore;
  comments: CommentStore;
  audit: AuditStore;
  versions: VersionStore;
  employerSummaries: EmployerSummaryStore;
  notifications: NotificationStore;
  /** The second factor of local accounts (TOTP and recovery codes). */
  secondFactors: SecondFactorStore;
  /** Login sessions (access and refresh tokens). */
  sessions: SessionStore;
  /** Template versions imported by an operator (the shipped ones are not stored). */
  templates: TemplateStore;
  close(): Promise<void>;
}
