import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import type { CollabDoc } from '../collab/useCollabDoc.ts';

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
      ],
      editorProps: {
        attributes: {
          class: 'editor',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': label,
          'aria-readonly': String(!editable),
          'data-testid': testId,
        },
      },
    },
    [collab, field, editable],
  );
  return <EditorContent editor={editor} className={editable ? 'editor-frame' : 'editor-frame editor-frame--readonly'} />;
}
