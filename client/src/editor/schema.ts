import StarterKit from '@tiptap/starter-kit';

/**
 * The nodes and marks of the section editor: paragraphs, bullet lists, hard
 * breaks, bold and italic. The relay refuses anything else in a section
 * (shared/editorSchema.ts; a unit test keeps the two lists in step).
 */
export function sectionStarterKit() {
  return StarterKit.configure({
    undoRedo: false,
    heading: false,
    codeBlock: false,
    code: false,
    horizontalRule: false,
    link: false,
    blockquote: false,
    strike: false,
    underline: false,
    orderedList: false,
  });
}
