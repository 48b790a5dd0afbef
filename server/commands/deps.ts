import type { DocPart } from '../../shared/docNames.ts';
import type { CommentAnchor } from '../../shared/comments.ts';
import type { CaseContent } from '../../shared/record/types.ts';
import type { DraftSnapshot, PositionSnapshot } from '../../shared/workflow/types.ts';
import type { Audit } from '../audit/Audit.ts';
import type { LoginThrottle } from '../auth/loginThrottle.ts';
import type { SecondFactorDeps } from '../auth/secondFactorDeps.ts';
import type { LoginSessions } from '../auth/sessions.ts';
import type { TokenService } from '../auth/tokens.ts';
import type { RealtimePublisher } from '../realtime/RealtimePublisher.ts';
import type {
  CommentStore,
  EmployerSummaryStore,
  NewNotification,
  NotificationStore,
  RecordStore,
  TemplateStore,
  VersionReason,
  VersionStates,
  VersionStore,
  WorkflowStore,
} from '../store/ports.ts';
import type { LogKey } from '../workflow/logKey.ts';

/**
 * What a comment's anchor covers in the server's copy of a section: the
 * quoted text, or why there is none.
 */
export type AnchorQuote = { ok: true; quote: string } | { ok: false; reason: 'not-a-position' | 'outside-section' };

/** The documents as the server holds them (durable content only); server/collab/documentReader.ts. */
export interface DocumentReader {
  /** Both physicians' positions on some sections, as they stand now. */
  positionsOf(caseId: string, sectionIds: readonly string[]): Promise<Record<string, PositionSnapshot>>;
  /** The joint draft of a section as stored now: what a proposal records and a signature must still match. */
  jointDraftOf(caseId: string, sectionId: string): Promise<DraftSnapshot>;
  /** The text between a comment anchor's two positions in a section of one document. */
  quoteAt(caseId: string, part: DocPart, sectionId: string, anchor: CommentAnchor): Promise<AnchorQuote>;
  /**
   * The full state (Y.encodeStateAsUpdate) of the case's three documents, all
   * read at one moment: no update lands on any of them in between.
   */
  statesOf(caseId: string): Promise<VersionStates>;
  /** The case's content now, per section: each document's text and qualifier (what an export prints). */
  contentOf(caseId: string, sectionIds: readonly string[]): Promise<CaseContent>;
}

/** Holds the writes of a case's joint document while a command decides on it. */
export interface DocumentGate {
  /**
   * Runs `fn` with the joint document's writes paused; the writes that waited
   * are then checked against the rules the new state sets.
   */
  holdJoint<T>(caseId: string, fn: () => Promise<T>): Promise<T>;
}

/** What a command may know of an open document connection. */
export interface ConnectionSubject {
  caseId: string;
  userId: string;
  tokenId: string;
  /** The login session, when the token had one. */
  sessionId: string | null;
}

/** Ends open document connections (logout, ended membership or review). */
export interface ConnectionControl {
  /** Closes every connection matching `predicate`; returns how many. */
  closeWhere(predicate: (connection: ConnectionSubject) => boolean, code: number, reason: string): number;
}

/** An automatic version that could not be taken; never carries document text. */
export interface VersionFailure {
  caseId: string;
  reason: VersionReason;
  error: unknown;
}

/**
 * Where committed notifications go, after the commit: the recipients' sockets
 * and, by each recipient's settings, e-mail. Returns at once and never throws:
 * a command never fails or waits for it.
 */
export interface NotificationDelivery {
  delivered(notifications: readonly NewNotification[]): void;
  /** Whether the server can send e-mail at all (SMTP_URL set). */
  emailAvailable: boolean;
}

/** What commands use; built once by createApp. */
export interface CommandDeps {
  records: RecordStore;
  /** Checked against the log on every load (server/workflow/VerifiedWorkflowStore.ts). */
  workflow: WorkflowStore;
  /** Hashes each event and seals each case's head. */
  logKey: LogKey;
  comments: CommentStore;
  /** The employer-safe summaries: drafts and immutable releases. */
  employerSummaries: EmployerSummaryStore;
  /** The template versions an operator imported (server/templates/catalog.ts adds the shipped ones). */
  templates: TemplateStore;
  audit: Audit;
  tokens: TokenService;
  /** Login sessions: started at login, refreshed, ended. */
  sessions: LoginSessions;
  throttle: LoginThrottle;
  /** TOTP enrolment and the second step of a login. */
  secondFactor: SecondFactorDeps;
  documents: DocumentReader;
  gate: DocumentGate;
  connections: ConnectionControl;
  realtime: RealtimePublisher;
  persistence: { sessions: number; days: number };
  /** The immutable versions of each case's documents. */
  versions: VersionStore;
  /** Told when an automatic version could not be taken (the command itself succeeded): logs and counts it. */
  versionFailed: (failure: VersionFailure) => void;
  /** Each user's notifications and their e-mail settings. */
  notifications: NotificationStore;
  notificationDelivery: NotificationDelivery;
  /** The current time; injectable so that tests can move it. */
  now: () => Date;
}
