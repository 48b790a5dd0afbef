import type { Redis } from 'ioredis';
import type { Comment, CommentThread } from '../../../shared/comments.ts';
import type { CommentChange } from '../ports.ts';

/** A thread as stored under its own key: its comments are stored one key each. */
export type StoredThread = Omit<CommentThread, 'comments'>;

/** The comment threads' keys (see RedisCommentStore). */
export function commentKeys(prefix: string) {
  return {
    thread: (id: string) => `${prefix}thread:${id}`,
    caseThreads: (caseId: string) => `${prefix}case-threads:${caseId}`,
    threadComments: (threadId: string) => `${prefix}thread-comments:${threadId}`,
    comment: (id: string) => `${prefix}comment:${id}`,
    reads: (userId: string) => `${prefix}comment-reads:${userId}`,
  };
}

export type CommentKeys = ReturnType<typeof commentKeys>;

/**
 * One step of a comment change (or of a commit's notifications,
 * notificationWrites.ts), run by WRITES_LUA: a check that a key exists (or
 * does not), or a write. `set-if-exists` is SET … XX, `zadd` adds the value
 * with score 0 (a set in lexical order), `hincrby` adds 1 to the value's field.
 */
export interface RedisWrite {
  op: 'must-exist' | 'must-not-exist' | 'set' | 'set-if-exists' | 'sadd' | 'rpush' | 'zadd' | 'hincrby';
  key: string;
  value: string;
}

/** The steps of a change, and what to say when one of its checks refuses it. */
export interface RedisWrites {
  writes: RedisWrite[];
  refusal: string;
}

/**
 * Lua functions that run the steps of a RedisWrites inside a script: step j
 * has its key at KEYS[keyBase + j] and its op and value at ARGV[argBase + 2j - 1]
 * and ARGV[argBase + 2j]. `refused` runs the checks only, before anything is
 * written, so that a refused change writes nothing; `write` then runs the writes.
 */
export const WRITES_LUA = `
local function refused(keyBase, argBase, count)
  for j = 1, count do
    local op = ARGV[argBase + 2 * j - 1]
    if op == 'must-exist' or op == 'must-not-exist' then
      local exists = redis.call('EXISTS', KEYS[keyBase + j]) == 1
      if exists ~= (op == 'must-exist') then return true end
    end
  end
  return false
end
local function write(keyBase, argBase, count)
  for j = 1, count do
    local op, key, value = ARGV[argBase + 2 * j - 1], KEYS[keyBase + j], ARGV[argBase + 2 * j]
    if op == 'set' then redis.call('SET', key, value)
    elseif op == 'set-if-exists' then redis.call('SET', key, value, 'XX')
    elseif op == 'sadd' then redis.call('SADD', key, value)
    elseif op == 'rpush' then redis.call('RPUSH', key, value)
    elseif op == 'zadd' then redis.call('ZADD', key, 0, value)
    elseif op == 'hincrby' then redis.call('HINCRBY', key, value, 1) end
  end
end`;

/** Lua: a comment change on its own. KEYS and ARGV: its steps (see WRITES_LUA). Returns 0 when a check refuses it. */
export const APPLY_WRITES = `${WRITES_LUA}
if refused(0, 0, #KEYS) then return 0 end
write(0, 0, #KEYS)
return 1`;

/** The keys and the op / value pairs of the steps, in the order WRITES_LUA reads them. */
export function writeArgs({ writes }: RedisWrites): { keys: string[]; args: string[] } {
  return { keys: writes.map((w) => w.key), args: writes.flatMap((w) => [w.op, w.value]) };
}

/**
 * The steps of a comment change. An edit or a resolution reads the stored
 * JSON here and writes it back whole: each replaces every field that can
 * change, so two racing writers end as if they had run one after the other.
 * One that finds nothing writes nothing (SET XX: nor if it went meanwhile).
 */
export async function commentWrites(redis: Redis, key: CommentKeys, change: CommentChange): Promise<RedisWrites> {
  switch (change.kind) {
    case 'createThread': {
      const { comments, ...stored } = change.thread;
      const writes: RedisWrite[] = [
        { op: 'must-not-exist', key: key.thread(stored.id), value: '' },
        { op: 'set', key: key.thread(stored.id), value: JSON.stringify(stored) },
        { op: 'sadd', key: key.caseThreads(stored.caseId), value: stored.id },
        ...comments.flatMap((comment) => commentSteps(key, stored.id, comment)),
      ];
      return { writes, refusal: `thread ${stored.id} exists` };
    }
    case 'addComment': {
      const writes: RedisWrite[] = [{ op: 'must-exist', key: key.thread(change.threadId), value: '' }, ...commentSteps(key, change.threadId, change.comment)];
      return { writes, refusal: `thread ${change.threadId} does not exist` };
    }
    case 'updateComment': {
      const { text, editedAt, deletedAt } = change.change;
      return rewrite(redis, key.comment(change.commentId), (stored: Comment) => ({ ...stored, text, editedAt, deletedAt }));
    }
    case 'setResolved':
      return rewrite(redis, key.thread(change.threadId), (stored: StoredThread) => ({ ...stored, resolved: change.resolved }));
  }
}

/** A comment's own key, and its place at the end of its thread's list. */
function commentSteps(key: CommentKeys, threadId: string, comment: Comment): RedisWrite[] {
  return [
    { op: 'set', key: key.comment(comment.id), value: JSON.stringify(comment) },
    { op: 'rpush', key: key.threadComments(threadId), value: comment.id },
  ];
}

async function rewrite<T>(redis: Redis, key: string, change: (stored: T) => T): Promise<RedisWrites> {
  const json = await redis.get(key);
  const writes: RedisWrite[] = json ? [{ op: 'set-if-exists', key, value: JSON.stringify(change(JSON.parse(json) as T)) }] : [];
  return { writes, refusal: '' };
}
