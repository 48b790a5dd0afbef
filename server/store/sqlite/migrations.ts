/**
 * Schema migrations, applied in order; PRAGMA user_version counts how many ran.
 * Never edit a migration that has shipped: append a new one.
 */
export const MIGRATIONS: readonly string[] = [
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
  `
  -- The employer-safe summary (docs/domain.md): the BA's current draft per case, and the releases given to
  -- the employer, numbered 1, 2, … per case and never changed. Sections are JSON: section id -> plain text.
  CREATE TABLE employer_summary_drafts (
    case_id         TEXT PRIMARY KEY,
    sections        TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    updated_by      TEXT NOT NULL,
    updated_by_name TEXT NOT NULL
  );
  CREATE TABLE employer_summary_releases (
    case_id          TEXT NOT NULL,
    version          INTEGER NOT NULL,
    released_at      TEXT NOT NULL,
    released_by      TEXT NOT NULL,
    released_by_name TEXT NOT NULL,
    sections         TEXT NOT NULL,
    PRIMARY KEY (case_id, version)
  );
  CREATE TRIGGER employer_summary_releases_no_update BEFORE UPDATE ON employer_summary_releases
    BEGIN SELECT RAISE(ABORT, 'employer summary releases are immutable'); END;
  CREATE TRIGGER employer_summary_releases_no_delete BEFORE DELETE ON employer_summary_releases
    BEGIN SELECT RAISE(ABORT, 'employer summary releases are immutable'); END;
  -- REPLACE deletes the conflicting row without firing DELETE triggers: refuse any insert that would.
  CREATE TRIGGER employer_summary_releases_no_replace BEFORE INSERT ON employer_summary_releases
    WHEN EXISTS (SELECT 1 FROM employer_summary_releases WHERE case_id = NEW.case_id AND version = NEW.version)
    BEGIN SELECT RAISE(ABORT, 'employer summary releases are immutable'); END;
  `,
  `
  -- Notifications (docs/domain.md#notifications): per recipient, ids, the kind, a section id and the actor's
  -- name and role only, never the text of the event. Ids sort in the order of the event's time.
  CREATE TABLE notifications (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL,
    case_id    TEXT NOT NULL,
    kind       TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    actor_role TEXT NOT NULL,
    section    TEXT,
    at         TEXT NOT NULL,
    read_at    TEXT
  );
  CREATE INDEX notifications_by_user ON notifications (user_id, id);
  CREATE INDEX notifications_unread ON notifications (user_id, case_id) WHERE read_at IS NULL;
  -- Each user's e-mail choice, and when their last daily digest went (the compare-and-set of the digest job).
  CREATE TABLE notification_settings (
    user_id        TEXT PRIMARY KEY,
    email          TEXT,
    mode           TEXT NOT NULL,
    digest_hour    INTEGER NOT NULL,
    language       TEXT NOT NULL,
    last_digest_at TEXT
  );
  `,
  `
  -- Accounts an administrator deactivated (docs/security.md) and the count of times all of an
  -- account's sessions were ended: a token issued under an older count is refused.
  ALTER TABLE users ADD COLUMN deactivated_at TEXT;
  ALTER TABLE users ADD COLUMN session_version INTEGER NOT NULL DEFAULT 0;
  `,
  `
  -- Organisations (docs/domain.md#organisations): each owns its accounts. The accounts made before
  -- them move into the default organisation, and its administrators keep managing every account
  -- (platform administrators). oidc: the issuer settings as JSON, or NULL.
  CREATE TABLE organisations (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    kind         TEXT NOT NULL,
    mfa_required INTEGER NOT NULL DEFAULT 0,
    oidc         TEXT,
    created_at   TEXT NOT NULL
  );
  INSERT INTO organisations (id, name, kind, mfa_required, oidc, created_at)
    VALUES ('default', 'Standaardorganisatie', 'arbodienst', 0, NULL, '1970-01-01T00:00:00.000Z');
  -- (SQLite cannot add a REFERENCES column with a default while foreign keys are on: the commands check it.)
  ALTER TABLE users ADD COLUMN organisation_id TEXT NOT NULL DEFAULT 'default';
  ALTER TABLE users ADD COLUMN platform_admin INTEGER NOT NULL DEFAULT 0;
  UPDATE users SET platform_admin = 1 WHERE role = 'admin';
  CREATE INDEX users_by_organisation ON users (organisation_id, username);
  -- The audit trail records the actor's organisation (NULL for rows written before, and without an account).
  ALTER TABLE audit_log ADD COLUMN organisation_id TEXT;
  CREATE INDEX audit_by_organisation ON audit_log (organisation_id, id);
  `,
  `
  -- Second factor of local accounts (docs/security.md#second-factor): one TOTP factor per account, its
  -- secret sealed by the server (never plain), confirmed_at NULL while the enrolment is open, the last
  -- time step a code was accepted for (a replayed code is refused), and the hashes of the unused
  -- one-time recovery codes.
  CREATE TABLE totp_factors (
    user_id        TEXT PRIMARY KEY,
    sealed_secret  TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    confirmed_at   TEXT,
    last_time_step INTEGER
  );
  CREATE TABLE totp_recovery_codes (
    user_id   TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    PRIMARY KEY (user_id, code_hash)
  );
  `,
  `
  -- Login sessions (docs/security.md, "Sessions that refresh"): one row per login, with the hash of its
  -- current refresh token (never the token) and how the login was earned (amr, JSON). Times in milliseconds since the epoch.
  CREATE TABLE login_sessions (
    id               TEXT PRIMARY KEY,
    user_id          TEXT NOT NULL,
    session_version  INTEGER NOT NULL,
    created_at       INTEGER NOT NULL,
    last_activity_at INTEGER NOT NULL,
    expires_at       INTEGER NOT NULL,
    refresh_hash     TEXT NOT NULL,
    amr              TEXT,
    ended_at         INTEGER,
    end_reason       TEXT
  );
  CREATE INDEX login_sessions_by_user ON login_sessions (user_id) WHERE ended_at IS NULL;
  CREATE INDEX login_sessions_open_activity ON login_sessions (last_activity_at) WHERE ended_at IS NULL;
  CREATE INDEX login_sessions_open_expiry ON login_sessions (expires_at);
  `,
  `
  -- Template versions an operator imported (docs/templates.md), as JSON; the shipped ones live in the
  -- repository. A version never changes once imported.
  CREATE TABLE templates (
    version     INTEGER PRIMARY KEY,
    body        TEXT NOT NULL,
    imported_at TEXT NOT NULL
  );
  CREATE TRIGGER templates_no_update BEFORE UPDATE ON templates
    BEGIN SELECT RAISE(ABORT, 'template versions are immutable'); END;
  CREATE TRIGGER templates_no_delete BEFORE DELETE ON templates
    BEGIN SELECT RAISE(ABORT, 'template versions are immutable'); END;
  `,
];
