import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { DocumentHeldError, type AppendChecked, type AppendResult, type DocStore, type StoredDoc } from '../ports.ts';

/** The keys and the channel of one document. */
export function docKeys(prefix: string, docName: string) {
  const base = `${prefix}doc:${docName}`;
  return {
    seq: `${base}:seq`,
    log: `${base}:log`,
    snapshot: `${base}:snapshot`,
    lock: `${base}:lock`,
    gate: `${base}:gate`,
    rules: `${base}:rules`,
    channel: base,
  };
}

/**
 * Appends in one step: numbers the updates, adds them to the document's
 * stream (entry id `<seq>-0`), and announces them on the document's channel
 * as `u<first seq>:<node id>:` followed by each update with a 4-byte length.
 * Refused (HELD) while a workflow command holds the document's writes, and
 * when the updates were checked against rules older than the document's
 * rules epoch (a section was locked meanwhile; ARGV[2] empty: not checked).
 * The hold and the epoch are read in one MGET: five commands per append.
 * The reply's error code is HELD (Redis 7 prefixes a one-word error with
 * ERR, so the message has more words; HELD_REPLY accepts both forms).
 * KEYS: seq, log, channel, gate, rules. ARGV: node id, rules epoch, updates…
 */
const APPEND = `
local gate = redis.call('MGET', KEYS[4], KEYS[5])
if gate[1] then return redis.error_reply('HELD writes held by a workflow command') end
if ARGV[2] ~= '' and (gate[2] or '0') ~= ARGV[2] then return redis.error_reply('HELD rules changed') end
local n = #ARGV - 2
local last = redis.call('INCRBY', KEYS[1], n)
local first = last - n + 1
local parts = { 'u', string.format('%d', first), ':', ARGV[1], ':' }
for i = 1, n do
  redis.call('XADD', KEYS[2], string.format('%d', first + i - 1) .. '-0', 'u', ARGV[i + 2])
  parts[#parts + 1] = struct.pack('>I4', #ARGV[i + 2])
  parts[#parts + 1] = ARGV[i + 2]
end
if n > 0 then redis.call('PUBLISH', KEYS[3], table.concat(parts)) end
return { last, redis.call('XLEN', KEYS[2]) }
`;

/**
 * Replaces the entries up to ARGV[2] by the snapshot ARGV[1], unless a newer
 * snapshot is stored. KEYS: snapshot, log.
 */
const COMPACT = `
local upto = tonumber(ARGV[2])
local stored = tonumber(redis.call('HGET', KEYS[1], 'seq') or '0')
if upto < stored then return 0 end
redis.call('HSET', KEYS[1], 'data', ARGV[1], 'seq', ARGV[2])
redis.call('XTRIM', KEYS[2], 'MINID', string.format('%d', upto + 1) .. '-0')
return 1
`;

/**
 * Ends a hold of the document's writes: the rules epoch moves on (every node
 * checks its next writes against the rules as they are now) and the gate
 * opens, if this node still holds it. KEYS: gate, rules. ARGV: token.
 */
const RELEASE_GATE = `
redis.call('INCR', KEYS[2])
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** Deletes the lock only when this node still holds it. KEYS: lock. ARGV: token. */
const UNLOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** The append script's refusal, as ioredis reports it. */
const HELD_REPLY = /^(ERR )?HELD\b/;

/** How long a compaction lock is held at most, should its node die while compacting. */
const LOCK_TTL_MS = 30_000;

/** How long a workflow command may hold a document's writes at most, should its node die meanwhile. */
const GATE_TTL_MS = 10_000;
/** How often a node waiting to hold a document tries again. */
const GATE_POLL_MS = 10;

type StreamEntry = [id: Buffer, fields: Buffer[]];

interface DocCommands {
  cwAppend(
    seqKey: string,
    logKey: string,
    channel: string,
    gateKey: string,
    rulesKey: string,
    nodeId: string,
    rulesEpoch: string,
    ...updates: Buffer[]
  ): Promise<[number, number]>;
  cwReleaseGate(gateKey: string, rulesKey: string, token: string): Promise<number>;
  cwCompact(snapshotKey: string, logKey: string, snapshot: Buffer, uptoSeq: string): Promise<number>;
  cwUnlock(lockKey: string, token: string): Promise<number>;
}

/**
 * Documents in Redis (docs/architecture.md): a stream per document is the durable log
 * (`<prefix>doc:<name>:log`, one entry per update, id `<seq>-0`), a counter
 * numbers the updates densely per document (`…:seq`), and compaction folds
 * the log into a snapshot hash (`…:snapshot`: data, seq) under a lock
 * (`…:lock`), so that one node compacts a document at a time. Every append
 * is announced on the document's channel for the other nodes (see
 * RedisDocumentBus).
 */
export class RedisDocStore implements DocStore {
  private readonly redis: Redis & DocCommands;

  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly nodeId: string,
  ) {
    redis.defineCommand('cwAppend', { numberOfKeys: 5, lua: APPEND });
    redis.defineCommand('cwReleaseGate', { numberOfKeys: 2, lua: RELEASE_GATE });
    redis.defineCommand('cwCompact', { numberOfKeys: 2, lua: COMPACT });
    redis.defineCommand('cwUnlock', { numberOfKeys: 1, lua: UNLOCK });
    this.redis = redis as Redis & DocCommands;
  }

  async load(docName: string): Promise<StoredDoc> {
    const keys = docKeys(this.prefix, docName);
    const results = await this.redis.multi().hmgetBuffer(keys.snapshot, 'data', 'seq').xrangeBuffer(keys.log, '-', '+').get(keys.seq).exec();
    const [snapshotRow, entries, seq] = answers(results) as [(Buffer | null)[], StreamEntry[], string | null];
    const [data] = snapshotRow;
    return { snapshot: data ? new Uint8Array(data) : null, updates: entries.map(updateOf), seq: Number(seq ?? 0) };
  }

  async append(docName: string, updates: Uint8Array[], checked?: AppendChecked): Promise<AppendResult> {
    const keys = docKeys(this.prefix, docName);
    // Copied now, as the port promises: the caller may reuse its buffers.
    const copies = updates.map((update) => Buffer.from(update));
    const epoch = checked ? String(checked.rulesEpoch) : '';
    try {
      const [seq, pendingCount] = await this.redis.cwAppend(keys.seq, keys.log, keys.channel, keys.gate, keys.rules, this.nodeId, epoch, ...copies);
      return { seq: Number(seq), pendingCount: Number(pendingCount) };
    } catch (error) {
      if (error instanceof Error && HELD_REPLY.test(error.message)) throw new DocumentHeldError(docName);
      throw error;
    }
  }

  /**
   * Redis answers an append after its AOF write; with `appendfsync always`
   * (as the distributed mode is run, docker-compose.yml) it fsyncs before it
   * answers, so an append that resolved survives a power loss already.
   */
  async flush(): Promise<void> {}

  /**
   * Holds the document's appends on every node until the returned release is
   * called (or GATE_TTL_MS passed); waits while another node holds them.
   */
  async holdAppends(docName: string): Promise<() => Promise<void>> {
    const { gate } = docKeys(this.prefix, docName);
    const token = `${this.nodeId}:${randomUUID()}`;
    for (const giveUpAt = Date.now() + 2 * GATE_TTL_MS; (await this.redis.set(gate, token, 'PX', GATE_TTL_MS, 'NX')) !== 'OK';) {
      if (Date.now() > giveUpAt) throw new Error(`the writes of ${docName} stayed held by another node`);
      await new Promise((resolve) => setTimeout(resolve, GATE_POLL_MS));
    }
    return async () => {
      await this.redis.cwReleaseGate(gate, docKeys(this.prefix, docName).rules, token);
    };
  }

  /** The document's rules epoch: it moves on with every hold, so an append checked before it is refused. */
  async rulesEpoch(docName: string): Promise<number> {
    return Number((await this.redis.get(docKeys(this.prefix, docName).rules)) ?? 0);
  }

  async compact(docName: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    const keys = docKeys(this.prefix, docName);
    const token = `${this.nodeId}:${uptoSeq}`;
    // Another node compacting this document right now makes this compaction unnecessary.
    if ((await this.redis.set(keys.lock, token, 'PX', LOCK_TTL_MS, 'NX')) !== 'OK') return;
    try {
      await this.redis.cwCompact(keys.snapshot, keys.log, Buffer.from(snapshot), String(uptoSeq));
    } finally {
      await this.redis.cwUnlock(keys.lock, token).catch(() => {});
    }
  }

  /** The entries after `afterSeq`; null when some of them are already folded into the snapshot. */
  async readAfter(docName: string, afterSeq: number): Promise<{ seq: number; updates: Uint8Array[] } | null> {
    const keys = docKeys(this.prefix, docName);
    const results = await this.redis
      .multi()
      .hget(keys.snapshot, 'seq')
      .xrangeBuffer(keys.log, `${afterSeq + 1}-0`, '+')
      .get(keys.seq)
      .exec();
    const [snapshotSeq, entries, seq] = answers(results) as [string | null, StreamEntry[], string | null];
    if (Number(snapshotSeq ?? 0) > afterSeq) return null;
    return { seq: Number(seq ?? afterSeq), updates: entries.map(updateOf) };
  }
}

function updateOf([, fields]: StreamEntry): Uint8Array {
  return new Uint8Array(fields[1]!);
}

/** The answers of a MULTI, failing on the first command that failed. */
export function answers(results: [Error | null, unknown][] | null): unknown[] {
  if (!results) throw new Error('Redis transaction aborted');
  return results.map(([error, value]) => {
    if (error) throw error;
    return value;
  });
}
