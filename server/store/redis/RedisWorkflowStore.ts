import type { Redis } from 'ioredis';
import type { CaseWorkflow, EventEnvelope } from '../../../shared/workflow/types.ts';
import { SeqConflictError, type ReviewerGrant, type WorkflowRecord, type WorkflowStore } from '../ports.ts';

/**
 * Lua: the whole commit in one step, since two nodes may race for the same seq.
 * Returns 0, changing nothing, unless the stored seq is the one before ARGV[1].
 * KEYS: state hash, event list, reviewer hash. ARGV: seq, hash, state JSON,
 * envelope JSON, per-user index key prefix, case id, then user id / dispute ids pairs.
 */
const COMMIT = `
local current = tonumber(redis.call('HGET', KEYS[1], 'seq') or '0')
if current ~= tonumber(ARGV[1]) - 1 then return 0 end
redis.call('RPUSH', KEYS[2], ARGV[4])
redis.call('HSET', KEYS[1], 'seq', ARGV[1], 'hash', ARGV[2], 'state', ARGV[3])
for _, user in ipairs(redis.call('HKEYS', KEYS[3])) do redis.call('SREM', ARGV[5] .. user, ARGV[6]) end
redis.call('DEL', KEYS[3])
for i = 7, #ARGV, 2 do
  redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 1])
  redis.call('SADD', ARGV[5] .. ARGV[i], ARGV[6])
end
return 1`;

/**
 * The case event log, the state derived from it, and reviewer access, in Redis.
 * Keys, after the prefix:
 * - `workflow:{caseId}` hash: seq, hash, state (JSON)
 * - `workflow-events:{caseId}` list of event JSON; event n sits at index n - 1
 * - `workflow-reviewers:{caseId}` hash user id -> JSON list of the dispute ids granting access
 * - `workflow-reviews:{userId}` set of the case ids the user reviews
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
    };
  }

  async load(caseId: string): Promise<WorkflowRecord | null> {
    const stored = await this.redis.hgetall(this.key.state(caseId));
    if (stored.seq === undefined) return null;
    return { seq: Number(stored.seq), hash: stored.hash!, state: JSON.parse(stored.state!) as CaseWorkflow };
  }

  async commit(envelope: EventEnvelope, state: CaseWorkflow, reviewers: ReviewerGrant[]): Promise<void> {
    const { caseId } = envelope;
    const keys = [this.key.state(caseId), this.key.events(caseId), this.key.reviewers(caseId)];
    const args = [envelope.seq, envelope.hash, JSON.stringify(state), JSON.stringify(envelope), this.key.reviewsPrefix, caseId];
    const committed = await this.redis.eval(COMMIT, keys.length, ...keys, ...args, ...grantsByUser(reviewers));
    if (committed === 0) throw new SeqConflictError(caseId);
  }

  async listEvents(caseId: string, afterSeq = 0): Promise<EventEnvelope[]> {
    const events = await this.redis.lrange(this.key.events(caseId), Math.max(0, Math.floor(afterSeq)), -1);
    return events.map((json) => JSON.parse(json) as EventEnvelope);
  }

  async isReviewer(caseId: string, userId: string): Promise<boolean> {
    return (await this.redis.hexists(this.key.reviewers(caseId), userId)) === 1;
  }

  async casesReviewedBy(userId: string): Promise<string[]> {
    return (await this.redis.smembers(this.key.reviewsPrefix + userId)).sort();
  }
}

/** Flattens grants to user id / JSON dispute ids pairs, one per user, each dispute once. */
function grantsByUser(reviewers: ReviewerGrant[]): string[] {
  const disputes = new Map<string, Set<string>>();
  for (const { userId, disputeId } of reviewers) disputes.set(userId, (disputes.get(userId) ?? new Set()).add(disputeId));
  return [...disputes].flatMap(([userId, ids]) => [userId, JSON.stringify([...ids])]);
}
