import type { NewSession, SessionEndReason, SessionRecord, SessionStore } from '../sessionPort.ts';

/** Login sessions in this process (tests, STORE=memory). */
export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, SessionRecord>();

  async create(session: NewSession): Promise<void> {
    if (this.sessions.has(session.id)) throw new Error(`session ${session.id} exists`);
    this.sessions.set(session.id, { ...session, endedAt: null, endReason: null });
  }

  async find(id: string): Promise<SessionRecord | null> {
    const session = this.sessions.get(id);
    return session ? { ...session } : null;
  }

  async rotate(id: string, expectedHash: string, nextHash: string, activityAt: number | null): Promise<boolean> {
    const session = this.sessions.get(id);
    if (!session || session.endedAt !== null || session.refreshHash !== expectedHash) return false;
    session.refreshHash = nextHash;
    if (activityAt !== null) session.lastActivityAt = Math.max(session.lastActivityAt, activityAt);
    return true;
  }

  async end(id: string, reason: SessionEndReason, at: number): Promise<boolean> {
    const session = this.sessions.get(id);
    if (!session || session.endedAt !== null) return false;
    session.endedAt = at;
    session.endReason = reason;
    return true;
  }

  async endAllOf(userId: string, reason: SessionEndReason, at: number): Promise<string[]> {
    const ended: string[] = [];
    for (const session of await this.openOf(userId)) if (await this.end(session.id, reason, at)) ended.push(session.id);
    return ended;
  }

  async openOf(userId: string): Promise<SessionRecord[]> {
    return [...this.sessions.values()]
      .filter((s) => s.userId === userId && s.endedAt === null)
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((s) => ({ ...s }));
  }

  async lapsed(idleBefore: number, now: number, limit: number): Promise<SessionRecord[]> {
    return [...this.sessions.values()]
      .filter((s) => s.endedAt === null && (s.lastActivityAt <= idleBefore || s.expiresAt <= now))
      .slice(0, limit)
      .map((s) => ({ ...s }));
  }

  async purge(before: number): Promise<number> {
    let removed = 0;
    for (const [id, session] of this.sessions) {
      if (session.expiresAt > before) continue;
      this.sessions.delete(id);
      removed++;
    }
    return removed;
  }
}
