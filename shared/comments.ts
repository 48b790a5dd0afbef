import { z } from 'zod';
import { DOC_PARTS, type DocPart } from './docNames.ts';
import { MAX_ANCHOR_CHARS, MAX_COMMENT_CHARS, MAX_QUOTE_CHARS, MIN_ANCHOR_CHARS } from './limits.ts';
import { IdParam, RequiredText } from './schemas.ts';
import { SectionIdParam } from './workflowSchemas.ts';

/**
 * Margin comments (docs/domain.md): a thread anchored to a stretch of text in one
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
   * the anchor's positions (at most MAX_QUOTE_CHARS); shown when the text itself is gone.
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

/** A stretch of text as a thread quotes it: without blanks at either end, at most MAX_QUOTE_CHARS long. */
export function quoteOf(text: string): string {
  const quote = text.trim();
  return quote.length > MAX_QUOTE_CHARS ? `${quote.slice(0, MAX_QUOTE_CHARS - 1)}…` : quote;
}

const Base64 = z
  .string()
  .min(MIN_ANCHOR_CHARS)
  .max(MAX_ANCHOR_CHARS)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64');
const CommentText = RequiredText(MAX_COMMENT_CHARS);

export const CreateThreadInput = z.object({
  part: z.enum(DOC_PARTS),
  sectionId: SectionIdParam,
  anchor: z.object({ start: Base64, end: Base64 }),
  /**
   * The selected text as the browser saw it. Accepted for compatibility and
   * ignored: the server stores the text it finds between the anchor's positions.
   */
  quote: z.string().trim().min(1, 'select some text').max(MAX_QUOTE_CHARS).optional(),
  /** The first comment. */
  text: CommentText,
});
export type CreateThreadInput = z.infer<typeof CreateThreadInput>;

export const CommentInput = z.object({ text: CommentText });
export type CommentInput = z.infer<typeof CommentInput>;

export const ThreadIdParam = IdParam('thread');
/** A comment id is an id like any other; its refusal says "not a thread id", as the API has always answered. */
export const CommentIdParam = ThreadIdParam;
