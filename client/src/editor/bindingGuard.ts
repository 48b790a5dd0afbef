import { Extension } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { ySyncPluginKey, type ProsemirrorBinding } from '@tiptap/y-tiptap';
import { writeTypingAtCaret } from './typingAtCaret.ts';

export interface BindingGuardOptions {
  /** The editor shows a document this user may only read. */
  readOnly: boolean;
}

/**
 * Stops the Yjs binding from writing into the document what nobody typed.
 *
 * After its first change the binding copies the editor's content into the
 * Yjs document on every editor update, also one that changes nothing (a
 * selection, a caret of the other physician). When a remote change (an undo,
 * say) empties a section, the editor shows the empty paragraph its schema
 * requires, which the document does not hold, and the binding then adds it:
 * each open editor of that section adds its own, so the joint draft ends up
 * with one empty line per physician, and in a read-only editor the paragraph
 * lands in the local copy of the other physician's document, which then
 * shows an extra line and no longer matches the server's.
 *
 * So: an editor of a read-only document never writes to it, and no editor
 * writes that placeholder paragraph into an empty section (typing into it
 * writes the paragraph with its text, as in a section never written before).
 * What is typed goes where the caret is (see typingAtCaret.ts).
 */
export const BindingGuard = Extension.create<BindingGuardOptions>({
  name: 'bindingGuard',

  addOptions() {
    return { readOnly: false };
  },

  addProseMirrorPlugins() {
    const { readOnly } = this.options;
    return [
      new Plugin({
        key: new PluginKey('bindingGuard'),
        // Plugin views start in order, after the Collaboration extension's (priority 1000) has set up its binding.
        view: (view) => {
          const binding = (ySyncPluginKey.getState(view.state) as { binding?: ProsemirrorBinding } | undefined)?.binding;
          if (binding) guard(binding, readOnly);
          return {};
        },
      }),
    ];
  },
});

function guard(binding: ProsemirrorBinding, readOnly: boolean): void {
  const write = binding._prosemirrorChanged.bind(binding);
  binding._prosemirrorChanged = (doc: ProseMirrorNode) => {
    if (readOnly || (binding.type.length === 0 && isPlaceholder(doc))) return;
    // One Yjs transaction for both, as the binding's own: one update, one undo step.
    binding.doc.transact(() => {
      const view = binding.prosemirrorView as EditorView | null;
      if (view) writeTypingAtCaret(binding.type, view.state, doc);
      write(doc);
    }, ySyncPluginKey);
  };
}

/** The document the schema makes of nothing: one empty paragraph. */
function isPlaceholder(doc: ProseMirrorNode): boolean {
  const empty = doc.type.createAndFill();
  return empty !== null && doc.eq(empty);
}
