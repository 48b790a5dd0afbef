import type { DocPart } from '../../../shared/docNames.ts';
import type { Comment, CommentThread } from '../../../shared/comments.ts';
import type { CommentChange, CommentEdit, CommentStore } from '../ports.ts';
import { prepareCommentWrites } from './commentWrites.ts';
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
  private readonly write: (change: CommentChange) => void;

  constructor(db: SqliteDatabase) {
    this.sql = {
      thread: db.prepare<[string], ThreadRow>('SELECT * FROM comment_threads WHERE id = ?'),
      threads: db.prepare<[string], ThreadRow>('SELECT * FROM comment_threads WHERE case_id = ? ORDER BY created_at, id'),
      commentsOf: db.prepare<[string], CommentRow>('SELECT * FROM comments WHERE thread_id = ? ORDER BY created_at, rowid'),
      commentsOfCase: db.prepare<[string], CommentRow>(
        'SELECT c.* FROM comments c JOIN comment_threads t ON t.id = c.thread_id WHERE t.case_id = ? ORDER BY c.created_at, c.rowid',
      ),
      markRead: db.prepare<[string, string, string]>(
        `INSERT INTO comment_reads (user_id, thread_id, read_at) VALUES (?, ?, ?)
         ON CONFLICT (user_id, thread_id) DO UPDATE SET read_at = MAX(read_at, excluded.read_at)`,
      ),
      readMarks: db.prepare<[string, string], { thread_id: string; read_at: string }>(
        `SELECT r.thread_id, r.read_at FROM comment_reads r JOIN comment_threads t ON t.id = r.thread_id
         WHERE r.user_id = ? AND t.case_id = ?`,
      ),
    };
    this.write = prepareCommentWrites(db);
  }

  async createThread(thread: CommentThread): Promise<void> {
    this.write({ kind: 'createThread', thread });
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
    this.write({ kind: 'addComment', threadId, comment });
  }

  async updateComment(commentId: string, change: CommentEdit): Promise<void> {
    this.write({ kind: 'updateComment', commentId, change });
  }

  async setResolved(threadId: string, resolved: CommentThread['resolved']): Promise<void> {
    this.write({ kind: 'setResolved', threadId, resolved });
  }

  async markRead(userId: string, threadId: string, at: string): Promise<void> {
    this.sql.markRead.run(userId, threadId, at);
  }

  async readMarks(userId: string, caseId: string): Promise<Record<string, string>> {
    return Object.fromEntries(this.sql.readMarks.all(userId, caseId).map((row) => [row.thread_id, row.read_at]));
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
