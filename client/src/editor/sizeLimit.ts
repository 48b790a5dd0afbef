import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';

export interface SizeLimitOptions {
  /** Most characters the section may hold (MAX_SECTION_TEXT_CHARS). */
  maxChars: number;
  /** A change was refused for making the section too long. */
  onRefused: () => void;
}

/**
 * Refuses a change that would make a section longer than its limit (a paste
 * of a book, say), so that no update is ever too large for the relay to
 * store. The document's size counts a little more than its characters (node
 * boundaries), which errs on the safe side. Changes that arrive from the
 * collaborative document are never refused: the relay decided on them.
 */
export const SizeLimit = Extension.create<SizeLimitOptions>({
  name: 'sizeLimit',

  addOptions() {
    return { maxChars: Number.POSITIVE_INFINITY, onRefused: () => undefined };
  },

  addProseMirrorPlugins() {
    const { maxChars, onRefused } = this.options;
    return [
      new Plugin({
        key: new PluginKey('sizeLimit'),
        filterTransaction: (tr, state) => {
          if (!tr.docChanged || tr.getMeta(ySyncPluginKey)) return true;
          const size = tr.doc.content.size;
          if (size <= maxChars || size <= state.doc.content.size) return true;
          onRefused();
          return false;
        },
      }),
    ];
  },
});
