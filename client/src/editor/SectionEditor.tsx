import Collaboration from '@tiptap/extension-collaboration';
import type { Extensions } from '@tiptap/core';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_SECTION_TEXT_CHARS } from '../../../shared/limits.ts';
import { isEditorShaped } from '../../../shared/workflow/sectionText.ts';
import type { CollabDoc } from '../collab/useCollabDoc.ts';
import { BindingGuard } from './bindingGuard.ts';
import { CaretFirst } from './caretFirst.ts';
import { EditorToolbar } from './EditorToolbar.tsx';
import { ReadOnlyDocument } from './readOnlyDocument.ts';
import { sectionStarterKit } from './schema.ts';
import { SectionCarets } from './SectionCarets.ts';
import { SizeLimit } from './sizeLimit.ts';

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
 * A section's editor, or — when the section holds what the editor cannot show
 * (stored by an older version; the relay refuses such content now) — a notice
 * instead: binding the editor to it would break the page.
 */
export function SectionEditor(props: Props) {
  const { t } = useTranslation();
  const shaped = useEditorShaped(props.collab, props.field);
  if (!shaped) {
    return (
      <p className="error small" role="status" data-testid={props.testId}>
        {t('editor.unreadable')}
      </p>
    );
  }
  return <BoundSectionEditor {...props} />;
}

function useEditorShaped(collab: CollabDoc, field: string): boolean {
  const [shaped, setShaped] = useState(() => editorShaped(collab, field));
  useEffect(() => {
    const check = () => setShaped(editorShaped(collab, field));
    check();
    collab.doc.on('update', check);
    return () => collab.doc.off('update', check);
  }, [collab, field]);
  return shaped;
}

function editorShaped(collab: CollabDoc, field: string): boolean {
  return !collab.doc.share.has(field) || isEditorShaped(collab.doc.getXmlFragment(field));
}

/**
 * A rich-text editor bound to one section of one collaborative document, with
 * the other physician's caret. Undo and redo (Mod-z, Mod-y, Shift-Mod-z) come
 * from the Collaboration extension and only touch this user's own changes.
 */
function BoundSectionEditor({ collab, field, editable, label, testId, onFocus, extensions = NO_EXTENSIONS, children }: Props) {
  const { t } = useTranslation();
  const [tooLong, setTooLong] = useState(false);
  const editor = useEditor(
    {
      // Also a read-only editor takes focus and a caret; ReadOnlyDocument refuses every edit in it.
      editable: true,
      extensions: [
        sectionStarterKit(),
        SizeLimit.configure({ maxChars: MAX_SECTION_TEXT_CHARS, onRefused: () => setTooLong(true) }),
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
      {tooLong && (
        <p className="error small" role="alert">
          {t('editor.tooLong', { max: MAX_SECTION_TEXT_CHARS.toLocaleString() })}{' '}
          <button type="button" className="link-button" onClick={() => setTooLong(false)}>
            {t('collab.dismiss')}
          </button>
        </p>
      )}
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
    // No on-screen keyboard for text that cannot be changed.
    ...(editable ? {} : { inputmode: 'none' }),
  };
}
