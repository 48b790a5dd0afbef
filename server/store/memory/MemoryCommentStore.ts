import type { Comment, CommentThread } from '../../../shared/comments.ts';
import type { CommentChange, CommentEdit, CommentStore } from '../ports.ts';

/** Comment threads in memory for fast unit tests; not durable. */
export class MemoryCommentStore implements CommentStore {
  private readonly threads = new Map<string, CommentThread>();
  private readonly reads = new Map<string, string>();

  async createThread(thread: CommentThread): Promise<void> {
    this.prepare({ kind: 'createThread', thread })();
  }

  async getThread(threadId: string): Promise<CommentThread | null> {
    const thread = this.threads.get(threadId);
    return thread ? structuredClone(thread) : null;
  }

  async listThreads(caseId: string): Promise<CommentThread[]> {
    return structuredClone(
      [...this.threads.values()].filter((t) => t.caseId === caseId).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)),
    );
  }

  async addComment(threadId: string, comment: Comment): Promise<void> {
    this.prepare({ kind: 'addComment', threadId, comment })();
  }

  async updateComment(commentId: string, change: CommentEdit): Promise<void> {
    this.prepare({ kind: 'updateComment', commentId, change })();
  }

  async setResolved(threadId: string, resolved: CommentThread['resolved']): Promise<void> {
    this.prepare({ kind: 'setResolved', threadId, resolved })();
  }

  /**
   * Checks the change and returns the step that applies it, which cannot
   * fail: a workflow commit checks everything it writes before it writes any
   * of it (MemoryWorkflowStore), so that a refused change commits nothing.
   */
  prepare(change: CommentChange): () => void {
    switch (change.kind) {
      case 'createThread': {
        const thread = structuredClone(change.thread);
        if (this.threads.has(thread.id)) throw new Error(`thread ${thread.id} exists`);
        return () => void this.threads.set(thread.id, thread);
      }
      case 'addComment': {
        const thread = this.threads.get(change.threadId);
        if (!thread) throw new Error(`thread ${change.threadId} does not exist`);
        const comment = structuredClone(change.comment);
        return () => void thread.comments.push(comment);
      }
      case 'updateComment': {
        const { text, editedAt, deletedAt } = change.change;
        const found = [...this.threads.values()].flatMap((t) => t.comments).filter((c) => c.id === change.commentId);
        return () => found.forEach((comment) => Object.assign(comment, { text, editedAt, deletedAt }));
      }
      case 'setResolved': {
        const thread = this.threads.get(change.threadId);
        const resolved = structuredClone(change.resolved);
        return () => void (thread && (thread.resolved = resolved));
      }
    }
  }

  async markRead(userId: string, threadId: string, at: string): Promise<void> {
    const key = `${userId}\n${threadId}`;
    const current = this.reads.get(key);
    if (!current || current < at) this.reads.set(key, at);
  }

  async readMarks(userId: string, caseId: string): Promise<Record<string, string>> {
    const marks: Record<string, string> = {};
    for (const thread of this.threads.values()) {
      const at = thread.caseId === caseId ? this.reads.get(`${userId}\n${thread.id}`) : undefined;
      if (at) marks[thread.id] = at;
    }
    return marks;
  }
}
