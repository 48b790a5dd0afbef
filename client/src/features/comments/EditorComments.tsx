import type { Editor } from '@tiptap/react';
import type { EditorView } from '@tiptap/pm/view';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocPart } from '../../../../shared/docNames.ts';
import type { CollabDoc } from '../../collab/useCollabDoc.ts';
import { anchorOf, decodeAnchor, syncStateOf, textSelection, type TextRange } from './anchors.ts';
import { highlightRanges, setHighlights, type HighlightAnchor } from './commentHighlights.ts';
import { useComments, type CommentsContextValue, type Draft } from './CommentsContext.tsx';

/** The highlight of the thread being written. */
const DRAFT_ID = 'draft';

/** Starts a thread on the selected text, as in other editors (Google Docs, Word Online). */
export const COMMENT_SHORTCUT = { label: 'Ctrl+Alt+M', aria: 'Control+Alt+M' } as const;

interface Props {
  editor: Editor;
  collab: CollabDoc;
  part: DocPart;
  sectionId: string;
}

/**
 * The comments of one editor: highlights of the threads on its text, and a
 * button to start one on a selection. Works the same in a read-only editor:
 * the browser's selection is there, and anchors only read the document. A
 * reviewer, who only reads comments, gets the highlights and no button.
 */
export function EditorComments(props: Props) {
  const context = useComments();
  return context ? <EditorCommentsIn {...props} context={context} /> : null;
}

function EditorCommentsIn({ editor, collab, part, sectionId, context }: Props & { context: CommentsContextValue }) {
  const { t } = useTranslation();
  const { mayWrite, startDraft } = context;
  useHighlights(editor, part, sectionId, context);
  useReportRanges(editor, collab, context);
  useCommentEvents(editor, part, sectionId, context);
  const placement = useSelectionPlacement(editor);

  if (!placement || !mayWrite) return null;
  return (
    <button
      type="button"
      className="comment-add"
      style={{ top: placement.top, left: placement.left }}
      title={t('comments.addHint', { shortcut: COMMENT_SHORTCUT.label })}
      aria-keyshortcuts={COMMENT_SHORTCUT.aria}
      data-testid={`comment-add-${part}-${sectionId}`}
      // Keep the selection: the click must not move it first.
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => {
        const picked = mounted(editor) ? pickSelection(editor.view, part, sectionId) : null;
        if (picked) startDraft(picked);
      }}
    >
      {t('comments.add')}
    </button>
  );
}

/** Highlights the threads on this editor's text (and the one being written); the active one stands out. */
function useHighlights(editor: Editor, part: DocPart, sectionId: string, context: CommentsContextValue): void {
  const { comments, active, hovered, draft } = context;
  const anchors = useMemo(() => {
    const list: HighlightAnchor[] = [];
    for (const thread of comments.threads) {
      if (thread.part !== part || thread.sectionId !== sectionId) continue;
      const decoded = decodeAnchor(thread.anchor);
      if (decoded) list.push({ id: thread.id, anchor: decoded, shown: thread.resolved === null });
    }
    if (draft?.part === part && draft.sectionId === sectionId) list.push({ id: DRAFT_ID, anchor: draft.decoded, shown: true, draft: true });
    return list;
  }, [comments.threads, draft, part, sectionId]);

  useEffect(() => {
    if (!editor.isDestroyed) setHighlights(editor.view, { anchors, active: hovered ?? active });
  }, [editor, anchors, hovered, active]);
}

/** Reports where the threads' texts are in this editor, after every change. */
function useReportRanges(editor: Editor, collab: CollabDoc, { ranges }: CommentsContextValue): void {
  const synced = useSynced(collab);
  // Ranges are only worth reporting once the document is the server's: before, a thread would look detached.
  useEffect(() => {
    if (!synced) return;
    const report = () => {
      const found = new Map(highlightRanges(editor.state));
      found.delete(DRAFT_ID);
      ranges.report(found);
    };
    report();
    editor.on('transaction', report);
    return () => void editor.off('transaction', report);
  }, [editor, ranges, synced]);
}

/** The keyboard shortcut that starts a thread on the selection, and clicks in highlighted text. */
function useCommentEvents(editor: Editor, part: DocPart, sectionId: string, context: CommentsContextValue): void {
  const { mayWrite, startDraft, setActive, revealThread } = context;
  useEffect(() => {
    const start = (event: KeyboardEvent) => {
      if (!mayWrite || !(event.ctrlKey && event.altKey && event.code === 'KeyM') || !mounted(editor)) return;
      const picked = pickSelection(editor.view, part, sectionId);
      if (!picked) return;
      event.preventDefault();
      startDraft(picked);
    };
    // A click in highlighted text makes its thread the active one; elsewhere in the text, none.
    const click = (event: MouseEvent) => {
      if (!mounted(editor) || !(event.target instanceof Element) || !editor.view.dom.contains(event.target)) return;
      const id = event.target.closest('[data-thread-id]')?.getAttribute('data-thread-id');
      if (id && id !== DRAFT_ID) {
        setActive(id);
        revealThread(id, 'thread');
      } else if (!id) setActive(null);
    };
    document.addEventListener('keydown', start);
    document.addEventListener('click', click);
    return () => {
      document.removeEventListener('keydown', start);
      document.removeEventListener('click', click);
    };
  }, [editor, part, sectionId, mayWrite, startDraft, setActive, revealThread]);
}

function mounted(editor: Editor): boolean {
  return !editor.isDestroyed && editor.isInitialized;
}

/** The browser's selection inside this editor as a thread to write, or null when it covers no text. */
function pickSelection(view: EditorView, part: DocPart, sectionId: string): Draft | null {
  const range = selectedRange(view);
  const text = range && textSelection(view.state.doc, range.from, range.to);
  const sync = syncStateOf(view.state);
  const anchor = text && sync && anchorOf(sync, text);
  const decoded = anchor && decodeAnchor(anchor);
  return anchor && decoded && text ? { part, sectionId, anchor, decoded, quote: text.quote } : null;
}

/**
 * The browser's selection in editor positions. A read-only editor has one
 * too, though ProseMirror does not follow it there, hence the DOM's own.
 */
function selectedRange(view: EditorView): TextRange | null {
  const selection = view.dom.ownerDocument.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  if (!view.dom.contains(range.startContainer) || !view.dom.contains(range.endContainer)) return null;
  try {
    const start = view.posAtDOM(range.startContainer, range.startOffset);
    const end = view.posAtDOM(range.endContainer, range.endOffset);
    return start === end ? null : { from: Math.min(start, end), to: Math.max(start, end) };
  } catch {
    // Inside a widget (the other physician's caret): nothing the editor can point at.
    return null;
  }
}

interface Placement {
  top: number;
  left: number;
}

/** Where the button goes for the current selection in this editor (below its end), or null without one. */
function useSelectionPlacement(editor: Editor): Placement | null {
  const [placement, setPlacement] = useState<Placement | null>(null);
  useEffect(() => {
    const update = () => {
      const next = mounted(editor) ? placementOf(editor.view) : null;
      setPlacement((current) => (current?.top === next?.top && current?.left === next?.left ? current : next));
    };
    document.addEventListener('selectionchange', update);
    return () => document.removeEventListener('selectionchange', update);
  }, [editor]);
  return placement;
}

function placementOf(view: EditorView): Placement | null {
  const range = selectedRange(view);
  const frame = view.dom.closest('.editor-frame');
  if (!range || !frame || !textSelection(view.state.doc, range.from, range.to)) return null;
  const selection = view.dom.ownerDocument.getSelection()!;
  const rects = selection.getRangeAt(0).getClientRects();
  const last = rects[rects.length - 1] ?? selection.getRangeAt(0).getBoundingClientRect();
  const box = frame.getBoundingClientRect();
  return { top: Math.round(last.bottom - box.top + 4), left: Math.round(Math.max(0, Math.min(last.right - box.left, box.width - 120))) };
}

/** Whether the document has synced with the server since it opened. */
function useSynced(collab: CollabDoc): boolean {
  return useSyncExternalStore(
    (notify) => {
      collab.provider.on('sync', notify);
      return () => collab.provider.off('sync', notify);
    },
    () => collab.provider.synced,
  );
}
