import type { Logger } from 'pino';
import * as Y from 'yjs';
import { formatDocName, type DocPart } from '../shared/docNames.ts';
import { QUALIFIERS_MAP } from '../shared/qualifiers.ts';
import { TEMPLATE_V1 } from '../shared/template/shipped.ts';
import { gradedScaleOf, templateSections } from '../shared/template/index.ts';
import { Audit, type AuditActor } from '../server/audit/Audit.ts';
import { hashPassword } from '../server/auth/passwords.ts';
import { createCase } from '../server/commands/createCase.ts';
import { seedDemo } from '../server/seed.ts';
import type { Stores } from '../server/store/ports.ts';
import { BENCH_PASSWORD, type Physician } from './accounts.ts';

/**
 * The open-case benchmark's data: one case whose every section of the
 * template is written by both physicians (about WORDS_PER_SECTION words each,
 * in paragraphs of PARAGRAPH_WORDS), with a qualifier where the section has a
 * scale, and a shorter joint draft — written straight into the document store
 * before the server starts, shaped as the editor writes it (one Y.XmlFragment
 * per section holding `paragraph` elements with their Y.XmlText).
 */
const ACTOR: AuditActor = { userId: null, username: 'bench', role: 'admin', ip: 'bench', userAgent: 'bench' };
export const OPEN_CASE_ID = 'opencase';
export const WORDS_PER_SECTION = 84;
const JOINT_WORDS_PER_SECTION = 30;
const PARAGRAPH_WORDS = 28;
const VOCABULARY = (
  'werknemer kan gedurende de werkdag zich concentreren op taken maar ervaart na ongeveer twee uur vermoeidheid en ' +
  'hoofdpijn waardoor pauzes nodig zijn belastbaarheid neemt toe bij een vaste structuur en duidelijke afspraken met ' +
  'de leidinggevende over werktijden tempo en verantwoordelijkheden het herstel verloopt geleidelijk volgens het plan'
).split(' ');

export interface OpenCaseSeed {
  ba: Physician;
  va: Physician;
  caseId: string;
  sections: number;
  /** Words per physician over all sections. */
  wordsPerPhysician: number;
}

/** Words of the text for one section and one writer: varied, deterministic. */
export function sectionText(seed: number, words: number): string {
  return Array.from({ length: words }, (_, i) => VOCABULARY[(seed * 7 + i * 5 + Math.floor(i / VOCABULARY.length)) % VOCABULARY.length]).join(' ');
}

/** One section's text as the editor writes it: paragraphs of PARAGRAPH_WORDS words. */
function writeSection(doc: Y.Doc, section: string, text: string): void {
  const words = text.split(' ');
  const paragraphs: Y.XmlElement[] = [];
  for (let start = 0; start < words.length; start += PARAGRAPH_WORDS) {
    const paragraph = new Y.XmlElement('paragraph');
    const content = new Y.XmlText();
    content.insert(0, `${words.slice(start, start + PARAGRAPH_WORDS).join(' ')}.`);
    paragraph.insert(0, [content]);
    paragraphs.push(paragraph);
  }
  doc.getXmlFragment(section).insert(0, paragraphs);
}

/** One document of the case: every section, and the qualifiers where a section has a scale. */
function documentUpdate(variant: number, words: number): Uint8Array {
  const doc = new Y.Doc();
  templateSections(TEMPLATE_V1).forEach((section, i) => {
    writeSection(doc, section.id, sectionText(i + variant * 11, words));
    if (gradedScaleOf(section)) doc.getMap(QUALIFIERS_MAP).set(section.id, String((i + variant) % 4));
  });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** The two physicians, the case and its three documents, into the store. */
export async function provisionOpenCase(stores: Stores, log: Logger): Promise<OpenCaseSeed> {
  await seedDemo(stores);
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const [ba, va] = await Promise.all(
    (
      [
        ['bench.open.ba', 'bedrijfsarts'],
        ['bench.open.va', 'verzekeringsarts'],
      ] as const
    ).map(async ([username, role]) => {
      const user = await stores.records.createUser({ id: crypto.randomUUID(), username, name: username, role, passwordHash });
      return { userId: user.id, username: user.username, role: user.role };
    }),
  );
  await createCase(
    { records: stores.records, audit: new Audit(stores.audit, log), templates: stores.templates },
    ACTOR,
    {
      title: 'Dossier open',
      employeePseudonym: 'WN-O-0001',
      employer: 'Zorggroep West',
      firstSickDay: new Date(Date.now() - 200 * 86_400_000).toISOString().slice(0, 10),
      ba: ba!.username,
      va: va!.username,
    },
    OPEN_CASE_ID,
  );
  const parts: [DocPart, number][] = [
    ['occupational', WORDS_PER_SECTION],
    ['insurance', WORDS_PER_SECTION],
    ['joint', JOINT_WORDS_PER_SECTION],
  ];
  for (const [variant, [part, words]] of parts.entries())
    await stores.docs.append(formatDocName({ caseId: OPEN_CASE_ID, part }), [documentUpdate(variant, words)]);
  const sections = templateSections(TEMPLATE_V1).length;
  return { ba: ba!, va: va!, caseId: OPEN_CASE_ID, sections, wordsPerPhysician: sections * WORDS_PER_SECTION };
}
