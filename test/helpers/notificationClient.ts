import { formatDocName } from '../../shared/docNames.ts';
import type { NotificationList, NotificationSettings, UnreadCounts } from '../../shared/notifications.ts';
import { anchorOf, connectDoc, typeInto } from './collabClient.ts';
import { api } from './http.ts';
import type { TestServer } from './testServer.ts';
import { waitFor } from './waitFor.ts';
import { WorkflowClient } from './workflowClient.ts';

type Error = { error?: { id: string; field?: string } };

/** The notification routes as one logged-in user calls them. */
export function notificationsOf(server: TestServer, token: string) {
  return {
    list: (query = '') => api<NotificationList & Error>(server.url, 'GET', `/api/notifications${query}`, { token }),
    read: (body: unknown) => api<UnreadCounts & Error>(server.url, 'POST', '/api/notifications/read', { token, body }),
    settings: () => api<NotificationSettings & Error>(server.url, 'GET', '/api/notification-settings', { token }),
    putSettings: (body: unknown) => api<NotificationSettings & Error>(server.url, 'PUT', '/api/notification-settings', { token, body }),
  };
}

export type Who = 'ba' | 'va' | 'reviewer' | 'outsider';
export const EVERYONE: readonly Who[] = ['ba', 'va', 'reviewer', 'outsider'];

export interface NewCaseFields {
  title: string;
  employeePseudonym: string;
  employer: string;
}

/** A fresh case of ba.demo and va.demo, made by the administrator, with a workflow client per user. */
export async function newCase(
  server: TestServer,
  tokens: Record<Who | 'admin', string>,
  fields: NewCaseFields = { title: 'Meldingen', employeePseudonym: 'WN-N', employer: 'Werkgever' },
): Promise<Record<Who, WorkflowClient>> {
  const created = await api(server.url, 'POST', '/api/cases', {
    token: tokens.admin,
    body: { ...fields, firstSickDay: '2026-05-01', ba: 'ba.demo', va: 'va.demo' },
  });
  if (created.status !== 201) throw new Error(`case: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  return Object.fromEntries(EVERYONE.map((who) => [who, new WorkflowClient(server, tokens[who], id)])) as Record<Who, WorkflowClient>;
}

/** Logs in every demo user this suite uses. */
export async function loginAll(server: TestServer): Promise<Record<Who | 'admin', string>> {
  const tokens = {} as Record<Who | 'admin', string>;
  for (const who of [...EVERYONE, 'admin'] as const) tokens[who] = await server.login(`${who}.demo`);
  return tokens;
}

/**
 * The BA types `sectionText` into their column of section d240 and the VA
 * comments `comment` on its first word, as the browsers would (the relay, then
 * the threads route). Resolves with the thread route's status.
 */
export async function vaComments(server: TestServer, tokens: Record<Who, string>, caseId: string, sectionText: string, comment: string): Promise<number> {
  const name = formatDocName({ caseId, part: 'occupational' });
  const writer = connectDoc(server.collabUrl, name, tokens.ba);
  const reader = connectDoc(server.collabUrl, name, tokens.va);
  try {
    await Promise.all([writer.synced(), reader.synced()]);
    typeInto(writer.doc, 'd240', sectionText);
    await waitFor(() => reader.doc.getXmlFragment('d240').toString().includes(sectionText), { what: 'the text at the VA' });
    const words = sectionText.split(' ')[0]!;
    const body = { part: 'occupational', sectionId: 'd240', anchor: anchorOf(reader.doc, 'd240', words), quote: words, text: comment };
    return (await api(server.url, 'POST', `/api/cases/${caseId}/threads`, { token: tokens.va, body })).status;
  } finally {
    writer.destroy();
    reader.destroy();
  }
}
