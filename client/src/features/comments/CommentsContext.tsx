import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { CommentAnchor } from '../../../../shared/comments.ts';
import type { DocPart } from '../../../../shared/docNames.ts';
import type { DecodedAnchor } from './anchors.ts';
import { RangeStore } from './rangeStore.ts';
import type { CaseComments } from './useCaseComments.ts';
import './comments.css';

/** A thread being written: the text it will be anchored to. */
export interface Draft {
  part: DocPart;
  sectionId: string;
  anchor: CommentAnchor;
  decoded: DecodedAnchor;
  quote: string;
}

/**
 * A thread to bring into view: `text` (from the inbox) centres its text and
 * moves focus to the thread; `thread` (a click in its text) only scrolls the
 * thread into view; `focus` (just written) scrolls it into view and focuses it.
 */
export interface Reveal {
  threadId: string;
  mode: 'text' | 'thread' | 'focus';
  /** A new request every time, also for the same thread. */
  nonce: number;
}

export interface CommentsContextValue {
  comments: CaseComments;
  userId: string;
  /** Whether this user may write comments: a reviewer reads them only (shared/permissions.ts). */
  mayWrite: boolean;
  ranges: RangeStore;
  /** The thread focused, clicked or opened: its text stands out. */
  active: string | null;
  setActive(threadId: string | null): void;
  /** The thread under the mouse in the margin: its text stands out while it is. */
  hovered: string | null;
  setHovered(threadId: string | null): void;
  draft: Draft | null;
  startDraft(draft: Draft): void;
  cancelDraft(): void;
  reveal: Reveal | null;
  revealThread(threadId: string, mode: Reveal['mode']): void;
  /** Marks the thread read, shows its section and brings its text into view. */
  openThread(threadId: string): void;
  /** Shows the case's list of threads. */
  showInbox(): void;
}

const CommentsContext = createContext<CommentsContextValue | null>(null);

interface Props {
  comments: CaseComments;
  userId: string;
  mayWrite: boolean;
  /** Shows the section's group, as the navigation does. */
  goToSection(sectionId: string): void;
  showInbox(): void;
  children: ReactNode;
}

export function CommentsProvider({ comments, userId, mayWrite, goToSection, showInbox, children }: Props) {
  const [ranges] = useState(() => new RangeStore());
  const [active, setActive] = useState<string | null>(null);
  const [hovered, setHovered] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [reveal, setReveal] = useState<Reveal | null>(null);

  const revealThread = useCallback((threadId: string, mode: Reveal['mode']) => setReveal({ threadId, mode, nonce: Date.now() }), []);
  const { threads, markRead } = comments;
  const openThread = useCallback(
    (threadId: string) => {
      const thread = threads.find((t) => t.id === threadId);
      if (!thread) return;
      // A failed mark only leaves the thread unread; the thread is shown either way.
      if (thread.unread > 0) markRead(threadId).catch(() => undefined);
      setActive(threadId);
      goToSection(thread.sectionId);
      revealThread(threadId, 'text');
    },
    [threads, markRead, goToSection, revealThread],
  );

  const value = useMemo<CommentsContextValue>(
    () => ({
      comments,
      userId,
      mayWrite,
      ranges,
      active,
      setActive,
      hovered,
      setHovered,
      draft,
      startDraft: setDraft,
      cancelDraft: () => setDraft(null),
      reveal,
      revealThread,
      openThread,
      showInbox,
    }),
    [comments, userId, mayWrite, ranges, active, hovered, draft, reveal, revealThread, openThread, showInbox],
  );
  return <CommentsContext.Provider value={value}>{children}</CommentsContext.Provider>;
}

/** The case's comments, or null outside a case workspace. */
export function useComments(): CommentsContextValue | null {
  return useContext(CommentsContext);
}
