import { Extension } from '@tiptap/core';
import { isChangeOrigin } from '@tiptap/extension-collaboration';
import { Plugin, PluginKey } from '@tiptap/pm/state';

/**
 * Keeps a read-only editor an exact picture of its Yjs document: only changes
 * that come from Yjs may alter its content. Without this, plugins that
 * normalise a document (the trailing paragraph StarterKit appends after a
 * list, for one) change the picture on their own, and the Yjs binding then
 * writes that change back into a document this user may only read.
 */
export const ReadOnlyDocument = Extension.create({
  name: 'readOnlyDocument',

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('readOnlyDocument'),
        filterTransaction: (transaction) => !transaction.docChanged || isChangeOrigin(transaction),
      }),
    ];
  },
});
