import type { Comment, CommentThread } from '../../../shared/comments.ts';
import type { CommentChange } from '../ports.ts';
import type { SqliteDatabase } from './openDatabase.ts';

/**
 * The statements that write comment threads, shared by SqliteCommentStore and
 * SqliteWorkflowStore (which writes a comment's change in the transaction of
 * its event). Both are built on the same connection (index.ts), so the
 * workflow store's transaction covers these writes.
 *
 * The returned function is a transaction of its own: called inside another
 * one it runs as a savepoint of it, so a createThread is all or nothing either way
 * (https://github.com/WiseLibs/better-sqlite3/blob/master/docs/api.md#transactionfunction---function).
 */
export function prepareCommentWrites(db: SqliteDatabase): (change: CommentChange) => void {
  const sql = {
    insertThread: db.prepare(
      `INSERT INTO comment_threads (id, case_id, part, section_id, anchor_start, anchor_end, quote, created_by, created_by_name, created_at, resolved)
       VALUES (@id, @case_id, @part, @section_id, @anchor_start, @anchor_end, @quote, @created_by, @created_by_name, @created_at, @resolved)`,
    ),
    insertComment: db.prepare(
      `INSERT INTO comments (id, thread_id, author_id, author_name, text, created_at, edited_at, deleted_at)
       VALUES (@id, @thread_id, @author_id, @author_name, @text, @created_at, @edited_at, @deleted_at)`,
    ),
    updateComment: db.prepare<[string, string | null, string | null, string]>('UPDATE comments SET text = ?, edited_at = ?, deleted_at = ? WHERE id = ?'),
    resolve: db.prepare<[string | null, string]>('UPDATE comment_threads SET resolved = ? WHERE id = ?'),
  };
  // The foreign key of comments refuses a comment on a thread that does not exist.
  const insertComment = (threadId: string, comment: Comment) =>
    sql.insertComment.run({
      id: comment.id,
      thread_id: threadId,
      author_id: comment.author.userId,
      author_name: comment.author.name,
      text: comment.text,
      created_at: comment.createdAt,
      edited_at: comment.editedAt,
      deleted_at: comment.deletedAt,
    });
  const insertThread = (thread: CommentThread) => {
    sql.insertThread.run({
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
      resolved: resolvedColumn(thread.resolved),
    });
    for (const comment of thread.comments) insertComment(thread.id, comment);
  };
  return db.transaction((change: CommentChange) => {
    switch (change.kind) {
      case 'createThread':
        return insertThread(change.thread);
      case 'addComment':
        return void insertComment(change.threadId, change.comment);
      case 'updateComment':
        return void sql.updateComment.run(change.change.text, change.change.editedAt, change.change.deletedAt, change.commentId);
      case 'setResolved':
        return void sql.resolve.run(resolvedColumn(change.resolved), change.threadId);
    }
  });
}

const resolvedColumn = (resolved: CommentThread['resolved']) => (resolved ? JSON.stringify(resolved) : null);
