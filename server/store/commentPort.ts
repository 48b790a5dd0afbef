import type { Comment, CommentThread } from '../../shared/comments.ts';

/** The comment threads' port (re-exported by ports.ts). */

/** A comment's text as an edit or a deletion leaves it. */
export interface CommentEdit {
  text: string;
  editedAt: string | null;
  deletedAt: string | null;
}

/**
 * One write to the comment threads, as data, so that a workflow commit can
 * carry it and write it in the transaction of the comment's event.
 */
export type CommentChange =
  | { kind: 'createThread'; thread: CommentThread }
  | { kind: 'addComment'; threadId: string; comment: Comment }
  | { kind: 'updateComment'; commentId: string; change: CommentEdit }
  | { kind: 'setResolved'; threadId: string; resolved: CommentThread['resolved'] };

/**
 * The comment threads. The commands write them only through
 * WorkflowStore.commit (a CommentChange); the writes here are the same ones,
 * on their own, and each matches its CommentChange's kind.
 */
export interface CommentStore {
  /** Stores a new thread with its first comment; refuses an id that is taken. */
  createThread(thread: CommentThread): Promise<void>;
  getThread(threadId: string): Promise<CommentThread | null>;
  /** The case's threads, oldest first, comments oldest first. */
  listThreads(caseId: string): Promise<CommentThread[]>;
  /** Refuses a thread that does not exist. */
  addComment(threadId: string, comment: Comment): Promise<void>;
  /** Changes a comment's text (an edit) or empties it (a deletion); a comment that does not exist is left alone. */
  updateComment(commentId: string, change: CommentEdit): Promise<void>;
  /** A thread that does not exist is left alone. */
  setResolved(threadId: string, resolved: CommentThread['resolved']): Promise<void>;
  /** Remembers that the user read the thread up to `at` (never moves back). */
  markRead(userId: string, threadId: string, at: string): Promise<void>;
  /** The user's read marks for the case's threads: thread id -> read up to. */
  readMarks(userId: string, caseId: string): Promise<Record<string, string>>;
}
