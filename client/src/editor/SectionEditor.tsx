import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect } from 'react';
import type { CollabDoc } from '../collab/useCollabDoc.ts';
import { ReadOnlyDocument } from './readOnlyDocument.ts';

export interface CaretUser {
  name: string;
  color: string;
}

interface Props {
  collab: CollabDoc;
  /** Section id: the name of the Y.XmlFragment this editor binds to. */
  field: string;
  editable: boolean;
  user: CaretUser;
  label: string;
  testId: string;
}

/** A rich-text editor bound to one section of one collaborative document. */
export function SectionEditor({ collab, field, editable, user, label, testId }: Props) {
  const editor = useEditor(
    {
      editable,
      extensions: [
        // Collaboration brings its own undo history (only the local user's changes).
        StarterKit.configure({ undoRedo: false, heading: false, codeBlock: false, code: false, horizontalRule: false, link: false }),
        Collaboration.configure({ document: collab.doc, field }),
        CollaborationCaret.configure({ provider: collab.provider, user }),
        ...(editable ? [] : [ReadOnlyDocument]),
      ],
      editorProps: { attributes: editorAttributes({ editable, label, testId }) },
    },
    [collab, field, editable],
  );

  // The editor lives as long as its document; a new language only relabels it.
  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.setOptions({ editorProps: { attributes: editorAttributes({ editable, label, testId }) } });
  }, [editor, editable, label, testId]);

  return <EditorContent editor={editor} className={editable ? 'editor-frame' : 'editor-frame editor-frame--readonly'} />;
}

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
