import * as Y from 'yjs';
import { quoteOf, type CommentAnchor } from '../../shared/comments.ts';
import { DOC_PARTS, formatDocName, type DocPart } from '../../shared/docNames.ts';
import { QUALIFIERS_MAP } from '../../shared/qualifiers.ts';
import { sectionText } from '../../shared/workflow/sectionText.ts';
import type { DraftSnapshot } from '../../shared/workflow/types.ts';
import type { AnchorQuote, ConnectionControl, DocumentGate, DocumentReader } from '../commands/deps.ts';
import { sha256 } from '../workflow/eventChain.ts';
import type { CollabServer } from './CollabServer.ts';
import { partOf } from './versionContent.ts';

/**
 * The ports commands use of the collaboration relay (server/commands/deps.ts),
 * on top of a CollabServer: every Yjs mechanic commands need lives here.
 */
export function collabPorts(collab: CollabServer): { documents: DocumentReader; gate: DocumentGate; connections: ConnectionControl } {
  const read = <T>(caseId: string, part: DocPart, fn: (doc: Y.Doc) => T) => collab.registry.read(formatDocName({ caseId, part }), fn);
  return {
    documents: {
      async positionsOf(caseId, sectionIds) {
        const positions = (doc: Y.Doc) => sectionIds.map((id) => ({ text: sectionText(doc, id), qualifier: qualifierOf(doc, id) }));
        const [ba, va] = await Promise.all([read(caseId, 'occupational', positions), read(caseId, 'insurance', positions)]);
        return Object.fromEntries(
          sectionIds.map((id, i) => [id, { ba: ba[i]!.text, va: va[i]!.text, baQualifier: ba[i]!.qualifier, vaQualifier: va[i]!.qualifier }]),
        );
      },
      jointDraftOf: (caseId, sectionId) => read(caseId, 'joint', (doc) => draftSnapshot(doc, sectionId)),
      async quoteAt(caseId, part, sectionId, anchor) {
        const positions = decodeAnchor(anchor);
        if (!positions) return { ok: false, reason: 'not-a-position' };
        return read(caseId, part, (doc) => quoteIn(doc, sectionId, positions));
      },
      statesOf: (caseId) =>
        collab.registry.readAll(
          DOC_PARTS.map((part) => formatDocName({ caseId, part })),
          ([occupational, insurance, joint]) => ({
            occupational: Y.encodeStateAsUpdate(occupational!),
            insurance: Y.encodeStateAsUpdate(insurance!),
            joint: Y.encodeStateAsUpdate(joint!),
          }),
        ),
      async contentOf(caseId, sectionIds) {
        // Read as versionContent reads a stored version, so an export and a version of the same moment say the same.
        const parts = (doc: Y.Doc) => sectionIds.map((id) => partOf(doc, id));
        const [occupational, insurance, joint] = await Promise.all((['occupational', 'insurance', 'joint'] as const).map((part) => read(caseId, part, parts)));
        return Object.fromEntries(sectionIds.map((id, i) => [id, { occupational: occupational![i]!, insurance: insurance![i]!, joint: joint![i]! }]));
      },
    },
    gate: { holdJoint: (caseId, fn) => collab.registry.hold(formatDocName({ caseId, part: 'joint' }), fn) },
    connections: { closeWhere: (predicate, code, reason) => collab.closeWhere(predicate, code, reason) },
  };
}

/**
 * The joint draft of a section: its text, the joint qualifier, and a hash of
 * both (the text's full content, formatting included), so that a signature
 * covers exactly what was proposed.
 */
export function draftSnapshot(doc: Y.Doc, sectionId: string): DraftSnapshot {
  const content = doc.share.has(sectionId) ? doc.getXmlFragment(sectionId).toString() : '';
  const qualifier = qualifierOf(doc, sectionId);
  return { text: sectionText(doc, sectionId), qualifier, hash: draftHash(content, qualifier) };
}

/**
 * The hash a proposal records and a signature must match. Without a joint
 * qualifier it is the hash of the content alone, as proposals recorded before
 * the qualifier was covered have it: those stay signable while the section has
 * no joint qualifier. With one, the code follows a NUL, which the content (XML
 * of the editor's elements, ending in a closing tag) never ends with; a
 * proposal recorded before then has to be proposed again (sign.stale-draft).
 */
export function draftHash(content: string, qualifier: string | null): string {
  return sha256(qualifier === null ? content : `${content}\u0000${qualifier}`);
}

/** The qualifier code a document holds for a section; null when there is none (or something that is not a code). */
function qualifierOf(doc: Y.Doc, sectionId: string): string | null {
  // Looking the map up only when it exists: reading must not add a root type to the server's copy.
  if (!doc.share.has(QUALIFIERS_MAP)) return null;
  const value: unknown = doc.getMap(QUALIFIERS_MAP).get(sectionId);
  return typeof value === 'string' && value !== '' ? value : null;
}

function decodeAnchor(anchor: CommentAnchor): [Y.RelativePosition, Y.RelativePosition] | null {
  try {
    return [Y.decodeRelativePosition(Buffer.from(anchor.start, 'base64')), Y.decodeRelativePosition(Buffer.from(anchor.end, 'base64'))];
  } catch {
    return null;
  }
}

/** The quote between two positions, when both point into the section. */
function quoteIn(doc: Y.Doc, sectionId: string, positions: [Y.RelativePosition, Y.RelativePosition]): AnchorQuote {
  if (!doc.share.has(sectionId)) return { ok: false, reason: 'outside-section' };
  const fragment = doc.getXmlFragment(sectionId);
  const [from, to] = positions.map((position) => Y.createAbsolutePositionFromRelativePosition(position, doc));
  const inside = (absolute: Y.AbsolutePosition | null | undefined): absolute is Y.AbsolutePosition =>
    !!absolute && (absolute.type === fragment || Y.isParentOf(fragment, absolute.type._item));
  return inside(from) && inside(to) ? { ok: true, quote: quoteBetween(fragment, from, to) } : { ok: false, reason: 'outside-section' };
}

/** Stands for a non-text embed in a text, so that offsets stay right; never part of a quote. */
const EMBED = '\uFFFC';

/**
 * The text between two positions in a section, as a thread quotes it: the
 * server's own reading of the anchor, so that a quote can never say what the
 * text does not. Paragraphs (and line breaks) become new lines, as in the
 * browser's quote. Empty when the positions are the same or the wrong way round.
 */
export function quoteBetween(fragment: Y.XmlFragment, start: Y.AbsolutePosition, end: Y.AbsolutePosition): string {
  const flat = flatten(fragment);
  const from = flat.offsetOf(start);
  const to = flat.offsetOf(end);
  if (from === null || to === null || from >= to) return '';
  return quoteOf(flat.text.slice(from, to).replaceAll(EMBED, ''));
}

interface FlatText {
  text: string;
  offsetOf(position: Y.AbsolutePosition): number | null;
}

/**
 * The section's text in document order, and where each position falls in it.
 * A position in a text counts characters; one in an element (or the section)
 * counts children, so each element records the offset before each child.
 */
function flatten(fragment: Y.XmlFragment): FlatText {
  let text = '';
  const textStarts = new Map<object, number>();
  const childOffsets = new Map<object, number[]>();
  const visit = (node: Y.XmlFragment | Y.XmlElement) => {
    const offsets: number[] = [];
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlElement && text !== '' && !text.endsWith('\n')) text += '\n';
      offsets.push(text.length);
      if (child instanceof Y.XmlText) {
        textStarts.set(child, text.length);
        text += plainText(child);
      } else if (child instanceof Y.XmlElement) {
        visit(child);
      }
    }
    offsets.push(text.length);
    childOffsets.set(node, offsets);
  };
  visit(fragment);
  return {
    text,
    offsetOf(position) {
      const textStart = textStarts.get(position.type);
      if (textStart !== undefined) return textStart + position.index;
      return childOffsets.get(position.type)?.[position.index] ?? null;
    },
  };
}

function plainText(node: Y.XmlText): string {
  return (node.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : EMBED)).join('');
}
