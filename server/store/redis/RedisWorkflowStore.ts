import { activeLabourExpert } from '../../../shared/workflow/labourExpert.ts';
import { normalizeStoredState } from '../../workflow/caseCheck.ts';
import type { Redis } from 'ioredis';
import type { CaseWorkflow, EventEnvelope } from '../../../shared/workflow/types.ts';
import { commentKeys, commentWrites, WRITES_LUA, writeArgs, type RedisWrites } from './commentWrites.ts';
import { auditKeys, auditListsOf } from './RedisAuditStore.ts';
import { notificationKeys, notificationWrites } from './notificationWrites.ts';
import {
  SeqConflictError,
  type CommitExtras,
  type HeadSeal,
  type NewNotification,
  type LegacySeal,
  type ReviewerGrant,
  type WorkflowRecord,
  type WorkflowStore,
} from '../ports.ts';

/**
 * Lua: the whole commit in one step, since two nodes may race for the same seq.
 * Returns 0, changing nothing, unless the stored seq is the one before ARGV[1];
 * returns 2, changing nothing, when the comment change's check refuses it.
 * Both checks come before any write: a script is not rolled back when it stops.
 * KEYS: state hash, event list, reviewer hash, the audit lists the command's
 * audit row goes to, then the keys of the comment change's and the notifications' steps. ARGV: seq,
 * hash, state JSON, envelope JSON, per-user index key prefix, case id, seal
 * JSON, the audit row JSON, the number of audit lists, the number of comment
 * steps, the steps' op / value pairs (commentWrites.ts), then user id /
 * dispute ids pairs.
 */
const COMMIT = `${WRITES_LUA}
local current = tonumber(redis.call('HGET', KEYS[1], 'seq') or '0')
if current ~= tonumber(ARGV[1]) - 1 then return 0 end
local commentKeys, steps = 3 + tonumber(ARGV[9]), tonumber(ARGV[10])
if refused(commentKeys, 10, steps) then return 2 end
redis.call('RPUSH', KEYS[2], ARGV[4])
redis.call('HSET', KEYS[1], 'seq', ARGV[1], 'hash', ARGV[2], 'state', ARGV[3], 'seal', ARGV[7])
for _, user in ipairs(redis.call('HKEYS', KEYS[3])) do redis.call('SREM', ARGV[5] .. user, ARGV[6]) end
redis.call('DEL', KEYS[3])
for i = 11 + 2 * steps, #ARGV, 2 do
  redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 1])
  redis.call('SADD', ARGV[5] .. ARGV[i], ARGV[6])
end
for i = 4, commentKeys do redis.call('RPUSH', KEYS[i], ARGV[8]) end
write(commentKeys, 10, steps)
return 1`;

/**
 * Lua: seals legacy rows in one step. KEYS: the state hashes; ARGV: per key
 * the expected seq, the expected hash and the seal JSON. A row that moved or
 * already has a seal is left alone. Returns the (1-based) indexes sealed.
 */
const SEAL_LEGACY = `
local sealed = {}
for i = 1, #KEYS do
  local row = redis.call('HMGET', KEYS[i], 'seq', 'hash', 'seal')
  local at = (i - 1) * 3
  if row[1] == ARGV[at + 1] and row[2] == ARGV[at + 2] and not row[3] then
    redis.call('HSET', KEYS[i], 'seal', ARGV[at + 3])
    sealed[#sealed + 1] = i
  end
end
return sealed`;

/** Keys SCAN is asked for per round trip when the state rows are counted at boot. */
const SCAN_COUNT = 1000;

/**
 * The case event log, the state derived from it, and reviewer access, in Redis.
 * Keys, after the prefix:
 * - `workflow:{caseId}` hash: seq, hash, state (JSON), seal (JSON; absent on rows written before the log was keyed)
 * - `workflow-events:{caseId}` list of event JSON; event n sits at index n - 1
 * - `workflow-reviewers:{caseId}` hash user id -> JSON list of the dispute ids granting access
 * - `workflow-reviews:{userId}` set of the case ids the user reviews (an index; the case's own hash decides)
 * - `workflow-labour-expert:{userId}` set of the case ids the user was ever invited into as labour expert
 *   (an index, only added to; the case's state decides)
 *
 * A commit also appends to the audit lists (RedisAuditStore), writes a
 * comment change to the thread keys (RedisCommentStore) and stores the
 * notifications (RedisNotificationStore), in its one script.
 */
export class RedisWorkflowStore implements WorkflowStore {
  private readonly key;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.key = {
      state: (caseId: string) => `${prefix}workflow:${caseId}`,
      events: (caseId: string) => `${prefix}workflow-events:${caseId}`,
      reviewers: (caseId: string) => `${prefix}workflow-reviewers:${caseId}`,
      reviewsPrefix: `${prefix}workflow-reviews:`,
      labourExpert: (userId: string) => `${prefix}workflow-labour-expert:${userId}`,
      audit: auditKeys(prefix),
      comments: commentKeys(prefix),
      notifications: notificationKeys(prefix),
    };
  }

  async load(caseId: string): Promise<WorkflowRecord | null> {
    // MULTI: the row and its grants of one commit, never of two.
    const replies = await this.redis.multi().hgetall(this.key.state(caseId)).hgetall(this.key.reviewers(caseId)).exec();
    const [stateReply, reviewersReply] = (replies ?? []).map(([error, value]) => {
      if (error) throw error;
      return value as Record<string, string>;
    });
    const stored = stateReply ?? {};
    if (stored.seq === undefined) return null;
    const reviewers = Object.entries(reviewersReply ?? {}).flatMap(([userId, ids]) =>
      (JSON.parse(ids) as string[]).map((disputeId) => ({ userId, disputeId })),
    );
    const seal = stored.seal === undefined ? null : (JSON.parse(stored.seal) as HeadSeal);
    return { seq: Number(stored.seq), hash: stored.hash!, state: JSON.parse(stored.state!) as CaseWorkflow, reviewers, seal };
  }

  async commit(envelope: EventEnvelope, state: CaseWorkflow, reviewers: ReviewerGrant[], seal: HeadSeal, extras: CommitExtras = {}): Promise<void> {
    const { caseId } = envelope;
    const { audit, comment, notifications = [] } = extras;
    const auditLists = audit ? auditListsOf(this.key.audit, audit) : [];
    const planned = await this.plannedWrites(comment, notifications);
    const steps = writeArgs(planned);
    const keys = [this.key.state(caseId), this.key.events(caseId), this.key.reviewers(caseId), ...auditLists, ...steps.keys];
    const row = audit ? JSON.stringify(audit) : '';
    // Before the commit, so that the index never misses a case; one the commit then refused is filtered out on reading.
    const labourExpert = activeLabourExpert(state);
    if (labourExpert) await this.redis.sadd(this.key.labourExpert(labourExpert), caseId);
    const args = [envelope.seq, envelope.hash, JSON.stringify(state), JSON.stringify(envelope), this.key.reviewsPrefix, caseId, JSON.stringify(seal), row];
    const counts = [auditLists.length, planned.writes.length];
    const committed = await this.redis.eval(COMMIT, keys.length, ...keys, ...args, ...counts, ...steps.args, ...grantsByUser(reviewers));
    if (committed === 0) throw new SeqConflictError(caseId);
    if (committed === 2) throw new Error(planned.refusal);
  }

  /** The steps of the comment change and of the notifications, run (checks first) by the commit's script. */
  private async plannedWrites(comment: CommitExtras['comment'], notifications: NewNotification[]): Promise<RedisWrites> {
    const parts = [
      comment ? await commentWrites(this.redis, this.key.comments, comment) : { writes: [], refusal: '' },
      notifications.length ? notificationWrites(this.key.notifications, notifications) : { writes: [], refusal: '' },
    ];
    return { writes: parts.flatMap((p) => p.writes), refusal: parts.flatMap((p) => (p.writes.length && p.refusal ? [p.refusal] : [])).join(', or ') };
  }

  async listEvents(caseId: string, afterSeq = 0): Promise<EventEnvelope[]> {
    const events = await this.redis.lrange(this.key.events(caseId), Math.max(0, Math.floor(afterSeq)), -1);
    return events.map((json) => JSON.parse(json) as EventEnvelope);
  }

  async isReviewer(caseId: string, userId: string): Promise<boolean> {
    return (await this.redis.hexists(this.key.reviewers(caseId), userId)) === 1;
  }

  async casesReviewedBy(userId: string): Promise<string[]> {
    // The per-user set is only an index: a case counts if its own grants (which its seal covers) name the user.
    const indexed = (await this.redis.smembers(this.key.reviewsPrefix + userId)).sort();
    const granted = await Promise.all(indexed.map((caseId) => this.isReviewer(caseId, userId)));
    return indexed.filter((_, i) => granted[i]);
  }

  async casesOfLabourExpert(userId: string): Promise<string[]> {
    const indexed = (await this.redis.smembers(this.key.labourExpert(userId))).sort();
    const states = await Promise.all(indexed.map((caseId) => this.redis.hget(this.key.state(caseId), 'state')));
    return indexed.filter((_, i) => {
      const state = states[i];
      return state != null && activeLabourExpert(normalizeStoredState(JSON.parse(state) as CaseWorkflow)) === userId;
    });
  }

  async sealCensus(): Promise<{ anySealed: boolean; unsealed: string[] }> {
    const statePrefix = this.key.state('');
    let anySealed = false;
    const unsealed: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${statePrefix}*`, 'COUNT', SCAN_COUNT);
      cursor = next;
      const sealed = await Promise.all(keys.map((key) => this.redis.hexists(key, 'seal')));
      keys.forEach((key, i) => (sealed[i] === 1 ? (anySealed = true) : unsealed.push(key.slice(statePrefix.length))));
    } while (cursor !== '0');
    return { anySealed, unsealed: [...new Set(unsealed)].sort() };
  }

  async sealLegacy(seals: LegacySeal[]): Promise<string[]> {
    if (seals.length === 0) return [];
    const keys = seals.map((s) => this.key.state(s.caseId));
    const args = seals.flatMap((s) => [String(s.seq), s.hash, JSON.stringify(s.seal)]);
    const sealed = (await this.redis.eval(SEAL_LEGACY, keys.length, ...keys, ...args)) as number[];
    return sealed.map((index) => seals[index - 1]!.caseId);
  }
}

/** Flattens grants to user id / JSON dispute ids pairs, one per user, each dispute once. */
function grantsByUser(reviewers: ReviewerGrant[]): string[] {
  const disputes = new Map<string, Set<string>>();
  for (const { userId, disputeId } of reviewers) disputes.set(userId, (disputes.get(userId) ?? new Set()).add(disputeId));
  return [...disputes].flatMap(([userId, ids]) => [userId, JSON.stringify([...ids])]);
}
