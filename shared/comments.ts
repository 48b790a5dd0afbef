import { z } from 'zod';
import { DOC_PARTS, type DocPart } from './docNames.ts';
import { SectionIdParam } from './workflowSchemas.ts';

/**
 * Margin comments (DESIGN §5): a thread anchored to a stretch of text in one
 * section of one document, by two Yjs relative positions (base64) and the
 * quoted text. Threads are server records, so authors cannot be forged, and
 * commenting never writes to a document.
 */
export interface CommentPerson {
  userId: string;
  name: string;
}

export interface Comment {
  id: string;
  author: CommentPerson;
  /** Empty once deleted. */
  text: string;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
}

export interface CommentAnchor {
  /** Y.RelativePosition of the first character, base64. */
  start: string;
  /** Y.RelativePosition just after the last character, base64. */
  end: string;
}

export interface CommentThread {
  id: string;
  caseId: string;
  part: DocPart;
  sectionId: string;
  anchor: CommentAnchor;
  /**
   * The text as it stood when the thread started, as the server read it between
   * the anchor's positions (at most MAX_QUOTE_LENGTH); shown when the text itself is gone.
   */
  quote: string;
  createdBy: CommentPerson;
  createdAt: string;
  resolved: { by: CommentPerson; at: string } | null;
  comments: Comment[];
}

/** A thread as one user sees it: with what they have not read yet. */
export interface ThreadView extends CommentThread {
  /** Comments by others after the user last read the thread. */
  unread: number;
  lastReadAt: string | null;
}

export interface CaseThreads {
  threads: ThreadView[];
  unread: number;
}

/** The push after a change to a thread: the thread, without anyone's read state. */
export interface CommentsPush {
  caseId: string;
  thread: CommentThread;
}

export interface InboxEntry {
  caseId: string;
  title: string;
  unread: number;
}

/** Unread comments of a thread for one user: by others, not deleted, after the last read. */
export function unreadIn(thread: CommentThread, userId: string, lastReadAt: string | null): number {
  return thread.comments.filter((c) => c.author.userId !== userId && !c.deletedAt && (!lastReadAt || c.createdAt > lastReadAt)).length;
}

/** The longest quote a thread keeps; a longer stretch is cut and ends in an ellipsis. */
export const MAX_QUOTE_LENGTH = 2000;

/** A stretch of text as a thread quotes it: without blanks at either end, at most MAX_QUOTE_LENGTH long. */
export function quoteOf(text: string): string {
  const quote = text.trim();
  return quote.length > MAX_QUOTE_LENGTH ? `${quote.slice(0, MAX_QUOTE_LENGTH - 1)}…` : quote;
}

const Base64 = z
  .string()
  .min(4)
  .max(2048)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64');
const CommentText = z.string().trim().min(1, 'required').max(8000);

export const CreateThreadInput = z.object({
  part: z.enum(DOC_PARTS),
  sectionId: SectionIdParam,
  anchor: z.object({ start: Base64, end: Base64 }),
  /**
   * The selected text as the browser saw it. Accepted for compatibility and
   * ignored: the server stores the text it finds between the anchor's positions.
   */
  quote: z.string().trim().min(1, 'select some text').max(MAX_QUOTE_LENGTH).optional(),
  /** The first comment. */
  text: CommentText,
});
export type CreateThreadInput = z.infer<typeof CreateThreadInput>;

export const CommentInput = z.object({ text: CommentText });
export type CommentInput = z.infer<typeof CommentInput>;

export const ThreadIdParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a thread id');
export const CommentIdParam = ThreadIdParam;
