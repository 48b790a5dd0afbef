import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { ConnectionSpec, ColdSyncScenario, HistoryScenario, LoadResult, LoadScenario, Scenario, StepResult } from './protocol.ts';
import { round, summarize } from './stats.ts';
import { EMPTY_UPDATE, SyncStep, Wire, type Dialect } from './wire.ts';
import { keystrokeTimes, rng, Typist } from './workload.ts';

/**
 * The load generator, a process of its own (forked by bench/run.ts): raw `ws`
 * clients speaking the y-websocket (or Hocuspocus) protocol, open loop — every
 * send time is fixed before the clock starts and latency counts from it.
 */

const CONNECT_CONCURRENCY = 48;
const CONNECT_TIMEOUT_MS = 20_000;
const PROGRESS_EVERY_MS = 5_000;

let nextAsk = 1;
const waiting = new Map<number, (answer: unknown) => void>();

/** Tells the orchestrator where we are and waits for its answer (it samples the server meanwhile). */
function ask(name: string): Promise<unknown> {
  const id = nextAsk++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    process.send!({ id, type: 'mark', name });
  });
}

function progress(line: string): void {
  process.stderr.write(`    ${line}\n`);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One client socket on one document. */
class Connection {
  readonly wire: Wire;
  ws: WebSocket | null = null;
  syncedAfterMs: number | null = null;
  closed = false;
  /** Scheduled send times of update messages not yet acknowledged (NaN: not a keystroke). */
  readonly unacked: number[] = [];
  onUpdate: (update: Uint8Array, now: number) => void = () => {};
  onAck: (scheduled: number, now: number) => void = () => {};
  onAwareness: () => void = () => {};
  onSyncStep2: (update: Uint8Array) => void = () => {};
  onClose: () => void = () => {};

  constructor(
    readonly spec: ConnectionSpec,
    dialect: Dialect,
    private readonly awareness: Uint8Array,
  ) {
    this.wire = new Wire(dialect, spec.docName);
  }

  /** Opens the socket and resolves with the time until the server's sync step 2 arrived. */
  open(): Promise<number> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.spec.url, { perMessageDeflate: false });
      this.ws = ws;
      ws.binaryType = 'nodebuffer';
      const timer = setTimeout(() => reject(new Error(`no sync within ${CONNECT_TIMEOUT_MS} ms: ${this.spec.docName}`)), CONNECT_TIMEOUT_MS);
      ws.on('open', () => {
        for (const message of this.wire.opening(this.awareness)) ws.send(message);
      });
      ws.on('message', (data: Buffer) => {
        const now = performance.now();
        const message = this.wire.decode(data);
        switch (message.kind) {
          case 'syncStep1':
            this.unacked.push(NaN);
            return ws.send(this.wire.sync(SyncStep.step2, EMPTY_UPDATE));
          case 'syncStep2':
            if (this.syncedAfterMs === null) {
              this.syncedAfterMs = now - started;
              clearTimeout(timer);
              resolve(this.syncedAfterMs);
            }
            return this.onSyncStep2(message.update);
          case 'update':
            return this.onUpdate(message.update, now);
          case 'awareness':
            return this.onAwareness();
          case 'ack':
            for (let i = 0; i < message.count; i++) this.onAck(this.unacked.shift() ?? NaN, now);
            return;
          case 'other':
            return;
        }
      });
      ws.on('close', (code) => {
        if (!this.closed) this.onClose();
        this.closed = true;
        clearTimeout(timer);
        reject(new Error(`closed (${code}) before sync: ${this.spec.docName}`));
      });
      ws.on('error', () => {});
    });
  }

  send(message: Uint8Array): void {
    if (!this.closed) this.ws?.send(message);
  }

  sendUpdate(message: Uint8Array, scheduled: number): void {
    this.unacked.push(scheduled);
    this.send(message);
  }

  close(): void {
    this.closed = true;
    this.ws?.terminate();
  }
}

async function openAll(connections: Connection[], indices: number[]): Promise<{ times: number[]; errors: number }> {
  const times: number[] = [];
  let errors = 0;
  let next = 0;
  const worker = async () => {
    while (next < indices.length) {
      const connection = connections[indices[next++]!]!;
      try {
        times.push(await connection.open());
      } catch (error) {
        errors++;
        if (errors <= 3) progress(`connect error: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONNECT_CONCURRENCY }, worker));
  return { times, errors };
}

/** Knows every scheduled keystroke by (client, end clock) and turns receipts into latencies. */
class Tracker {
  private readonly byClient = new Map<number, { ends: number[]; scheduled: number[]; step: number[]; sender: Connection }>();
  readonly samples: number[][] = [];
  readonly received: number[] = [];

  register(client: number, end: number, scheduled: number, step: number, sender: Connection): void {
    let entry = this.byClient.get(client);
    if (!entry) this.byClient.set(client, (entry = { ends: [], scheduled: [], step: [], sender }));
    entry.ends.push(end);
    entry.scheduled.push(scheduled);
    entry.step.push(step);
    this.samples[step] ??= [];
    this.received[step] ??= 0;
  }

  /** Counts what `receiver` got; the sender's own echo (the reference server and Hocuspocus send it back) is not a relay. */
  receive(update: Uint8Array, now: number, receiver: Connection): void {
    const meta = Y.parseUpdateMeta(update);
    for (const [client, to] of meta.to) {
      const entry = this.byClient.get(client);
      if (!entry || entry.sender === receiver) continue;
      const from = meta.from.get(client) ?? 0;
      for (let i = firstAbove(entry.ends, from); i < entry.ends.length && entry.ends[i]! <= to; i++) {
        const step = entry.step[i]!;
        this.samples[step]!.push(now - entry.scheduled[i]!);
        this.received[step]!++;
      }
    }
  }
}

function firstAbove(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! > value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

interface ScheduledKey {
  t: number;
  conn: number;
  update: Uint8Array;
  awareness: Uint8Array;
  client: number;
  end: number;
}

async function runLoad(scenario: LoadScenario): Promise<LoadResult> {
  const random = rng(scenario.seed);
  const typists = scenario.writers.map((writer) => writer.targets.map((target) => new Typist(target.section, writer.name)));
  const typistOf = new Map<number, Typist>();
  scenario.writers.forEach((writer, w) => writer.targets.forEach((target, k) => typistOf.set(target.conn, typists[w]![k]!)));
  const connections = scenario.connections.map((spec, i) => {
    const typist = typistOf.get(i);
    const awareness = typist ? typist.initialAwareness() : new Typist('x', 'reader').initialAwareness();
    return new Connection(spec, scenario.dialect, awareness);
  });
  const peersOnDoc = new Map<string, number>();
  for (const spec of scenario.connections) peersOnDoc.set(spec.docName, (peersOnDoc.get(spec.docName) ?? 0) + 1);

  const tracker = new Tracker();
  const acks: number[][] = [];
  let currentStep = 0;
  let awarenessReceived = 0;
  let closedDuringRun = 0;
  for (const connection of connections) {
    connection.onUpdate = (update, now) => tracker.receive(update, now, connection);
    connection.onAck = (scheduled, now) => {
      if (!Number.isNaN(scheduled)) (acks[currentStep] ??= []).push(now - scheduled);
    };
    connection.onAwareness = () => awarenessReceived++;
    connection.onClose = () => closedDuringRun++;
  }

  const firstSync: number[] = [];
  let connectErrors = 0;
  for (const [p, phase] of scenario.connectPhases.entries()) {
    const started = performance.now();
    const { times, errors } = await openAll(connections, phase);
    firstSync.push(...times);
    connectErrors += errors;
    progress(`connected ${times.length}/${phase.length} sockets in ${Math.round(performance.now() - started)} ms (${errors} errors)`);
    await ask(`connected:${p}`);
  }
  const closedBeforeRun = closedDuringRun;

  const steps: StepResult[] = [];
  for (const [s, step] of scenario.steps.entries()) {
    currentStep = s;
    const keys = generate(scenario, typists, step.durationMs, step.multiplier, random);
    const expectedReceipts = keys.reduce((sum, key) => sum + (peersOnDoc.get(scenario.connections[key.conn]!.docName)! - 1), 0);
    const awarenessBefore = awarenessReceived;
    const closedBefore = closedDuringRun;
    await ask(`step-start:${s}`);
    const startAt = performance.now() + 20;
    for (const key of keys) tracker.register(key.client, key.end, startAt + key.t, s, connections[key.conn]!);
    const sendLag = await sendScheduled(connections, keys, startAt, step.durationMs, scenario.label, step.multiplier, tracker, s);
    await sleep(scenario.graceMs);
    await ask(`step-end:${s}`);
    const received = tracker.received[s] ?? 0;
    const latency = summarize(tracker.samples[s] ?? []);
    const lost = expectedReceipts - received;
    const closed = closedDuringRun - closedBefore;
    const result: StepResult = {
      multiplier: step.multiplier,
      durationMs: step.durationMs,
      keystrokes: keys.length,
      expectedReceipts,
      received,
      lost,
      closed,
      offeredUpdatesPerSecond: round(keys.length / (step.durationMs / 1000), 0),
      deliveredUpdatesPerSecond: round(received / (step.durationMs / 1000), 0),
      latency,
      sendLag: summarize(sendLag),
      ackLatency: acks[s]?.length ? summarize(acks[s]!) : null,
      awarenessReceived: awarenessReceived - awarenessBefore,
      passed: latency.p99 <= scenario.p99LimitMs && lost <= expectedReceipts * 0.001 && closed === 0,
    };
    steps.push(result);
    progress(
      `${scenario.label} ×${step.multiplier}: ${result.offeredUpdatesPerSecond} upd/s offered, p50 ${latency.p50} / p95 ${latency.p95} / p99 ${latency.p99} ms, ` +
        `lost ${lost}, closed ${closed}, send lag p99 ${result.sendLag.p99} ms → ${result.passed ? 'pass' : 'FAIL'}`,
    );
    if (!result.passed) break;
  }
  void closedBeforeRun;
  await ask('idle');
  for (const connection of connections) connection.close();
  return { connections: connections.length, firstSync: summarize(firstSync), connectErrors, steps };
}

/** Pre-generates one step's keystrokes of every writer, sorted by send time. */
function generate(scenario: LoadScenario, typists: Typist[][], durationMs: number, multiplier: number, random: () => number): ScheduledKey[] {
  const keys: ScheduledKey[] = [];
  scenario.writers.forEach((writer, w) => {
    const burstTarget: number[] = [];
    for (const { t, burst } of keystrokeTimes(durationMs, multiplier, random)) {
      burstTarget[burst] ??= Math.floor(random() * writer.targets.length);
      const k = burstTarget[burst]!;
      const typist = typists[w]![k]!;
      const conn = writer.targets[k]!.conn;
      const key = typist.key();
      keys.push({ t, conn, update: key.update, awareness: key.awareness, client: typist.clientId, end: key.clock });
    }
  });
  // Wrapped per connection's dialect now, so the send loop only sends.
  return keys.sort((a, b) => a.t - b.t);
}

function sendScheduled(
  connections: Connection[],
  keys: ScheduledKey[],
  startAt: number,
  durationMs: number,
  label: string,
  multiplier: number,
  tracker: Tracker,
  step: number,
): Promise<number[]> {
  const messages = keys.map((key) => {
    const wire = connections[key.conn]!.wire;
    return { update: wire.sync(SyncStep.update, key.update), awareness: wire.awareness(key.awareness) };
  });
  const lag: number[] = [];
  let i = 0;
  let sent = 0;
  const ticker = setInterval(() => {
    const elapsed = Math.round((performance.now() - startAt) / 1000);
    progress(`${label} ×${multiplier}: ${elapsed}/${Math.round(durationMs / 1000)} s, sent ${sent}, received ${tracker.received[step] ?? 0}`);
  }, PROGRESS_EVERY_MS);
  return new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (i < keys.length && startAt + keys[i]!.t <= now) {
        const key = keys[i]!;
        const connection = connections[key.conn]!;
        connection.sendUpdate(messages[i]!.update, startAt + key.t);
        connection.send(messages[i]!.awareness);
        lag.push(now - (startAt + key.t));
        sent++;
        i++;
      }
      if (i >= keys.length) {
        clearInterval(ticker);
        return resolve(lag);
      }
      setTimeout(tick, Math.max(0, startAt + keys[i]!.t - performance.now()));
    };
    setTimeout(tick, Math.max(0, startAt - performance.now()));
  });
}

/** Writes a long history into one document: one keystroke per update, paced by what an observer has received. */
async function runHistory(scenario: HistoryScenario): Promise<unknown> {
  const WINDOW = 2_000;
  const typist = new Typist('d240', 'history');
  const writer = new Connection(scenario.writer, scenario.dialect, typist.initialAwareness());
  const observer = new Connection(scenario.observer, scenario.dialect, new Typist('x', 'observer').initialAwareness());
  await writer.open();
  await observer.open();
  const generated = performance.now();
  const messages: Uint8Array[] = [];
  const ends: number[] = [];
  for (let i = 0; i < scenario.updates; i++) {
    const key = typist.key();
    messages.push(writer.wire.sync(SyncStep.update, key.update));
    ends.push(key.clock);
  }
  progress(`${scenario.label}: generated ${scenario.updates} updates in ${Math.round(performance.now() - generated)} ms`);
  let seen = 0;
  let wake: (() => void) | null = null;
  observer.onUpdate = (update) => {
    const to = Y.parseUpdateMeta(update).to.get(typist.clientId) ?? 0;
    while (seen < ends.length && ends[seen]! <= to) seen++;
    wake?.();
  };
  const started = performance.now();
  let lastReport = started;
  for (let i = 0; i < messages.length; i++) {
    while (i - seen >= WINDOW) await new Promise<void>((resolve) => (wake = resolve));
    writer.sendUpdate(messages[i]!, NaN);
    if (performance.now() - lastReport > PROGRESS_EVERY_MS) {
      lastReport = performance.now();
      progress(`${scenario.label}: ${i} / ${messages.length} updates written`);
    }
    if (i % 200 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  while (seen < messages.length) await new Promise<void>((resolve) => (wake = resolve));
  const elapsed = performance.now() - started;
  progress(`${scenario.label}: ${messages.length} updates relayed in ${Math.round(elapsed)} ms`);
  await ask('history-written');
  writer.close();
  observer.close();
  return { updates: messages.length, writeMs: round(elapsed, 0), updatesPerSecond: round(messages.length / (elapsed / 1000), 0) };
}

/** Connects once to a document right after the server restarted: the time to its first sync, and whether all content came. */
async function runColdSync(scenario: ColdSyncScenario): Promise<unknown> {
  const connection = new Connection(scenario.connection, scenario.dialect, new Typist('x', 'cold').initialAwareness());
  const doc = new Y.Doc();
  connection.onSyncStep2 = (update) => Y.applyUpdate(doc, update);
  const firstSyncMs = await connection.open();
  const paragraph = doc.getXmlFragment(scenario.section).get(0) as Y.XmlElement | undefined;
  const text = paragraph?.get(0) as Y.XmlText | undefined;
  const length = text?.length ?? 0;
  connection.close();
  return { firstSyncMs: round(firstSyncMs), length, complete: length === scenario.expectedLength };
}

async function run(scenario: Scenario): Promise<unknown> {
  switch (scenario.mode) {
    case 'load':
      return runLoad(scenario);
    case 'history':
      return runHistory(scenario);
    case 'coldSync':
      return runColdSync(scenario);
  }
}

process.on('message', (message: { type: 'start'; scenario: Scenario } | { type: 'answer'; id: number; answer: unknown }) => {
  if (message.type === 'answer') {
    waiting.get(message.id)?.(message.answer);
    waiting.delete(message.id);
    return;
  }
  run(message.scenario).then(
    (result) => process.send!({ id: 0, type: 'result', result }, () => process.exit(0)),
    (error: unknown) => {
      process.stderr.write(`load generator failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
});
// The orchestrator went away: nothing left to report to.
process.on('disconnect', () => process.exit(3));
