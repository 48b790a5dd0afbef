import { Extension } from '@tiptap/core';
import { isChangeOrigin } from '@tiptap/extension-collaboration';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';

/**
 * Keeps a read-only editor an exact picture of its Yjs document: only changes
 * that come from Yjs may alter its content. Without this, plugins that
 * normalise a document (the trailing paragraph StarterKit appends after a
 * list, for one) change the picture on their own, and the Yjs binding then
 * writes that change back into a document this user may only read.
 *
 * The editor itself stays focusable, like a read-only text field: Tab
 * reaches it, the arrows move a caret and Shift+arrows select, so that a
 * keyboard user can comment on the other physician's words. Whatever would
 * edit (typing, Enter, Backspace, paste, cut, drop) is refused here, before
 * the browser or ProseMirror changes anything.
 */
export const ReadOnlyDocument = Extension.create({
  name: 'readOnlyDocument',

  addProseMirrorPlugins() {
    const refuse = (_view: EditorView, event: Event) => {
      event.preventDefault();
      return true;
    };
    return [
      new Plugin({
        key: new PluginKey('readOnlyDocument'),
        filterTransaction: (transaction) => !transaction.docChanged || isChangeOrigin(transaction),
        props: {
          handleDOMEvents: { beforeinput: refuse, cut: refuse, paste: refuse, drop: refuse, dragstart: refuse },
          handleTextInput: () => true,
          handlePaste: () => true,
          handleDrop: () => true,
        },
      }),
    ];
  },
});
