import type { CaseDetail, PublicUser } from '../../../shared/api.ts';
import { parsePendingRecord } from '../collab/changedSections.ts';

/**
 * What the browser keeps so that a physician can go on working offline: the
 * session's user, the case records they opened, the documents (IndexedDB,
 * y-indexeddb) and a count of unconfirmed changes per document. Everything is
 * keyed by user, so one browser never shows one user another user's cache,
 * and it is removed at logout.
 */
const PREFIX = 'cw:';

export function localCacheName(userId: string, docName: string): string {
  return `${PREFIX}${userId}:${docName}`;
}

export function pendingKey(userId: string, docName: string): string {
  return `${PREFIX}pending:${userId}:${docName}`;
}

const SESSION_KEY = `${PREFIX}session`;
const caseKey = (userId: string, caseId: string) => `${PREFIX}case:${userId}:${caseId}`;

export interface CachedSession {
  user: PublicUser;
  /** Seconds since the epoch at which the session token expires. */
  expiresAt: number;
}

export function rememberSession(session: CachedSession): void {
  localStorage.setItem(SESSION_KEY, JSON.stringify(session));
}

export function forgetSession(): void {
  localStorage.removeItem(SESSION_KEY);
}

/** The last session, when it has not expired: good enough to work offline until the server is back. */
export function cachedSession(): CachedSession | null {
  try {
    const session = JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null') as CachedSession | null;
    return session && session.expiresAt * 1000 > Date.now() ? session : null;
  } catch {
    return null;
  }
}

export function rememberCase(userId: string, detail: CaseDetail): void {
  localStorage.setItem(caseKey(userId, detail.id), JSON.stringify(detail));
}

export function cachedCase(userId: string, caseId: string): CaseDetail | null {
  try {
    return JSON.parse(localStorage.getItem(caseKey(userId, caseId)) ?? 'null') as CaseDetail | null;
  } catch {
    return null;
  }
}

/** Changes of this user not yet confirmed by the server, over all documents. */
export function pendingChanges(userId: string): number {
  let total = 0;
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key?.startsWith(`${PREFIX}pending:${userId}:`)) total += parsePendingRecord(localStorage.getItem(key)).changes;
  }
  return total;
}

/**
 * Removes what this browser kept of one case for one user: when a reviewer's
 * access ends, their copies of the case's text must not stay behind.
 */
export async function forgetCase(userId: string, caseId: string): Promise<void> {
  const docPrefix = localCacheName(userId, `cases/${caseId}/`);
  localStorage.removeItem(caseKey(userId, caseId));
  const keys: string[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key?.startsWith(pendingKey(userId, `cases/${caseId}/`))) keys.push(key);
  }
  for (const key of keys) localStorage.removeItem(key);
  await deleteDatabases((name) => name.startsWith(docPrefix));
}

/** Removes everything this browser kept: at logout, medical text must not stay behind. */
export async function forgetLocalData(): Promise<void> {
  const keys: string[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  for (const key of keys) localStorage.removeItem(key);
  await deleteDatabases((name) => name.startsWith(PREFIX));
}

async function deleteDatabases(which: (name: string) => boolean): Promise<void> {
  const databases = (await indexedDB.databases?.()) ?? [];
  await Promise.all(
    databases
      .filter((db) => db.name !== undefined && which(db.name))
      .map(
        (db) =>
          new Promise<void>((resolve) => {
            const request = indexedDB.deleteDatabase(db.name!);
            request.onsuccess = request.onerror = request.onblocked = () => resolve();
          }),
      ),
  );
}
