import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { unreadIn, type CaseThreads, type CommentsPush, type CommentThread, type CreateThreadInput, type ThreadView } from '../../../../shared/comments.ts';
import { RealtimeEvent } from '../../../../shared/realtime.ts';
import { followCase } from '../../realtime/followCase.ts';
import { acquireSocket, releaseSocket } from '../../realtime/socket.ts';
import { takePrefetched } from '../workspace/casePrefetch.ts';
import { commentsApi } from './commentsApi.ts';

/** A thread with this user's read state. */
export interface ThreadItem extends CommentThread {
  unread: number;
  lastReadAt: string | null;
}

export type CommentsStatus = 'loading' | 'ready' | 'unavailable';

export interface CaseComments {
  status: CommentsStatus;
  /** Oldest first. */
  threads: ThreadItem[];
  unread: number;
  create(input: CreateThreadInput): Promise<ThreadItem>;
  reply(threadId: string, text: string): Promise<void>;
  edit(threadId: string, commentId: string, text: string): Promise<void>;
  remove(threadId: string, commentId: string): Promise<void>;
  setResolved(threadId: string, resolved: boolean): Promise<void>;
  markRead(threadId: string): Promise<void>;
}

interface Entry {
  thread: CommentThread;
  lastReadAt: string | null;
}

/**
 * The margin comments of one case, live: loaded over HTTP, kept current by
 * the pushes on socket.io. A push carries a thread without anyone's read
 * state, so the read state is this browser's: what the server said (the
 * list, and every command's answer), and unread counts follow from it.
 *
 * A command's answer and the pushes travel separately; an answer is taken
 * for the thread only if no push about that thread came in meanwhile (that
 * push may carry a later change by the other physician).
 */
export function useCaseComments(caseId: string, userId: string): CaseComments {
  const [entries, setEntries] = useState<ReadonlyMap<string, Entry>>(new Map());
  const [status, setStatus] = useState<CommentsStatus>('loading');
  const pushes = useRef(new Map<string, number>());
  const pushCount = (threadId: string) => pushes.current.get(threadId) ?? 0;

  const acceptList = useCallback((list: CaseThreads, sent: ReadonlyMap<string, number>) => {
    setEntries((current) => {
      const next = new Map<string, Entry>();
      for (const view of list.threads) {
        const known = current.get(view.id);
        const pushedSince = (pushes.current.get(view.id) ?? 0) > (sent.get(view.id) ?? 0);
        next.set(view.id, { thread: pushedSince && known ? known.thread : view, lastReadAt: later(known?.lastReadAt ?? null, view.lastReadAt) });
      }
      // Threads pushed after the list was sent are not in it.
      for (const [id, entry] of current) if (!next.has(id) && (pushes.current.get(id) ?? 0) > (sent.get(id) ?? 0)) next.set(id, entry);
      return next;
    });
    setStatus('ready');
  }, []);

  const acceptAnswer = useCallback((view: ThreadView, sent: number) => {
    setEntries((current) => {
      const known = current.get(view.id);
      const pushedSince = (pushes.current.get(view.id) ?? 0) > sent;
      const next = new Map(current);
      next.set(view.id, { thread: pushedSince && known ? known.thread : view, lastReadAt: later(known?.lastReadAt ?? null, view.lastReadAt) });
      return next;
    });
  }, []);

  useEffect(
    () =>
      followComments(caseId, pushes.current, {
        list: acceptList,
        failed: () => setStatus((current) => (current === 'ready' ? current : 'unavailable')),
        push: (thread) => setEntries((current) => new Map(current).set(thread.id, { thread, lastReadAt: current.get(thread.id)?.lastReadAt ?? null })),
      }),
    [caseId, acceptList],
  );

  const command = useCallback(
    async (threadId: string | null, call: () => Promise<ThreadView>): Promise<ThreadView> => {
      const sent = threadId ? pushCount(threadId) : 0;
      const view = await call();
      acceptAnswer(view, sent);
      return view;
    },
    [acceptAnswer],
  );

  const threads = useThreadItems(entries, userId);
  const unread = threads.reduce((sum, thread) => sum + thread.unread, 0);
  return useCommentCommands(caseId, status, threads, unread, command);
}

/**
 * Loads the threads and follows the pushes about them; after a reconnect
 * (the pushes sent meanwhile are lost) joins again and reloads. `pushes`
 * counts the pushes per thread. Returns what stops following.
 */
function followComments(
  caseId: string,
  pushes: Map<string, number>,
  on: { list: (list: CaseThreads, sent: ReadonlyMap<string, number>) => void; failed: () => void; push: (thread: CommentThread) => void },
): () => void {
  let active = true;
  // The first load may have been started with the page (casePrefetch.ts); each later one asks again.
  const load = (read: () => Promise<CaseThreads> = () => commentsApi.threads(caseId)) => {
    const sent = new Map(pushes);
    read().then(
      (list) => active && on.list(list, sent),
      () => active && on.failed(),
    );
  };
  load(() => takePrefetched(caseId, 'threads', () => commentsApi.threads(caseId)));
  const socket = acquireSocket();
  const unfollow = followCase(socket, caseId, () => {
    if (active) load();
  });
  const onComments = (push: CommentsPush) => {
    if (!active || push.caseId !== caseId) return;
    pushes.set(push.thread.id, (pushes.get(push.thread.id) ?? 0) + 1);
    on.push(push.thread);
  };
  socket.on(RealtimeEvent.comments, onComments);
  return () => {
    active = false;
    socket.off(RealtimeEvent.comments, onComments);
    unfollow();
    releaseSocket(socket);
  };
}

/** The threads with this user's unread counts, oldest first. */
function useThreadItems(entries: ReadonlyMap<string, Entry>, userId: string): ThreadItem[] {
  return useMemo(
    () =>
      [...entries.values()]
        .map(({ thread, lastReadAt }) => ({ ...thread, lastReadAt, unread: unreadIn(thread, userId, lastReadAt) }))
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    [entries, userId],
  );
}

type RunCommand = (threadId: string | null, call: () => Promise<ThreadView>) => Promise<ThreadView>;

/** The comments of the case with the commands on them, each answer taken in by `command`. */
function useCommentCommands(caseId: string, status: CommentsStatus, threads: ThreadItem[], unread: number, command: RunCommand): CaseComments {
  return useMemo<CaseComments>(
    () => ({
      status,
      threads,
      unread,
      create: async (input) => {
        const view = await command(null, () => commentsApi.create(caseId, input));
        return { ...view, unread: 0 };
      },
      reply: async (threadId, text) => void (await command(threadId, () => commentsApi.reply(caseId, threadId, text))),
      edit: async (threadId, commentId, text) => void (await command(threadId, () => commentsApi.edit(caseId, threadId, commentId, text))),
      remove: async (threadId, commentId) => void (await command(threadId, () => commentsApi.remove(caseId, threadId, commentId))),
      setResolved: async (threadId, resolved) =>
        void (await command(threadId, () => (resolved ? commentsApi.resolve(caseId, threadId) : commentsApi.reopen(caseId, threadId)))),
      markRead: async (threadId) => void (await command(threadId, () => commentsApi.markRead(caseId, threadId))),
    }),
    [status, threads, unread, command, caseId],
  );
}

/** The later of two server timestamps (ISO strings compare in time order). */
function later(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}
