import type { DocPart } from '../../../shared/docNames.ts';
import type { Comment, CommentThread } from '../../../shared/comments.ts';
import type { CommentStore } from '../ports.ts';
import type { SqliteDatabase } from './openDatabase.ts';

interface ThreadRow {
  id: string;
  case_id: string;
  part: string;
  section_id: string;
  anchor_start: string;
  anchor_end: string;
  quote: string;
  created_by: string;
  created_by_name: string;
  created_at: string;
  resolved: string | null;
}

interface CommentRow {
  id: string;
  thread_id: string;
  author_id: string;
  author_name: string;
  text: string;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
}

const toComment = (row: CommentRow): Comment => ({
  id: row.id,
  author: { userId: row.author_id, name: row.author_name },
  text: row.text,
  createdAt: row.created_at,
  editedAt: row.edited_at,
  deletedAt: row.deleted_at,
});

/** Comment threads in the workspace database. */
export class SqliteCommentStore implements CommentStore {
  private readonly sql;
  private readonly createTx: (thread: CommentThread) => void;

  constructor(db: SqliteDatabase) {
    this.sql = {
      insertThread: db.prepare(
        `INSERT INTO comment_threads (id, case_id, part, section_id, anchor_start, anchor_end, quote, created_by, created_by_name, created_at, resolved)
         VALUES (@id, @case_id, @part, @section_id, @anchor_start, @anchor_end, @quote, @created_by, @created_by_name, @created_at, @resolved)`,
      ),
      insertComment: db.prepare(
        `INSERT INTO comments (id, thread_id, author_id, author_name, text, created_at, edited_at, deleted_at)
         VALUES (@id, @thread_id, @author_id, @author_name, @text, @created_at, @edited_at, @deleted_at)`,
      ),
      thread: db.prepare<[string], ThreadRow>('SELECT * FROM comment_threads WHERE id = ?'),
      threads: db.prepare<[string], ThreadRow>('SELECT * FROM comment_threads WHERE case_id = ? ORDER BY created_at, id'),
      commentsOf: db.prepare<[string], CommentRow>('SELECT * FROM comments WHERE thread_id = ? ORDER BY created_at, rowid'),
      commentsOfCase: db.prepare<[string], CommentRow>(
        'SELECT c.* FROM comments c JOIN comment_threads t ON t.id = c.thread_id WHERE t.case_id = ? ORDER BY c.created_at, c.rowid',
      ),
      updateComment: db.prepare<[string, string | null, string | null, string]>('UPDATE comments SET text = ?, edited_at = ?, deleted_at = ? WHERE id = ?'),
      resolve: db.prepare<[string | null, string]>('UPDATE comment_threads SET resolved = ? WHERE id = ?'),
      markRead: db.prepare<[string, string, string]>(
        `INSERT INTO comment_reads (user_id, thread_id, read_at) VALUES (?, ?, ?)
         ON CONFLICT (user_id, thread_id) DO UPDATE SET read_at = MAX(read_at, excluded.read_at)`,
      ),
      readMarks: db.prepare<[string, string], { thread_id: string; read_at: string }>(
        `SELECT r.thread_id, r.read_at FROM comment_reads r JOIN comment_threads t ON t.id = r.thread_id
         WHERE r.user_id = ? AND t.case_id = ?`,
      ),
    };
    this.createTx = db.transaction((thread: CommentThread) => {
      this.sql.insertThread.run({
        id: thread.id,
        case_id: thread.caseId,
        part: thread.part,
        section_id: thread.sectionId,
        anchor_start: thread.anchor.start,
        anchor_end: thread.anchor.end,
        quote: thread.quote,
        created_by: thread.createdBy.userId,
        created_by_name: thread.createdBy.name,
        created_at: thread.createdAt,
        resolved: thread.resolved ? JSON.stringify(thread.resolved) : null,
      });
      for (const comment of thread.comments) this.insert(thread.id, comment);
    });
  }

  async createThread(thread: CommentThread): Promise<void> {
    this.createTx(thread);
  }

  async getThread(threadId: string): Promise<CommentThread | null> {
    const row = this.sql.thread.get(threadId);
    return row ? toThread(row, this.sql.commentsOf.all(threadId).map(toComment)) : null;
  }

  async listThreads(caseId: string): Promise<CommentThread[]> {
    const comments = new Map<string, Comment[]>();
    for (const row of this.sql.commentsOfCase.all(caseId)) {
      const list = comments.get(row.thread_id) ?? [];
      list.push(toComment(row));
      comments.set(row.thread_id, list);
    }
    return this.sql.threads.all(caseId).map((row) => toThread(row, comments.get(row.id) ?? []));
  }

  async addComment(threadId: string, comment: Comment): Promise<void> {
    this.insert(threadId, comment);
  }

  async updateComment(commentId: string, change: { text: string; editedAt: string | null; deletedAt: string | null }): Promise<void> {
    this.sql.updateComment.run(change.text, change.editedAt, change.deletedAt, commentId);
  }

  async setResolved(threadId: string, resolved: CommentThread['resolved']): Promise<void> {
    this.sql.resolve.run(resolved ? JSON.stringify(resolved) : null, threadId);
  }

  async markRead(userId: string, threadId: string, at: string): Promise<void> {
    this.sql.markRead.run(userId, threadId, at);
  }

  async readMarks(userId: string, caseId: string): Promise<Record<string, string>> {
    return Object.fromEntries(this.sql.readMarks.all(userId, caseId).map((row) => [row.thread_id, row.read_at]));
  }

  private insert(threadId: string, comment: Comment): void {
    this.sql.insertComment.run({
      id: comment.id,
      thread_id: threadId,
      author_id: comment.author.userId,
      author_name: comment.author.name,
      text: comment.text,
      created_at: comment.createdAt,
      edited_at: comment.editedAt,
      deleted_at: comment.deletedAt,
    });
  }
}

function toThread(row: ThreadRow, comments: Comment[]): CommentThread {
  return {
    id: row.id,
    caseId: row.case_id,
    part: row.part as DocPart,
    sectionId: row.section_id,
    anchor: { start: row.anchor_start, end: row.anchor_end },
    quote: row.quote,
    createdBy: { userId: row.created_by, name: row.created_by_name },
    createdAt: row.created_at,
    resolved: row.resolved ? (JSON.parse(row.resolved) as CommentThread['resolved']) : null,
    comments,
  };
}
