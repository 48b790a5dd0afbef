import type { Redis } from 'ioredis';
import type { Comment, CommentThread } from '../../../shared/comments.ts';
import type { CommentChange, CommentEdit, CommentStore } from '../ports.ts';
import { APPLY_WRITES, commentKeys, commentWrites, writeArgs, type CommentKeys, type StoredThread } from './commentWrites.ts';

/** Lua: moves a read mark forward only (ISO times compare as strings). */
const MARK_READ = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current or current < ARGV[2] then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end`;

const byCreation = (a: { createdAt: string }, b: { createdAt: string }) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0);
const threadOrder = (a: CommentThread, b: CommentThread) => byCreation(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Comment threads in Redis. Keys, after the prefix:
 * - `thread:{id}` thread JSON without its comments; `case-threads:{caseId}` set of thread ids
 * - `thread-comments:{threadId}` list of comment ids, in the order written; `comment:{id}` comment JSON
 * - `comment-reads:{userId}` hash thread id -> read up to
 *
 * The writes are those a workflow commit runs in its script
 * (commentWrites.ts), here in a script of their own.
 */
export class RedisCommentStore implements CommentStore {
  private readonly key: CommentKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.key = commentKeys(prefix);
  }

  async createThread(thread: CommentThread): Promise<void> {
    await this.apply({ kind: 'createThread', thread });
  }

  async getThread(threadId: string): Promise<CommentThread | null> {
    const [json, commentIds] = await Promise.all([this.redis.get(this.key.thread(threadId)), this.redis.lrange(this.key.threadComments(threadId), 0, -1)]);
    if (!json) return null;
    const comments = commentIds.length ? await this.redis.mget(commentIds.map(this.key.comment)) : [];
    const parsed = comments.filter((c): c is string => c !== null).map((c) => JSON.parse(c) as Comment);
    // As SQLite orders them: by creation time, then in the order written (sort is stable).
    return { ...(JSON.parse(json) as StoredThread), comments: parsed.sort(byCreation) };
  }

  async listThreads(caseId: string): Promise<CommentThread[]> {
    const ids = await this.redis.smembers(this.key.caseThreads(caseId));
    const threads = await Promise.all(ids.map((id) => this.getThread(id)));
    return threads.filter((thread): thread is CommentThread => thread !== null).sort(threadOrder);
  }

  async addComment(threadId: string, comment: Comment): Promise<void> {
    await this.apply({ kind: 'addComment', threadId, comment });
  }

  async updateComment(commentId: string, change: CommentEdit): Promise<void> {
    await this.apply({ kind: 'updateComment', commentId, change });
  }

  async setResolved(threadId: string, resolved: CommentThread['resolved']): Promise<void> {
    await this.apply({ kind: 'setResolved', threadId, resolved });
  }

  async markRead(userId: string, threadId: string, at: string): Promise<void> {
    await this.redis.eval(MARK_READ, 1, this.key.reads(userId), threadId, at);
  }

  async readMarks(userId: string, caseId: string): Promise<Record<string, string>> {
    const [marks, threadIds] = await Promise.all([this.redis.hgetall(this.key.reads(userId)), this.redis.smembers(this.key.caseThreads(caseId))]);
    return Object.fromEntries(threadIds.filter((id) => marks[id] !== undefined).map((id) => [id, marks[id]!]));
  }

  private async apply(change: CommentChange): Promise<void> {
    const planned = await commentWrites(this.redis, this.key, change);
    if (planned.writes.length === 0) return;
    const { keys, args } = writeArgs(planned);
    if ((await this.redis.eval(APPLY_WRITES, keys.length, ...keys, ...args)) === 0) throw new Error(planned.refusal);
  }
}
