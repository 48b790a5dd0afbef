/**
 * Schema migrations, applied in order; PRAGMA user_version counts how many ran.
 * Never edit a migration that has shipped: append a new one.
 */
import { EARLY_MIGRATIONS } from './earlyMigrations.ts';

export const MIGRATIONS: readonly string[] = [
  ...EARLY_MIGRATIONS,
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
  `
  -- The invited labour expert's cases, for their case list: the state row names them (docs/domain.md).
  CREATE INDEX case_workflow_by_labour_expert ON case_workflow (json_extract(state, '$.labourExpert.userId'))
    WHERE json_extract(state, '$.labourExpert.userId') IS NOT NULL;
  `,
];
