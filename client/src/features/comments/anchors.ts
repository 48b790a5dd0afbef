import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import type { EditorState } from '@tiptap/pm/state';
import { absolutePositionToRelativePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { quoteOf, type CommentAnchor } from '../../../../shared/comments.ts';

/** A stretch of an editor's document, in ProseMirror positions. */
export interface TextRange {
  from: number;
  to: number;
}

/** What the Yjs binding of an editor knows: its section's fragment and which node renders which Yjs type. */
export interface SyncState {
  doc: Y.Doc;
  type: Y.XmlFragment;
  mapping: Map<Y.AbstractType<unknown>, ProseMirrorNode | ProseMirrorNode[]>;
}

export function syncStateOf(state: EditorState): SyncState | null {
  const sync = ySyncPluginKey.getState(state) as { doc?: Y.Doc; type?: Y.XmlFragment; binding?: { mapping: SyncState['mapping'] } | null } | undefined;
  if (!sync?.doc || !sync.type || !sync.binding) return null;
  return { doc: sync.doc, type: sync.type, mapping: sync.binding.mapping };
}

/**
 * The anchor of a stretch of text: the start sticks to its first character
 * and the end to its last (Yjs `assoc` 0 and -1), so text typed right before
 * or right after it never joins it, and deleting every character of it leaves
 * the two at one place: an empty range, the mark of a detached thread.
 */
export function anchorOf(sync: SyncState, range: TextRange): CommentAnchor | null {
  const start = relativeAt(sync, range.from, 0);
  const end = relativeAt(sync, range.to, -1);
  // Both must lead back to where they were taken; anything else would anchor the thread elsewhere.
  if (editorPosition(sync, start) !== range.from || editorPosition(sync, end) !== range.to) return null;
  return { start: encodeRelative(start), end: encodeRelative(end) };
}

function relativeAt(sync: SyncState, pos: number, assoc: number): Y.RelativePosition {
  const relative = absolutePositionToRelativePosition(pos, sync.type, sync.mapping) as Y.RelativePosition;
  const absolute = Y.createAbsolutePositionFromRelativePosition(relative, sync.doc);
  return absolute ? Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, assoc) : relative;
}

/** Where an anchor's text is now, or null when it no longer resolves to a non-empty range (the text was deleted). */
export function resolveRange(sync: SyncState, anchor: DecodedAnchor, size: number): TextRange | null {
  const from = editorPosition(sync, anchor.start);
  const to = editorPosition(sync, anchor.end);
  if (from === null || to === null || from >= to || to > size) return null;
  return { from, to };
}

export interface DecodedAnchor {
  start: Y.RelativePosition;
  end: Y.RelativePosition;
}

export function decodeAnchor(anchor: CommentAnchor): DecodedAnchor | null {
  const start = decodeRelative(anchor.start);
  const end = decodeRelative(anchor.end);
  return start && end ? { start, end } : null;
}

/**
 * A relative position as a position in the editor. Like y-tiptap's
 * relativePositionToAbsolutePosition, without its guard against block moves by
 * drag and drop (which this editor does not offer), which takes any position
 * at the very start of a section for a misresolved one; and a position inside
 * deleted text or a deleted paragraph is no position.
 */
function editorPosition(sync: SyncState, relative: Y.RelativePosition): number | null {
  const absolute = Y.createAbsolutePositionFromRelativePosition(relative, sync.doc);
  if (!absolute || !liveInside(absolute.type, sync.type)) return null;
  const sizeOf = (type: Y.AbstractType<unknown>): number | null => {
    if (type instanceof Y.XmlText) return type.length;
    const node = sync.mapping.get(type);
    return node && !Array.isArray(node) ? node.nodeSize : null;
  };
  let type = absolute.type as Y.AbstractType<unknown>;
  let pos: number;
  if (absolute.type instanceof Y.XmlText) {
    pos = absolute.index;
  } else {
    const before = sizeBefore(type, absolute.index, sizeOf);
    if (before === null) return null;
    pos = before + 1;
  }
  while (type !== sync.type) {
    const parent = type._item!.parent as Y.AbstractType<unknown>;
    const before = sizeBefore(parent, type, sizeOf);
    if (before === null) return null;
    pos += 1 + before;
    type = parent;
  }
  return pos - 1;
}

/** The size of a type's live children before an index, or before one child. */
function sizeBefore(
  parent: Y.AbstractType<unknown>,
  until: number | Y.AbstractType<unknown>,
  sizeOf: (type: Y.AbstractType<unknown>) => number | null,
): number | null {
  let size = 0;
  let index = 0;
  for (let item = parent._start; item !== null; item = item.right) {
    if (!(item.content instanceof Y.ContentType)) continue;
    const child = item.content.type as Y.AbstractType<unknown>;
    if (child === until || index === until) break;
    if (item.deleted) continue;
    const childSize = sizeOf(child);
    if (childSize === null) return null;
    size += childSize;
    index++;
  }
  return size;
}

function liveInside(type: Y.AbstractType<unknown>, fragment: Y.XmlFragment): boolean {
  for (let current: Y.AbstractType<unknown> = type; current !== fragment;) {
    const item = current._item;
    if (!item || item.deleted) return false;
    current = item.parent as Y.AbstractType<unknown>;
  }
  return true;
}

/**
 * The text a selection covers, without the paragraph boundaries and blanks at
 * either end: a thread is anchored to characters, and a quote is what they say.
 */
export function textSelection(doc: ProseMirrorNode, from: number, to: number): (TextRange & { quote: string }) | null {
  let first = -1;
  let last = -1;
  doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isText) return true;
    const start = Math.max(from, pos);
    const end = Math.min(to, pos + node.nodeSize);
    if (start < end) {
      if (first < 0) first = start;
      last = end;
    }
    return false;
  });
  if (first < 0) return null;
  const blank = (a: number, b: number) => /^\s$/.test(doc.textBetween(a, b));
  while (first < last && blank(first, first + 1)) first++;
  while (last > first && blank(last - 1, last)) last--;
  if (first >= last) return null;
  const quote = quoteOf(doc.textBetween(first, last, '\n'));
  return quote ? { from: first, to: last, quote } : null;
}

function encodeRelative(position: Y.RelativePosition): string {
  let binary = '';
  for (const byte of Y.encodeRelativePosition(position)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function decodeRelative(base64: string): Y.RelativePosition | null {
  try {
    return Y.decodeRelativePosition(Uint8Array.from(atob(base64), (char) => char.charCodeAt(0)));
  } catch {
    return null;
  }
}
