import fc from 'fast-check';
import { expect } from 'vitest';
import * as Y from 'yjs';
import type { StoredDoc } from '../../server/store/ports.ts';

/**
 * A Yjs document shaped like the Tiptap editor writes it: one Y.XmlFragment per
 * assessment section holding `paragraph` elements with formatted Y.XmlText.
 * Edits carry raw numbers that are reduced to valid positions when applied, so
 * every generated sequence is a valid editing session.
 */

export const SECTIONS = ['d240', 'd430', 'joint'] as const;
const MARKS = ['bold', 'italic'] as const;
const ALIGNMENTS = ['left', 'center', 'right'] as const;

export type Edit =
  | { kind: 'addParagraph'; section: number; at: number; text: string }
  | { kind: 'removeParagraph'; section: number; at: number }
  | { kind: 'insertText'; section: number; paragraph: number; at: number; text: string; bold: boolean }
  | { kind: 'deleteText'; section: number; paragraph: number; at: number; length: number }
  | { kind: 'format'; section: number; paragraph: number; at: number; length: number; mark: (typeof MARKS)[number]; on: boolean }
  | { kind: 'align'; section: number; paragraph: number; align: (typeof ALIGNMENTS)[number] };

/** One edit by one of several editors; `sync` pulls in what the others wrote so far. */
export interface Step {
  editor: number;
  edit: Edit;
  sync: boolean;
}

const text = fc.string({ unit: fc.constantFrom(...'abcdefgh ijkl.éüß€漢'), minLength: 1, maxLength: 12 });
const pos = fc.nat({ max: 1000 });
const section = fc.nat({ max: SECTIONS.length - 1 });

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('addParagraph' as const), section, at: pos, text }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('removeParagraph' as const), section, at: pos }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant('insertText' as const), section, paragraph: pos, at: pos, text, bold: fc.boolean() }),
    weight: 5,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('deleteText' as const), section, paragraph: pos, at: pos, length: fc.integer({ min: 1, max: 6 }) }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('format' as const),
      section,
      paragraph: pos,
      at: pos,
      length: fc.integer({ min: 1, max: 8 }),
      mark: fc.constantFrom(...MARKS),
      on: fc.boolean(),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant('align' as const), section, paragraph: pos, align: fc.constantFrom(...ALIGNMENTS) }), weight: 1 },
);

export const editingSession = (editors: number, maxSteps: number): fc.Arbitrary<Step[]> =>
  fc.array(fc.record({ editor: fc.nat({ max: editors - 1 }), edit, sync: fc.boolean() }), { minLength: 1, maxLength: maxSteps, size: 'max' });

function paragraph(content: string): Y.XmlElement {
  const element = new Y.XmlElement('paragraph');
  const body = new Y.XmlText();
  body.insert(0, content);
  element.insert(0, [body]);
  return element;
}

/** The paragraph's text, or null when the section has no paragraph yet. */
function paragraphAt(fragment: Y.XmlFragment, index: number): { element: Y.XmlElement; body: Y.XmlText } | null {
  if (fragment.length === 0) return null;
  const element = fragment.get(index % fragment.length);
  if (!(element instanceof Y.XmlElement)) return null;
  const body = element.get(0);
  return body instanceof Y.XmlText ? { element, body } : null;
}

export function applyEdit(doc: Y.Doc, edit: Edit): void {
  const fragment = doc.getXmlFragment(SECTIONS[edit.section]!);
  doc.transact(() => {
    switch (edit.kind) {
      case 'addParagraph':
        fragment.insert(edit.at % (fragment.length + 1), [paragraph(edit.text)]);
        return;
      case 'removeParagraph':
        if (fragment.length > 0) fragment.delete(edit.at % fragment.length, 1);
        return;
      case 'insertText': {
        const target = paragraphAt(fragment, edit.paragraph);
        target?.body.insert(edit.at % (target.body.length + 1), edit.text, edit.bold ? { bold: true } : {});
        return;
      }
      case 'deleteText': {
        const target = paragraphAt(fragment, edit.paragraph);
        if (!target || target.body.length === 0) return;
        const at = edit.at % target.body.length;
        target.body.delete(at, Math.min(edit.length, target.body.length - at));
        return;
      }
      case 'format': {
        const target = paragraphAt(fragment, edit.paragraph);
        if (!target || target.body.length === 0) return;
        const at = edit.at % target.body.length;
        target.body.format(at, Math.min(edit.length, target.body.length - at), { [edit.mark]: edit.on ? true : null });
        return;
      }
      case 'align':
        paragraphAt(fragment, edit.paragraph)?.element.setAttribute('textAlign', edit.align);
        return;
      default: {
        const unknown: never = edit;
        throw new Error(`unknown edit ${JSON.stringify(unknown)}`);
      }
    }
  });
}

/**
 * Plays a session with several editors and returns every update in the order a
 * relay would have received them. Every section starts with one paragraph that
 * all editors have; after that an editor only sees others' work when it syncs,
 * so the log holds genuinely concurrent updates.
 */
export function recordSession(steps: Step[], editors: number): Uint8Array[] {
  const log: Uint8Array[] = [];
  const seen: number[] = [];
  const docs = Array.from({ length: editors }, (_, i) => {
    const doc = new Y.Doc();
    doc.clientID = i + 1;
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'relay') log.push(update);
    });
    seen.push(0);
    return doc;
  });
  SECTIONS.forEach((_, section) => applyEdit(docs[0]!, { kind: 'addParagraph', section, at: 0, text: 'Start. ' }));
  for (const [i, doc] of docs.entries()) {
    for (const update of log) if (i > 0) Y.applyUpdate(doc, update, 'relay');
    seen[i] = log.length;
  }
  for (const step of steps) {
    const doc = docs[step.editor]!;
    applyEdit(doc, step.edit);
    if (step.sync) {
      for (const update of log.slice(seen[step.editor])) Y.applyUpdate(doc, update, 'relay');
      seen[step.editor] = log.length;
    }
  }
  for (const doc of docs) doc.destroy();
  return log;
}

/** Rebuilds a document from what the store returned, as the relay does on load. */
export function reconstruct(stored: StoredDoc): Y.Doc {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc;
}

export function docFromUpdates(updates: Uint8Array[]): Y.Doc {
  return reconstruct({ snapshot: null, updates, seq: 0 });
}

/**
 * Same sections, same state vector, same deletions: the two documents are one state.
 * Their `encodeStateAsUpdate` bytes may still differ, because garbage-collected ranges
 * merge differently depending on the order updates were applied, so the state is
 * compared through the state vector and the delete set (`equalSnapshots`), and by
 * checking that neither side has anything to send the other.
 */
export function expectSameContent(actual: Y.Doc, expected: Y.Doc): void {
  for (const name of SECTIONS) {
    expect(actual.getXmlFragment(name).toJSON(), `section ${name}`).toBe(expected.getXmlFragment(name).toJSON());
  }
  expect(Y.encodeStateVector(actual)).toEqual(Y.encodeStateVector(expected));
  expect(Y.equalSnapshots(Y.snapshot(actual), Y.snapshot(expected))).toBe(true);
  expectNothingNew(Y.encodeStateAsUpdate(actual), expected);
  expectNothingNew(Y.encodeStateAsUpdate(expected), actual);
}

/** Applying `update` to a copy of `doc` changes neither its state vector nor its deletions. */
function expectNothingNew(update: Uint8Array, doc: Y.Doc): void {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const before = Y.snapshot(copy);
  Y.applyUpdate(copy, update);
  expect(Y.equalSnapshots(Y.snapshot(copy), before)).toBe(true);
  copy.destroy();
}
