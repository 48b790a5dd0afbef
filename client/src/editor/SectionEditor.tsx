import Collaboration from '@tiptap/extension-collaboration';
import type { Extensions } from '@tiptap/core';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, type ReactNode } from 'react';
import type { CollabDoc } from '../collab/useCollabDoc.ts';
import { BindingGuard } from './bindingGuard.ts';
import { CaretFirst } from './caretFirst.ts';
import { EditorToolbar } from './EditorToolbar.tsx';
import { ReadOnlyDocument } from './readOnlyDocument.ts';
import { SectionCarets } from './SectionCarets.ts';

interface Props {
  collab: CollabDoc;
  /** Section id: the name of the Y.XmlFragment this editor binds to. */
  field: string;
  editable: boolean;
  label: string;
  testId: string;
  onFocus?: () => void;
  /** More behaviour for this editor (the comment highlights); a constant, the editor is made once. */
  extensions?: Extensions;
  /** What goes with the editor inside its frame (the comment button), once the editor exists. */
  children?: (editor: Editor) => ReactNode;
}

/**
 * A rich-text editor bound to one section of one collaborative document, with
 * the other physician's caret. Undo and redo (Mod-z, Mod-y, Shift-Mod-z) come
 * from the Collaboration extension and only touch this user's own changes.
 */
export function SectionEditor({ collab, field, editable, label, testId, onFocus, extensions = NO_EXTENSIONS, children }: Props) {
  const editor = useEditor(
    {
      editable,
      extensions: [
        StarterKit.configure({
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
        }),
        Collaboration.configure({ document: collab.doc, field }),
        SectionCarets.configure({ awareness: collab.provider.awareness, field: `cursor:${field}` }),
        BindingGuard.configure({ readOnly: !editable }),
        CaretFirst.configure({ document: collab.doc, awareness: collab.provider.awareness }),
        ...(editable ? [] : [ReadOnlyDocument]),
        ...extensions,
      ],
      editorProps: { attributes: editorAttributes({ editable, label, testId }) },
    },
    [collab, field, editable, extensions],
  );

  // The editor lives as long as its document; a new language only relabels it.
  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.setOptions({ editorProps: { attributes: editorAttributes({ editable, label, testId }) } });
  }, [editor, editable, label, testId]);

  return (
    <div className={editable ? 'editor-frame' : 'editor-frame editor-frame--readonly'} onFocus={onFocus}>
      {editable && editor && <EditorToolbar editor={editor} label={label} />}
      <EditorContent editor={editor} />
      {editor && children?.(editor)}
    </div>
  );
}

const NO_EXTENSIONS: Extensions = [];

function editorAttributes({ editable, label, testId }: Pick<Props, 'editable' | 'label' | 'testId'>): Record<string, string> {
  return {
    class: 'editor',
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-label': label,
    'aria-readonly': String(!editable),
    'data-testid': testId,
  };
}
