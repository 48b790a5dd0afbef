import { io, type Socket } from 'socket.io-client';
import type { AdminCase, AdminUser, AuditPageResponse, AuditRow } from '../../shared/admin.ts';
import { RealtimeEvent, type AuthEnded, type JoinResult } from '../../shared/realtime.ts';
import { api, type JsonResponse } from './http.ts';
import type { TestServer } from './testServer.ts';

/** An administrator driving the admin API, as the admin screens do. */
export class AdminClient {
  constructor(
    readonly server: TestServer,
    readonly token: string,
  ) {}

  call<T = unknown>(method: string, path: string, body?: unknown): Promise<JsonResponse<T & { error?: { id: string; field?: string } }>> {
    return api(this.server.url, method, path, { token: this.token, ...(body === undefined ? {} : { body }) });
  }

  async createUser(username: string, role: AdminUser['role'], password = 'Zonnebloem-veld-42'): Promise<AdminUser> {
    const created = await this.call<AdminUser>('POST', '/api/users', { username, name: `Dr. ${username}`, role, password });
    if (created.status !== 201) throw new Error(`create user ${username}: ${created.status} ${JSON.stringify(created.body)}`);
    return (await this.users()).find((user) => user.username === username)!;
  }

  async users(): Promise<AdminUser[]> {
    return (await this.call<AdminUser[]>('GET', '/api/admin/users')).body;
  }

  async createCase(ba: string, va: string, title = 'Beheer'): Promise<string> {
    const body = { title, employeePseudonym: 'WN-ADM', employer: 'Werkgever B.V.', firstSickDay: '2026-01-05', ba, va };
    const created = await this.call<{ id: string }>('POST', '/api/cases', body);
    if (created.status !== 201) throw new Error(`create case: ${created.status} ${JSON.stringify(created.body)}`);
    return created.body.id;
  }

  assign(caseId: string, caseRole: 'ba' | 'va', userId: string) {
    return this.call<AdminCase>('PUT', `/api/cases/${caseId}/members/${caseRole}`, { userId });
  }

  audit(query: Record<string, string>) {
    return this.call<AuditPageResponse>('GET', `/api/audit?${new URLSearchParams(query)}`);
  }

  /** Every row of a filter, walking the pages of `limit` rows. */
  async auditPages(query: Record<string, string>, limit: number): Promise<{ rows: AuditRow[]; pages: number }> {
    const rows: AuditRow[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await this.audit({ ...query, limit: String(limit), ...(cursor ? { cursor } : {}) });
      if (page.status !== 200) throw new Error(`audit page: ${page.status} ${JSON.stringify(page.body)}`);
      rows.push(...page.body.rows);
      cursor = page.body.next;
      pages++;
    } while (cursor);
    return { rows, pages };
  }
}

/** A socket.io client as a page holds it, collecting the ends it is told of. */
export interface HeldSocket {
  socket: Socket;
  revoked: string[];
  ended: AuthEnded[];
  disconnected: Promise<string>;
  join(caseId: string): Promise<JoinResult>;
}

export async function holdSocket(url: string, token: string): Promise<HeldSocket> {
  const socket = io(url, { path: '/socket.io', transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
  const held: HeldSocket = {
    socket,
    revoked: [],
    ended: [],
    disconnected: new Promise<string>((resolve) => socket.once('disconnect', resolve)),
    join: (caseId) => socket.emitWithAck(RealtimeEvent.join, caseId) as Promise<JoinResult>,
  };
  socket.on(RealtimeEvent.revoked, ({ caseId }: { caseId: string }) => held.revoked.push(caseId));
  socket.on(RealtimeEvent.authEnded, (message: AuthEnded) => held.ended.push(message));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return held;
}
