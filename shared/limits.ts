/** Limits and close codes shared by server and client. */

/** Largest websocket message the relay reads at all; larger ones close that connection (1009, sent by `ws`). */
export const MAX_COLLAB_MESSAGE_BYTES = 4 * 1024 * 1024;

/**
 * Largest document update the relay stores: a larger one closes the
 * connection with CloseCode.tooLarge and is not stored. The editor refuses to
 * make one (MAX_SECTION_TEXT_CHARS), so only a client of another make meets it.
 */
export const MAX_UPDATE_BYTES = 2 * 1024 * 1024;

/**
 * Largest a document may grow as stored (snapshot and updates): an update
 * beyond it is refused with CloseCode.tooLarge. A full assessment with two
 * years of editing stays far below; 25 pasted books do not.
 */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

/** Most characters one section's text may hold in the editor. */
export const MAX_SECTION_TEXT_CHARS = 50_000;

/**
 * Document updates per connection: a bucket of `burst` that refills at
 * `perSecond`. Typing makes 5–15 a second and a paste one, so only a flood
 * waits: the relay stops reading that connection until the bucket refills.
 */
export const UPDATE_RATE = { perSecond: 100, burst: 300 } as const;

/** A connection's burst is this many seconds of its update rate (COLLAB_UPDATE_RATE sets the rate). */
export const UPDATE_BURST_SECONDS = UPDATE_RATE.burst / UPDATE_RATE.perSecond;

/**
 * Awareness (caret) messages per connection that announce its own states; a
 * flood beyond it closes the connection (CloseCode.policyViolation).
 */
export const AWARENESS_RATE = { perSecond: 50, burst: 150 } as const;

/**
 * Every awareness message per connection, own states or not: the stock
 * provider sends each state it receives back to the server, so one
 * connection echoes the carets of everyone else on the document.
 */
export const AWARENESS_MESSAGE_RATE = { perSecond: 500, burst: 1000 } as const;

/** Largest awareness state (JSON characters) one client may announce; a caret and a name take a few hundred. */
export const MAX_AWARENESS_STATE_CHARS = 4096;

/** Awareness client ids one connection may speak for (a page has one per document). */
export const MAX_AWARENESS_CLIENTS_PER_CONNECTION = 4;

/** Websocket close codes used by the collaboration relay. */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  /** The message could not be decoded as the y-websocket protocol. */
  unsupportedData: 1003,
  /** The connection broke a limit of the relay (awareness flood or size). The stock provider reconnects. */
  policyViolation: 1008,
  /** The message was larger than MAX_COLLAB_MESSAGE_BYTES (ws sends this itself). */
  messageTooBig: 1009,
  internalError: 1011,
  /** The server is shutting down or busy: the client should reconnect (to another node). */
  tryAgainLater: 1013,
  /** No valid session: log in again. The 44xx range tells the stock provider not to retry. */
  unauthenticated: 4401,
  /** Not allowed on this document, or access ended (logout, revoked membership). */
  forbidden: 4403,
  /** No such document. */
  notFound: 4404,
  /** An update larger than MAX_UPDATE_BYTES, or one that would grow the document past MAX_DOCUMENT_BYTES: not stored, and not worth retrying. */
  tooLarge: 4413,
  /** The user already has the maximum number of open connections. */
  tooManyConnections: 4429,
} as const;

/** Largest JSON body the HTTP API accepts. */
export const MAX_JSON_BODY = '100kb';

/*
 * Lengths (characters; most fields are trimmed first) and counts of what the
 * HTTP API accepts. The schemas refuse more, and the page's fields use the same
 * numbers as `maxLength`, so the browser never lets anyone type what the
 * server would refuse.
 */

/** Every id a URL or a document name carries (cases, disputes, sessions, threads, comments). */
export const MAX_ID_CHARS = 64;

/** The one form of those ids; IdParam (shared/schemas.ts) checks a route parameter against it. */
export const ID_PATTERN = new RegExp(`^[A-Za-z0-9_-]{1,${MAX_ID_CHARS}}$`);

/** A template section's id (`d240`). */
export const MAX_SECTION_ID_CHARS = 40;

/** An account's login name. */
export const MIN_USERNAME_CHARS = 3;
export const MAX_USERNAME_CHARS = 64;

/** A password as typed (not trimmed). */
export const MAX_PASSWORD_CHARS = 1024;

/** The display name the other physician sees. */
export const MAX_DISPLAY_NAME_CHARS = 120;

/** A case's working title, its employee's pseudonym and its employer. */
export const MAX_CASE_TITLE_CHARS = 200;
export const MAX_PSEUDONYM_CHARS = 64;
export const MAX_EMPLOYER_CHARS = 200;

/** Why the physicians differ, when a disagreement is flagged. */
export const MAX_RATIONALE_CHARS = 4000;

/** A reason given for a step back: reopening an agreed position, cancelling a session. */
export const MAX_REASON_CHARS = 2000;

/** The question a dispute, or its formal route, must answer. */
export const MAX_QUESTION_CHARS = 2000;

/** Why a dispute is opened, in the physician's words. */
export const MAX_EXPLANATION_CHARS = 4000;

/** The reviewer's written opinion, and the outcome of a formal route: whole letters. */
export const MAX_OPINION_CHARS = 20_000;
export const MAX_FORMAL_ROUTE_OUTCOME_CHARS = 20_000;

/** Sections one dispute covers, and agenda items one session has: the template has 24. */
export const MAX_DISPUTE_SECTIONS = 30;
export const MAX_AGENDA_ITEMS = 30;

/** The length of a consultation session, in minutes. */
export const SESSION_DURATION = { min: 5, max: 480 } as const;

/** The address of a session's video call (https only), once normalised. */
export const MAX_VIDEO_URL_CHARS = 500;

/** Why the invited physician declines a session: a few words, never a letter. */
export const MAX_DECLINE_REASON_CHARS = 300;

/** How long before a session's start the calendar file's alarm goes off. */
export const CALENDAR_ALARM_MINUTES = 15;

/** Notes for the minutes on one agenda item. */
export const MAX_NOTES_CHARS = 8000;

/**
 * One section of the employer-safe summary: a few plain sentences on what the
 * employee can and cannot do, never the assessment itself.
 */
export const MAX_SUMMARY_SECTION_CHARS = 4000;

/** One margin comment. */
export const MAX_COMMENT_CHARS = 8000;

/** A comment anchor's end: a Yjs relative position, base64. */
export const MIN_ANCHOR_CHARS = 4;
export const MAX_ANCHOR_CHARS = 2048;

/** The longest quote a thread keeps; a longer stretch is cut and ends in an ellipsis. */
export const MAX_QUOTE_CHARS = 2000;

/** A version's label ("Voor het gesprek met UWV"), once trimmed. */
export const MAX_VERSION_LABEL_CHARS = 200;

/** Notifications one page of `GET /api/notifications` holds at most, and when no `limit` is asked. */
export const MAX_NOTIFICATION_PAGE = 100;
export const DEFAULT_NOTIFICATION_PAGE = 30;

/** Notification ids one `POST /api/notifications/read` may mark at once. */
export const MAX_NOTIFICATION_READ_IDS = 200;

/** An e-mail address for notifications (RFC 5321 allows 254). */
export const MAX_EMAIL_CHARS = 254;

/** A pagination cursor of the notification list, as the server hands it out. */
export const MAX_NOTIFICATION_CURSOR_CHARS = 80;
/** The BA's optional reason for doubting the actueel oordeel before the re-integration report: a sentence or two. */
export const MAX_RIV_DOUBT_REASON_CHARS = 1000;
/** Why the other physician objects to the invited arbeidsdeskundige (optional). */
export const MAX_OBJECTION_REASON_CHARS = 500;

/**
 * When the case page proposes a consultation before a Poortwachter milestone
 * (shared/sessionProposal.ts): the milestone falls due within `windowDays`,
 * and the session is suggested `leadDays` before it, on a working day, at `hour`:00.
 */
export const SESSION_PROPOSAL = { windowDays: 14, leadDays: 3, hour: 10 } as const;
/** Cases per page of the work queue (the case list); search, filters and sorting cover all cases, not one page. */
export const WORK_QUEUE_PAGE_SIZE = 50;

/** The work queue's "mijlpaal binnen 2 weken": a next Poortwachter milestone due at most this many days from today. */
export const MILESTONE_SOON_DAYS = 14;
/** Rows one page of the audit trail holds at most (GET /api/audit?limit=). */
export const MAX_AUDIT_PAGE_ROWS = 200;

/** Rows one CSV export of the audit trail holds at most; a larger period is exported in parts. */
export const MAX_AUDIT_EXPORT_ROWS = 50_000;
