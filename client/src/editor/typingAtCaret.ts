import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import type { EditorState } from '@tiptap/pm/state';
import * as Y from 'yjs';

/**
 * Writes a keystroke into the Yjs document where the caret is.
 *
 * The Yjs binding finds what changed in a paragraph by comparing its old and
 * new text from both ends. That cannot tell where a letter went when it equals
 * its neighbour: typing "v" right before "vier" makes the text "vvier", and
 * the binding records the new "v" after the old one. The text is the same,
 * but which character is which is not, and anything anchored to characters
 * notices: a margin comment on "vier" then starts at the typed "v", and all
 * that is typed after it lands inside the comment's text (the other
 * physician's caret slides the same way).
 *
 * So before the binding compares, a paragraph whose text differs from the
 * document's by one insertion ending at the caret (typing, pasting) or one
 * deletion at the caret (Backspace, Delete) gets exactly that change at the
 * caret. The binding then finds nothing left to do for the text itself (it
 * still applies the formatting). Anything else, or a document whose structure
 * does not match the editor's (Enter, a list), is left to the binding.
 */
export function writeTypingAtCaret(fragment: Y.XmlFragment, state: EditorState, doc: ProseMirrorNode): void {
  const { selection } = state;
  if (state.doc !== doc || !selection.empty) return;
  const $head = selection.$head;
  const block = $head.parent;
  if (!block.isTextblock || !onlyText(block)) return;
  const text = yTextOf(fragment, state);
  const before = text && plainText(text);
  if (before === null || before === undefined) return;
  const after = block.textContent;
  const change = changeAtCaret(before, after, $head.parentOffset);
  if (!change) return;
  if (change.remove > 0) text!.delete(change.index, change.remove);
  if (change.insert) text!.insert(change.index, change.insert);
}

interface TextChange {
  index: number;
  remove: number;
  insert: string;
}

/** The one insertion ending at the caret, or deletion at it, that turns `before` into `after`; null if there is none. */
export function changeAtCaret(before: string, after: string, caret: number): TextChange | null {
  if (before === after) return null;
  if (after.length > before.length) {
    const length = after.length - before.length;
    const index = caret - length;
    const fits = index >= 0 && before.slice(0, index) === after.slice(0, index) && before.slice(index) === after.slice(caret);
    return fits ? { index, remove: 0, insert: after.slice(index, caret) } : null;
  }
  const length = before.length - after.length;
  const fits = before.slice(0, caret) === after.slice(0, caret) && before.slice(caret + length) === after.slice(caret);
  return fits ? { index: caret, remove: length, insert: '' } : null;
}

function onlyText(block: ProseMirrorNode): boolean {
  let text = true;
  block.forEach((child) => {
    if (!child.isText) text = false;
  });
  return text;
}

/**
 * The Y.XmlText of the paragraph with the caret: found by the caret's path,
 * provided the Yjs document has the editor's structure all along it.
 */
function yTextOf(fragment: Y.XmlFragment, state: EditorState): Y.XmlText | null {
  const $head = state.selection.$head;
  let type: Y.XmlFragment = fragment;
  for (let depth = 0; depth < $head.depth; depth++) {
    if (type.length !== $head.node(depth).childCount) return null;
    const child = type.get($head.index(depth));
    if (!(child instanceof Y.XmlElement) || child.nodeName !== $head.node(depth + 1).type.name) return null;
    type = child;
  }
  const children = type.toArray();
  return children.length === 1 && children[0] instanceof Y.XmlText ? children[0] : null;
}

/** A paragraph's text without its formatting, or null when it holds anything but text. */
function plainText(text: Y.XmlText): string | null {
  let plain = '';
  for (const part of text.toDelta() as { insert: unknown }[]) {
    if (typeof part.insert !== 'string') return null;
    plain += part.insert;
  }
  return plain;
}
