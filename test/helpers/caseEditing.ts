import * as Y from 'yjs';
import { localDate } from '../../shared/sickness.ts';
import { QUALIFIERS_MAP } from '../../shared/qualifiers.ts';
import { writeDoc } from './docWriter.ts';
import { api } from './http.ts';
import type { TestServer } from './testServer.ts';

/** A fresh case of ba.demo and va.demo whose first sick day lies `daysAgo` days back. */
export async function createCase(server: TestServer, adminToken: string, daysAgo: number): Promise<string> {
  // Calendar arithmetic on today's local date, so that a DST change in between cannot shift the day.
  const day = new Date(`${localDate(new Date())}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - daysAgo);
  const firstSickDay = day.toISOString().slice(0, 10);
  const created = await api(server.url, 'POST', '/api/cases', {
    token: adminToken,
    body: { title: 'Versies', employeePseudonym: 'WN-V', employer: 'Werkgever', firstSickDay, ba: 'ba.demo', va: 'va.demo' },
  });
  if (created.status !== 201) throw new Error(`create case: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.id as string;
}

/** Edits one of a case's documents through the stock provider and waits until it is stored (docWriter.ts). */
export const editDoc = writeDoc;

/** Replaces a section with these paragraphs and sets its qualifier (null: none). */
export function writeSection(doc: Y.Doc, section: string, paragraphs: string[], qualifier: string | null): void {
  const fragment = doc.getXmlFragment(section);
  if (fragment.length > 0) fragment.delete(0, fragment.length);
  fragment.insert(
    0,
    paragraphs.map((words) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(words)]);
      return paragraph;
    }),
  );
  if (qualifier !== null) doc.getMap(QUALIFIERS_MAP).set(section, qualifier);
}
