import { useEditorState, type Editor } from '@tiptap/react';
import { useTranslation } from 'react-i18next';

/** Bold, italic and bullet list; the keyboard shortcuts (Mod-b, Mod-i, Mod-Shift-8) work too. */
export function EditorToolbar({ editor, label }: { editor: Editor; label: string }) {
  const { t } = useTranslation();
  const active = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      bold: current.isActive('bold'),
      italic: current.isActive('italic'),
      bulletList: current.isActive('bulletList'),
    }),
  });
  const buttons = [
    { key: 'bold', text: 'B', run: () => editor.chain().focus().toggleBold().run(), shortcut: 'Ctrl+B' },
    { key: 'italic', text: 'I', run: () => editor.chain().focus().toggleItalic().run(), shortcut: 'Ctrl+I' },
    { key: 'bulletList', text: '•', run: () => editor.chain().focus().toggleBulletList().run(), shortcut: 'Ctrl+Shift+8' },
  ] as const;
  return (
    <div role="toolbar" aria-label={t('editor.toolbar', { label })} className="toolbar">
      {buttons.map((button) => (
        <button
          key={button.key}
          type="button"
          className={`toolbar__button toolbar__button--${button.key}`}
          aria-pressed={active[button.key]}
          aria-label={t(`editor.${button.key}`)}
          title={`${t(`editor.${button.key}`)} (${button.shortcut})`}
          // Keep the editor's selection: the click must not take focus away first.
          onMouseDown={(event) => event.preventDefault()}
          onClick={button.run}
        >
          {button.text}
        </button>
      ))}
    </div>
  );
}
