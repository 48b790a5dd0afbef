import type { Redis } from 'ioredis';
import type { Comment, CommentThread } from '../../../shared/comments.ts';
import type { CommentStore } from '../ports.ts';

type StoredThread = Omit<CommentThread, 'comments'>;

/**
 * Lua: stores a new thread with its comments, or returns 0 when the id is taken.
 * KEYS: thread, case's thread set, thread's comment list, then one key per comment.
 * ARGV: thread JSON, thread id, then comment id / comment JSON pairs.
 */
const CREATE_THREAD = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SADD', KEYS[2], ARGV[2])
for j = 1, #KEYS - 3 do
  redis.call('SET', KEYS[3 + j], ARGV[2 + 2 * j])
  redis.call('RPUSH', KEYS[3], ARGV[1 + 2 * j])
end
return 1`;

/** Lua: appends a comment to an existing thread, or returns 0 (SQLite's foreign key refuses it too). */
const ADD_COMMENT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('SET', KEYS[3], ARGV[2])
redis.call('RPUSH', KEYS[2], ARGV[1])
return 1`;

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
 * Edits and resolutions read, change and write back one JSON value without a
 * script: each replaces every field that can change, so two racing writers end
 * as if they had run one after the other.
 */
export class RedisCommentStore implements CommentStore {
  private readonly key;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.key = {
      thread: (id: string) => `${prefix}thread:${id}`,
      caseThreads: (caseId: string) => `${prefix}case-threads:${caseId}`,
      threadComments: (threadId: string) => `${prefix}thread-comments:${threadId}`,
      comment: (id: string) => `${prefix}comment:${id}`,
      reads: (userId: string) => `${prefix}comment-reads:${userId}`,
    };
  }

  async createThread(thread: CommentThread): Promise<void> {
    const { comments, ...stored } = thread;
    const keys = [this.key.thread(thread.id), this.key.caseThreads(thread.caseId), this.key.threadComments(thread.id)];
    const pairs = comments.flatMap((comment) => [comment.id, JSON.stringify(comment)]);
    const allKeys = [...keys, ...comments.map((comment) => this.key.comment(comment.id))];
    const created = await this.redis.eval(CREATE_THREAD, allKeys.length, ...allKeys, JSON.stringify(stored), thread.id, ...pairs);
    if (created === 0) throw new Error(`thread ${thread.id} exists`);
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
    const keys = [this.key.thread(threadId), this.key.threadComments(threadId), this.key.comment(comment.id)];
    const added = await this.redis.eval(ADD_COMMENT, keys.length, ...keys, comment.id, JSON.stringify(comment));
    if (added === 0) throw new Error(`thread ${threadId} does not exist`);
  }

  async updateComment(commentId: string, change: { text: string; editedAt: string | null; deletedAt: string | null }): Promise<void> {
    const key = this.key.comment(commentId);
    const json = await this.redis.get(key);
    if (!json) return;
    const { text, editedAt, deletedAt } = change;
    await this.redis.set(key, JSON.stringify({ ...(JSON.parse(json) as Comment), text, editedAt, deletedAt }));
  }

  async setResolved(threadId: string, resolved: CommentThread['resolved']): Promise<void> {
    const key = this.key.thread(threadId);
    const json = await this.redis.get(key);
    if (!json) return;
    await this.redis.set(key, JSON.stringify({ ...(JSON.parse(json) as StoredThread), resolved }));
  }

  async markRead(userId: string, threadId: string, at: string): Promise<void> {
    await this.redis.eval(MARK_READ, 1, this.key.reads(userId), threadId, at);
  }

  async readMarks(userId: string, caseId: string): Promise<Record<string, string>> {
    const [marks, threadIds] = await Promise.all([this.redis.hgetall(this.key.reads(userId)), this.redis.smembers(this.key.caseThreads(caseId))]);
    return Object.fromEntries(threadIds.filter((id) => marks[id] !== undefined).map((id) => [id, marks[id]!]));
  }
}
