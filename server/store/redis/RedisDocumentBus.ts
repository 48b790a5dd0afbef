import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { DocumentBus, DocumentFeed } from '../../collab/DocumentBus.ts';
import { docKeys, type RedisDocStore } from './RedisDocStore.ts';

const UPDATES = 0x75; // 'u'
const AWARENESS = 0x61; // 'a'
const RULES = 0x72; // 'r'
const COLON = 0x3a;

/**
 * The documents' channels in Redis pub/sub. Updates are announced by the
 * append script itself (RedisDocStore), atomically with storing them, so an
 * announcement never describes something not durable and a node that dies
 * after storing cannot swallow it. Awareness is published as
 * `a<node id>:<update>`, a change of the document's rules (its locks) as
 * `r<node id>`. Pub/sub may drop messages while a node is
 * disconnected: the feed then catches up from the stream (`onResync`).
 */
export class RedisDocumentBus implements DocumentBus {
  private readonly feeds = new Map<string, DocumentFeed>();
  private readonly channelToDoc = new Map<string, string>();
  private connectedBefore = false;

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly docs: RedisDocStore,
    private readonly prefix: string,
    readonly nodeId: string,
    private readonly log: Logger,
  ) {
    subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => this.receive(channel.toString(), message));
    subscriber.on('ready', () => {
      // ioredis subscribes again by itself after a reconnect; what was sent in between is read from the streams.
      if (this.connectedBefore) for (const feed of this.feeds.values()) feed.onResync();
      this.connectedBefore = true;
    });
    if (subscriber.status === 'ready') this.connectedBefore = true;
  }

  async join(docName: string, feed: DocumentFeed): Promise<void> {
    const { channel } = docKeys(this.prefix, docName);
    const rejoin = this.feeds.has(docName);
    this.feeds.set(docName, feed);
    this.channelToDoc.set(channel, docName);
    if (!rejoin) await this.subscriber.subscribe(channel);
  }

  leave(docName: string, feed: DocumentFeed): void {
    if (this.feeds.get(docName) !== feed) return;
    const { channel } = docKeys(this.prefix, docName);
    this.feeds.delete(docName);
    this.channelToDoc.delete(channel);
    this.subscriber.unsubscribe(channel).catch(() => {
      // Not connected: ioredis will not subscribe it again either, as the feed is gone.
    });
  }

  publishAwareness(docName: string, update: Uint8Array): void {
    const message = Buffer.concat([Buffer.from(`a${this.nodeId}:`), update]);
    this.publisher.publish(docKeys(this.prefix, docName).channel, message).catch(() => {
      // Carets are transient: a lost one is replaced by the next keystroke's.
    });
  }

  holdWrites(docName: string): Promise<() => Promise<void>> {
    return this.docs.holdAppends(docName);
  }

  rulesEpoch(docName: string): Promise<number> {
    return this.docs.rulesEpoch(docName);
  }

  publishRulesChanged(docName: string): void {
    this.publisher.publish(docKeys(this.prefix, docName).channel, `r${this.nodeId}`).catch((error: unknown) => {
      // The other nodes read the rules again at their next access sweep.
      this.log.warn({ cat: 'collab', doc: docName, err: error }, 'rule change not announced to the other nodes');
    });
  }

  readAfter(docName: string, afterSeq: number): Promise<{ seq: number; updates: Uint8Array[] } | null> {
    return this.docs.readAfter(docName, afterSeq);
  }

  async close(): Promise<void> {
    this.feeds.clear();
    this.channelToDoc.clear();
  }

  private receive(channel: string, message: Buffer): void {
    const docName = this.channelToDoc.get(channel);
    const feed = docName === undefined ? undefined : this.feeds.get(docName);
    if (!feed) return;
    try {
      if (message[0] === UPDATES) this.receiveUpdates(feed, message);
      else if (message[0] === AWARENESS) this.receiveAwareness(feed, message);
      else if (message[0] === RULES && message.toString('latin1', 1) !== this.nodeId) feed.onRemoteRulesChanged();
    } catch (error) {
      this.log.warn({ cat: 'collab', doc: docName, err: error }, 'malformed message from another node ignored');
    }
  }

  private receiveUpdates(feed: DocumentFeed, message: Buffer): void {
    const seqEnd = message.indexOf(COLON, 1);
    const nodeEnd = message.indexOf(COLON, seqEnd + 1);
    if (seqEnd < 0 || nodeEnd < 0) throw new Error('no header');
    // This node's own appends are applied when the append returns.
    if (message.toString('latin1', seqEnd + 1, nodeEnd) === this.nodeId) return;
    const firstSeq = Number(message.toString('latin1', 1, seqEnd));
    const updates: Uint8Array[] = [];
    for (let at = nodeEnd + 1; at < message.length;) {
      const length = message.readUInt32BE(at);
      if (at + 4 + length > message.length) throw new Error('truncated update');
      updates.push(new Uint8Array(message.subarray(at + 4, at + 4 + length)));
      at += 4 + length;
    }
    if (!Number.isSafeInteger(firstSeq) || firstSeq < 1 || updates.length === 0) throw new Error('bad header');
    feed.onRemoteUpdates(firstSeq, updates);
  }

  private receiveAwareness(feed: DocumentFeed, message: Buffer): void {
    const nodeEnd = message.indexOf(COLON, 1);
    if (nodeEnd < 0) throw new Error('no header');
    if (message.toString('latin1', 1, nodeEnd) === this.nodeId) return;
    feed.onRemoteAwareness(new Uint8Array(message.subarray(nodeEnd + 1)));
  }
}
