import type { NewSession, SessionEndReason, SessionRecord, SessionStore } from '../sessionPort.ts';
import type { SqliteDatabase } from './openDatabase.ts';

interface SessionRow {
  id: string;
  user_id: string;
  session_version: number;
  created_at: number;
  last_activity_at: number;
  expires_at: number;
  refresh_hash: string;
  amr: string | null;
  ended_at: number | null;
  end_reason: string | null;
}

const toSession = (row: SessionRow): SessionRecord => ({
  id: row.id,
  userId: row.user_id,
  sessionVersion: row.session_version,
  createdAt: row.created_at,
  lastActivityAt: row.last_activity_at,
  expiresAt: row.expires_at,
  refreshHash: row.refresh_hash,
  amr: row.amr === null ? null : (JSON.parse(row.amr) as string[]),
  endedAt: row.ended_at,
  endReason: row.end_reason as SessionEndReason | null,
});

/** Login sessions in the `login_sessions` table (one row per session; each statement is atomic on its own). */
export class SqliteSessionStore implements SessionStore {
  private readonly sql;
  private readonly endAllTx;

  constructor(db: SqliteDatabase) {
    this.sql = {
      insert: db.prepare(
        `INSERT INTO login_sessions (id, user_id, session_version, created_at, last_activity_at, expires_at, refresh_hash, amr)
         VALUES (@id, @userId, @sessionVersion, @createdAt, @lastActivityAt, @expiresAt, @refreshHash, @amr)`,
      ),
      byId: db.prepare<[string], SessionRow>('SELECT * FROM login_sessions WHERE id = ?'),
      rotate: db.prepare<[{ id: string; expected: string; next: string; activityAt: number | null }]>(
        `UPDATE login_sessions SET refresh_hash = @next, last_activity_at = MAX(last_activity_at, COALESCE(@activityAt, last_activity_at))
         WHERE id = @id AND refresh_hash = @expected AND ended_at IS NULL`,
      ),
      end: db.prepare<[number, string, string]>('UPDATE login_sessions SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL'),
      openOf: db.prepare<[string], SessionRow>('SELECT * FROM login_sessions WHERE user_id = ? AND ended_at IS NULL ORDER BY created_at, id'),
      lapsed: db.prepare<[number, number, number], SessionRow>(
        'SELECT * FROM login_sessions WHERE ended_at IS NULL AND (last_activity_at <= ? OR expires_at <= ?) ORDER BY expires_at LIMIT ?',
      ),
      purge: db.prepare<[number]>('DELETE FROM login_sessions WHERE expires_at <= ?'),
    };
    this.endAllTx = db.transaction((userId: string, reason: SessionEndReason, at: number) => {
      const ids = this.sql.openOf.all(userId).map((row) => row.id);
      for (const id of ids) this.sql.end.run(at, reason, id);
      return ids;
    });
  }

  async create(session: NewSession): Promise<void> {
    this.sql.insert.run({ ...session, amr: session.amr === null ? null : JSON.stringify(session.amr) });
  }

  async find(id: string): Promise<SessionRecord | null> {
    const row = this.sql.byId.get(id);
    return row ? toSession(row) : null;
  }

  async rotate(id: string, expectedHash: string, nextHash: string, activityAt: number | null): Promise<boolean> {
    return this.sql.rotate.run({ id, expected: expectedHash, next: nextHash, activityAt }).changes === 1;
  }

  async end(id: string, reason: SessionEndReason, at: number): Promise<boolean> {
    return this.sql.end.run(at, reason, id).changes === 1;
  }

  async endAllOf(userId: string, reason: SessionEndReason, at: number): Promise<string[]> {
    return this.endAllTx(userId, reason, at);
  }

  async openOf(userId: string): Promise<SessionRecord[]> {
    return this.sql.openOf.all(userId).map(toSession);
  }

  async lapsed(idleBefore: number, now: number, limit: number): Promise<SessionRecord[]> {
    return this.sql.lapsed.all(idleBefore, now, limit).map(toSession);
  }

  async purge(before: number): Promise<number> {
    return this.sql.purge.run(before).changes;
  }
}
