/**
 * The first migrations: documents, users and cases, the case log and its
 * seal, comments and sessions. Shipped: never edit one (server/store/sqlite/migrations.ts).
 */
export const EARLY_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE doc_updates (
    seq  INTEGER PRIMARY KEY AUTOINCREMENT,
    doc  TEXT NOT NULL,
    data BLOB NOT NULL
  );
  CREATE INDEX doc_updates_by_doc ON doc_updates (doc, seq);
  CREATE TABLE doc_snapshots (
    doc  TEXT PRIMARY KEY,
    data BLOB NOT NULL,
    seq  INTEGER NOT NULL
  );
  CREATE TABLE doc_meta (
    doc     TEXT PRIMARY KEY,
    pending INTEGER NOT NULL
  );

  CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL
  );
  CREATE TABLE cases (
    id                 TEXT PRIMARY KEY,
    title              TEXT NOT NULL,
    employee_pseudonym TEXT NOT NULL,
    employer           TEXT NOT NULL,
    first_sick_day     TEXT NOT NULL,
    template_version   INTEGER NOT NULL,
    created_at         TEXT NOT NULL
  );
  CREATE TABLE case_members (
    case_id   TEXT NOT NULL REFERENCES cases (id),
    case_role TEXT NOT NULL,
    user_id   TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (case_id, case_role)
  );
  CREATE INDEX case_members_by_user ON case_members (user_id);
  CREATE TABLE revoked_tokens (
    token_id   TEXT PRIMARY KEY,
    expires_at INTEGER NOT NULL
  );

  CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    user_id    TEXT,
    username   TEXT,
    role       TEXT,
    case_id    TEXT,
    object     TEXT NOT NULL,
    action     TEXT NOT NULL,
    outcome    TEXT NOT NULL,
    detail     TEXT,
    ip         TEXT,
    user_agent TEXT
  );
  CREATE INDEX audit_by_case ON audit_log (case_id, id);
  CREATE INDEX audit_by_user ON audit_log (user_id, id);
  -- The audit trail is append-only (NEN 7513): refuse changes at the lowest level.
  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  `,
  `
  -- REPLACE deletes the row it conflicts with without firing DELETE triggers (unless
  -- recursive_triggers is on), so an INSERT OR REPLACE on an existing id would
  -- silently rewrite an audit row. Refuse any insert that reuses an id.
  CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
    WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  `,
  `
  -- The case event log: append-only and hash-chained (each event holds the hash of the previous one).
  CREATE TABLE case_events (
    case_id   TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    event     TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL,
    PRIMARY KEY (case_id, seq)
  );
  CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
    BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END;
  CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
    BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END;
  -- The current state, derived from the log and written with each event in one transaction.
  CREATE TABLE case_workflow (
    case_id TEXT PRIMARY KEY,
    seq     INTEGER NOT NULL,
    hash    TEXT NOT NULL,
    state   TEXT NOT NULL
  );
  -- Reviewers who hold read access now (derived from the open disputes, written with each event).
  CREATE TABLE case_reviewers (
    case_id    TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    dispute_id TEXT NOT NULL,
    PRIMARY KEY (case_id, user_id, dispute_id)
  );
  CREATE INDEX case_reviewers_by_user ON case_reviewers (user_id);
  `,
  `
  -- Margin comments: threads anchored to text, their comments, and each user's read marks.
  CREATE TABLE comment_threads (
    id              TEXT PRIMARY KEY,
    case_id         TEXT NOT NULL,
    part            TEXT NOT NULL,
    section_id      TEXT NOT NULL,
    anchor_start    TEXT NOT NULL,
    anchor_end      TEXT NOT NULL,
    quote           TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    created_by_name TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    resolved        TEXT
  );
  CREATE INDEX comment_threads_by_case ON comment_threads (case_id, created_at);
  CREATE TABLE comments (
    id          TEXT PRIMARY KEY,
    thread_id   TEXT NOT NULL REFERENCES comment_threads (id),
    author_id   TEXT NOT NULL,
    author_name TEXT NOT NULL,
    text        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    edited_at   TEXT,
    deleted_at  TEXT
  );
  CREATE INDEX comments_by_thread ON comments (thread_id, created_at);
  CREATE TABLE comment_reads (
    user_id   TEXT NOT NULL,
    thread_id TEXT NOT NULL,
    read_at   TEXT NOT NULL,
    PRIMARY KEY (user_id, thread_id)
  );
  `,
  `
  -- The keyed log (docs/security.md): each state row carries a seal, an HMAC with the log key over its head,
  -- its state and its reviewer grants. Rows written before have none (NULL) until the server seals
  -- an intact legacy log once, at boot; legacy_seq counts the events hashed with the bare SHA-256.
  ALTER TABLE case_workflow ADD COLUMN seal_mac TEXT;
  ALTER TABLE case_workflow ADD COLUMN legacy_seq INTEGER NOT NULL DEFAULT 0;
  `,
  `
  -- Versions (docs/domain.md): each document's state at a moment, never changed. The meta columns come
  -- first and the states last, so that listing reads no overflow page of the states.
  -- once_key: an addOnce key (a milestone taken once per case and week); NULLs never conflict.
  CREATE TABLE versions (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT NOT NULL UNIQUE,
    case_id      TEXT NOT NULL,
    at           TEXT NOT NULL,
    week         INTEGER NOT NULL,
    label        TEXT NOT NULL,
    reason       TEXT NOT NULL,
    by_user_id   TEXT,
    by_name      TEXT,
    milestone    INTEGER,
    once_key     TEXT,
    occupational BLOB NOT NULL,
    insurance    BLOB NOT NULL,
    joint        BLOB NOT NULL,
    UNIQUE (case_id, once_key)
  );
  CREATE INDEX versions_by_case ON versions (case_id, at, seq);
  CREATE TRIGGER versions_no_update BEFORE UPDATE ON versions
    BEGIN SELECT RAISE(ABORT, 'versions are immutable'); END;
  CREATE TRIGGER versions_no_delete BEFORE DELETE ON versions
    BEGIN SELECT RAISE(ABORT, 'versions are immutable'); END;
  -- REPLACE deletes the conflicting row without firing DELETE triggers: refuse any insert that would.
  CREATE TRIGGER versions_no_replace BEFORE INSERT ON versions
    WHEN EXISTS (SELECT 1 FROM versions WHERE id = NEW.id OR seq = NEW.seq
                 OR (NEW.once_key IS NOT NULL AND case_id = NEW.case_id AND once_key = NEW.once_key))
    BEGIN SELECT RAISE(ABORT, 'versions are immutable'); END;
  `,
];
