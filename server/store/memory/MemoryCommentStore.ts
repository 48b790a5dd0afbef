import type { Comment, CommentThread } from '../../../shared/comments.ts';
import type { CommentStore } from '../ports.ts';

/** Comment threads in memory for fast unit tests; not durable. */
export class MemoryCommentStore implements CommentStore {
  private readonly threads = new Map<string, CommentThread>();
  private readonly reads = new Map<string, string>();

  async createThread(thread: CommentThread): Promise<void> {
    if (this.threads.has(thread.id)) throw new Error(`thread ${thread.id} exists`);
    this.threads.set(thread.id, structuredClone(thread));
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
    this.threads.get(threadId)?.comments.push(structuredClone(comment));
  }

  async updateComment(commentId: string, change: { text: string; editedAt: string | null; deletedAt: string | null }): Promise<void> {
    for (const thread of this.threads.values()) {
      const comment = thread.comments.find((c) => c.id === commentId);
      if (comment) Object.assign(comment, change);
    }
  }

  async setResolved(threadId: string, resolved: CommentThread['resolved']): Promise<void> {
    const thread = this.threads.get(threadId);
    if (thread) thread.resolved = structuredClone(resolved);
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
