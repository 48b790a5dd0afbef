import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';

export interface CaretFirstOptions {
  document: Y.Doc | null;
  awareness: Awareness | null;
}

/**
 * Keeps the caret where the physician just put it while the other physician
 * types in the same section.
 *
 * A click, or a key such as Ctrl+End or an arrow, moves the browser's
 * selection at once; ProseMirror takes it over on the next `selectionchange`.
 * An editor update in between writes the editor's old selection back into
 * the page, so the caret jumps back and what is typed next lands there. Two
 * updates come from the other physician at any moment: a change to the text
 * (the Yjs binding remembers the editor's selection when the change starts
 * and restores it afterwards) and their caret moving (which redraws the
 * carets). Before either, this hands the browser's selection to the editor.
 *
 * - The awareness listener must run before the caret plugin's: plugin views
 *   start, and register their listeners, in priority order, hence a priority
 *   above the Collaboration extension's (1000).
 * - For a remote change the binding has already remembered the old selection
 *   ('beforeAllTransactions'); the selection dispatched here makes it
 *   remember again (it does on every editor update), now the right one.
 * - Local changes (typing, undo) start from what the editor shows. Taking the
 *   selection inside an undo cost the redo history, so they are left alone.
 *
 * Not every case is caught: with the other typing at machine speed next to
 * a caret placed by click and Ctrl+End, 1 of 60 placements still went astray
 * (10 of 60 without this); ProseMirror's own delayed selection write after a
 * click is the likely rest.
 */
export const CaretFirst = Extension.create<CaretFirstOptions>({
  name: 'caretFirst',
  priority: 1001,

  addOptions() {
    return { document: null, awareness: null };
  },

  addProseMirrorPlugins() {
    const { document: doc, awareness } = this.options;
    return [
      new Plugin({
        key: new PluginKey('caretFirst'),
        view: (view) => {
          const takeCaret = () => takeBrowserSelection(view);
          const beforeRemoteChange = (transaction: Y.Transaction) => {
            if (!transaction.local) takeCaret();
          };
          doc?.on('beforeTransaction', beforeRemoteChange);
          awareness?.on('change', takeCaret);
          return {
            destroy: () => {
              doc?.off('beforeTransaction', beforeRemoteChange);
              awareness?.off('change', takeCaret);
            },
          };
        },
      }),
    ];
  },
});

function takeBrowserSelection(view: EditorView): void {
  if (view.isDestroyed || view.composing || !view.editable || !view.hasFocus()) return;
  const selection = view.root instanceof Document ? view.root.getSelection() : window.getSelection();
  const { anchorNode, focusNode } = selection ?? {};
  if (!selection || !anchorNode || !focusNode || !view.dom.contains(anchorNode) || !view.dom.contains(focusNode)) return;
  let anchor: number;
  let head: number;
  try {
    anchor = view.posAtDOM(anchorNode, selection.anchorOffset);
    head = view.posAtDOM(focusNode, selection.focusOffset);
  } catch {
    // Inside a widget (the other physician's caret): nothing the editor can point at.
    return;
  }
  const current = view.state.selection;
  if (current.anchor === anchor && current.head === head) return;
  const { doc } = view.state;
  if (anchor < 0 || head < 0 || anchor > doc.content.size || head > doc.content.size) return;
  view.dispatch(view.state.tr.setSelection(TextSelection.between(doc.resolve(anchor), doc.resolve(head))));
}
