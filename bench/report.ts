import { capacityFigures } from './capacity.ts';
import { redisOpsFigures, type RedisOpsPerKeystroke } from './redisStats.ts';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import os from 'node:os';
import type { TargetKind } from './processes.ts';
import type { StepResult } from './protocol.ts';
import type { ConsultationRun } from './scenarios.ts';
import type { Summary } from './stats.ts';
import type { OpenCaseResult } from './openCase.ts';
import { median, pairedRatioTable, type Pair } from './pairedRatios.ts';
import type { WorkQueueResult } from './workQueue.ts';

export interface ColdResult {
  history: { updates: number; writeMs: number; updatesPerSecond: number };
  restart: string;
  stored: { updateRows: number; snapshotBytes: number } | null;
  startupMs: number;
  cold: { firstSyncMs: number; length: number; complete: boolean };
  warm: { firstSyncMs: number; length: number; complete: boolean };
}

export interface BenchResults {
  startedAt: string;
  machine: ReturnType<typeof machine>;
  settings: Record<string, unknown>;
  consultations: Partial<Record<TargetKind, ConsultationRun>>;
  /** Ours and the reference, paired per repetition (absent in results written before BENCH_REPEAT). */
  pairs?: Pair[];
  cold: Partial<Record<TargetKind, ColdResult>>;
  fanOut: Partial<Record<TargetKind, { load: StepResult | null; cpu: { cpuMsPer1000Updates: number } | null; firstSync: Summary }>>;
  redis: {
    consultations: number;
    singleNode: StepResult | null;
    crossNode: StepResult | null;
    redisOps?: RedisOpsPerKeystroke;
    firstSync: { singleNode: Summary; crossNode: Summary };
  } | null;
  /** Absent in results written before the scenario existed. */
  workQueue?: WorkQueueResult | null;
  openCase?: OpenCaseResult | null;
  skipped: string[];
  durationSeconds: number;
}

export function machine() {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
  };
}

const KINDS: TargetKind[] = ['ours', 'reference', 'hocuspocus'];
const NAMES: Record<TargetKind, string> = {
  ours: 'ours (SQLite, durable, auth)',
  reference: '@y/websocket-server 0.1.1',
  hocuspocus: '@hocuspocus/server 3 + SQLite',
};

type Row = { label: string; values: Partial<Record<TargetKind, number | null>>; unit: string; lowerIsBetter: boolean };

const fmt = (value: number | null | undefined, unit = '') =>
  value === null || value === undefined || Number.isNaN(value)
    ? '—'
    : `${value.toLocaleString('en-US', { maximumFractionDigits: value < 10 ? 2 : value < 100 ? 1 : 0 })}${unit}`;

/** ours ÷ other, phrased so that > 1 always means "ours is better". */
function ratio(row: Row, other: TargetKind): string {
  const ours = row.values.ours;
  const theirs = row.values[other];
  if (ours === null || ours === undefined || theirs === null || theirs === undefined || !ours || !theirs) return '—';
  const r = row.lowerIsBetter ? theirs / ours : ours / theirs;
  return `${r.toFixed(2)}×`;
}

function table(rows: Row[], kinds: TargetKind[]): string {
  const others = kinds.filter((k) => k !== 'ours');
  const head = `| metric | ${kinds.map((k) => NAMES[k]).join(' | ')} | ${others.map((k) => `ours vs ${k === 'reference' ? 'reference' : 'hocuspocus'}`).join(' | ')} |`;
  const rule = `|${'---|'.repeat(1 + kinds.length + others.length)}`;
  const body = rows.map(
    (row) => `| ${row.label} | ${kinds.map((k) => fmt(row.values[k], row.unit)).join(' | ')} | ${others.map((k) => ratio(row, k)).join(' | ')} |`,
  );
  return [head, rule, ...body].join('\n');
}

function per<T>(source: Partial<Record<TargetKind, T>>, pick: (value: T) => number | null | undefined): Partial<Record<TargetKind, number | null>> {
  const values: Partial<Record<TargetKind, number | null>> = {};
  for (const kind of KINDS) {
    const value = source[kind];
    values[kind] = value === undefined ? null : (pick(value) ?? null);
  }
  return values;
}

export function figures(results: BenchResults): string {
  const c = results.consultations;
  const kinds = KINDS.filter((k) => c[k] || results.fanOut[k] || results.cold[k]);
  const main = (run: ConsultationRun) => run.load.steps[0];
  const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
  const rows: Row[] = [
    {
      label: `relay latency p50 at the other physician (${results.settings.consultations} consultations)`,
      values: per(c, (r) => main(r)?.latency.p50),
      unit: ' ms',
      lowerIsBetter: true,
    },
    { label: 'relay latency p95', values: per(c, (r) => main(r)?.latency.p95), unit: ' ms', lowerIsBetter: true },
    { label: 'relay latency p99', values: per(c, (r) => main(r)?.latency.p99), unit: ' ms', lowerIsBetter: true },
    { label: 'updates offered / delivered per second', values: per(c, (r) => main(r)?.deliveredUpdatesPerSecond), unit: '/s', lowerIsBetter: false },
    { label: 'lost updates (not relayed within the step + 1.5 s)', values: per(c, (r) => main(r)?.lost), unit: '', lowerIsBetter: true },
    { label: 'sustained updates/s with p99 ≤ 100 ms (ramp)', values: per(c, (r) => r.sustainedUpdatesPerSecond), unit: '/s', lowerIsBetter: false },
    { label: 'server CPU per 1,000 updates (+1,000 awareness)', values: per(c, (r) => r.steps[0]?.cpuMsPer1000Updates), unit: ' ms', lowerIsBetter: true },
    { label: 'heap per loaded empty document (after GC)', values: per(c, (r) => kb(r.memory.perDocBytes)), unit: ' KB', lowerIsBetter: true },
    {
      label: 'heap per document after the run (with its text, idle)',
      values: per(c, (r) => kb(r.memory.perDocAfterRunBytes)),
      unit: ' KB',
      lowerIsBetter: true,
    },
    { label: 'heap per connection (after GC)', values: per(c, (r) => kb(r.memory.perConnectionBytes)), unit: ' KB', lowerIsBetter: true },
    { label: 'time to first sync p50 (connect → sync step 2)', values: per(c, (r) => r.load.firstSync.p50), unit: ' ms', lowerIsBetter: true },
    { label: 'time to first sync p95', values: per(c, (r) => r.load.firstSync.p95), unit: ' ms', lowerIsBetter: true },
    {
      label: `cold load: first sync after restart, ${results.settings.historyUpdates} updates of history`,
      values: per(results.cold, (r) => r.cold.firstSyncMs),
      unit: ' ms',
      lowerIsBetter: true,
    },
    { label: 'same document, warm (loaded)', values: per(results.cold, (r) => r.warm.firstSyncMs), unit: ' ms', lowerIsBetter: true },
    {
      label: 'history written (updates/s, one writer, window 2,000)',
      values: per(results.cold, (r) => r.history.updatesPerSecond),
      unit: '/s',
      lowerIsBetter: false,
    },
    {
      label: `fan-out (${results.settings.fanOutWriters} writers, one document): p50`,
      values: per(results.fanOut, (r) => r.load?.latency.p50),
      unit: ' ms',
      lowerIsBetter: true,
    },
    { label: 'fan-out p99', values: per(results.fanOut, (r) => r.load?.latency.p99), unit: ' ms', lowerIsBetter: true },
    { label: 'fan-out deliveries per second', values: per(results.fanOut, (r) => r.load?.deliveredUpdatesPerSecond), unit: '/s', lowerIsBetter: false },
    { label: 'fan-out CPU per 1,000 incoming updates', values: per(results.fanOut, (r) => r.cpu?.cpuMsPer1000Updates), unit: ' ms', lowerIsBetter: true },
  ];
  const parts = [table(rows, kinds)];
  if (results.pairs?.length) parts.push(pairedRatioTable(results.pairs, Number(results.settings.consultations)));

  const ramp = kinds
    .filter((k) => c[k])
    .map((k) => {
      const run = c[k]!;
      const cells = run.load.steps.map(
        (step, i) =>
          `×${step.multiplier}: ${fmt(step.offeredUpdatesPerSecond)}/s p99 ${fmt(step.latency.p99)} ms${step.passed ? '' : ' ✗'} (CPU ${fmt(run.steps[i]?.cpuSeconds)} s, send lag p99 ${fmt(step.sendLag.p99)} ms)`,
      );
      return `- **${NAMES[k]}**: ${cells.join(' → ')}`;
    });
  if (ramp.length) parts.push(`Ramp (offered rate per step, relay p99; ✗ = failed: p99 > 100 ms, lost updates or closed sockets):\n\n${ramp.join('\n')}`);

  const ack = c.ours && main(c.ours)?.ackLatency;
  if (ack)
    parts.push(
      `Ours, durable write acknowledgement (scheduled send → \`[2,1,n]\` ack, fsync included): p50 ${ack.p50} ms, p95 ${ack.p95} ms, p99 ${ack.p99} ms.`,
    );

  const cold = results.cold.ours;
  if (cold) {
    parts.push(
      `Cold load, ours: ${cold.restart}; the store then held a snapshot of ${fmt(cold.stored?.snapshotBytes)} bytes and ${fmt(cold.stored?.updateRows)} uncompacted updates; ` +
        `server start ${cold.startupMs} ms; content complete: ${cold.cold.complete} (${cold.cold.length} characters).` +
        (results.cold.hocuspocus ? ` Hocuspocus: ${results.cold.hocuspocus.restart}; complete: ${results.cold.hocuspocus.cold.complete}.` : ''),
    );
  }

  const r = results.redis;
  if (r) {
    const line = (label: string, s: StepResult | null) =>
      s
        ? `| ${label} | ${s.latency.p50} ms | ${s.latency.p95} ms | ${s.latency.p99} ms | ${fmt(s.deliveredUpdatesPerSecond)}/s | ${s.lost} |`
        : `| ${label} | — | — | — | — | — |`;
    parts.push(
      [
        `Distributed mode (STORE=redis, redis-server with AOF fsync always, ${r.consultations} consultations, 15 s):`,
        '',
        '| | p50 | p95 | p99 | delivered | lost |',
        '|---|---|---|---|---|---|',
        line('both physicians on node A', r.singleNode),
        line('BA on node A, VA on node B (cross-node)', r.crossNode),
        ...(c.ours && main(c.ours) ? [line('for comparison: one node, SQLite (above)', main(c.ours)!)] : []),
      ].join('\n'),
    );
    parts.push(redisOpsFigures(r.redisOps, r.singleNode?.latency.p99 ?? null, r.crossNode?.latency.p99 ?? null));
  }
  const oursMain = c.ours && main(c.ours);
  // With paired repetitions, the model takes ours' median repetition rather than the first alone.
  const reps = results.pairs?.map((pair) => pair.ours) ?? [];
  const sustained = reps.length ? median(reps.map((rep) => rep.sustained)) : (c.ours?.sustainedUpdatesPerSecond ?? null);
  if (c.ours && oursMain)
    parts.push(
      capacityFigures({
        consultations: Number(results.settings.consultations),
        offeredUpdatesPerSecond: oursMain.offeredUpdatesPerSecond,
        sustainedUpdatesPerSecond: sustained || null,
        mainP99Ms: reps.length ? median(reps.map((rep) => rep.p99)) : oursMain.latency.p99,
        cpuMsPer1000Updates: reps.length ? median(reps.map((rep) => rep.cpuMsPer1000Updates)) : (c.ours.steps[0]?.cpuMsPer1000Updates ?? null),
        redisOpsPerKeystroke: r?.redisOps?.perKeystroke ?? null,
        redisCpuMsPer1000Keystrokes: r?.redisOps?.cpuMsPer1000Keystrokes ?? null,
      }),
    );
  if (results.workQueue) parts.push(workQueueFigures(results.workQueue));
  if (results.openCase) parts.push(openCaseFigures(results.openCase));
  parts.push(targets(results));
  if (results.skipped.length) parts.push(`Skipped to stay within 20 minutes: ${results.skipped.join(', ')}.`);
  if (results.settings.oursExtraEnv) parts.push(`**Diagnostic run**: ours ran with \`${String(results.settings.oursExtraEnv)}\`.`);
  parts.push(
    `Machine: ${results.machine.cores} × ${results.machine.cpu}, ${results.machine.memoryGiB} GiB, ${results.machine.os}, Node ${results.machine.node}; run ${results.startedAt}, took ${results.durationSeconds} s.`,
  );
  return parts.join('\n\n');
}

function workQueueFigures(q: WorkQueueResult): string {
  const line = (label: string, s: Summary) => `| ${label} | ${s.count} | ${fmt(s.p50)} ms | ${fmt(s.p95)} ms | ${fmt(s.max)} ms |`;
  return [
    `Work queue (the case list), ${q.cases} cases for one BA (${q.mix.proposals} proposals waiting for the BA's signature, ${q.mix.disagreements} flagged sections, ` +
      `${q.mix.disputes} disputes of which ${q.mix.overdueDisputes} past a target date, ${q.mix.sessions} sessions; seeded in ${q.seedSeconds} s), ours on SQLite, Chromium on the built client; measured ${q.measuredAt}:`,
    '',
    '| | samples | p50 | p95 | max |',
    '|---|---|---|---|---|',
    line('`GET /api/cases` (all cases with their queue fields)', q.listRequest),
    line('navigation → first page of the table rendered', q.firstPage),
    line('keystroke in the search → table updated', q.search),
    line('filter toggled → table updated', q.filter),
  ].join('\n');
}

/** Targets of the open case: interactive within OPEN_CASE_TARGET_MS, each keystroke within a frame. */
const OPEN_CASE_TARGET_MS = 500;
const FRAME_MS = 16.7;

function openCaseFigures(o: OpenCaseResult): string {
  const verdict = (value: number, limit: number) => (value < limit ? 'met' : '**not met**');
  const line = (label: string, s: Summary, target: string) => `| ${label} | ${s.count} | ${fmt(s.p50)} ms | ${fmt(s.p95)} ms | ${fmt(s.max)} ms | ${target} |`;
  return [
    `Opening a case, ${o.sections} sections written by both physicians (${fmt(o.wordsPerPhysician)} words each) and a joint draft, ours on SQLite, Chromium on the built client as the BA ` +
      `(${o.viewport.width}×${o.viewport.height}, ${o.editors} editors in the open group); measured ${o.measuredAt}, at a 1-minute load average of ${o.loadAverage} on the shared machine (the benchmark's own processes included):`,
    '',
    '| | samples | p50 | p95 | max | target |',
    '|---|---|---|---|---|---|',
    line(
      'navigation → case interactive, fresh browser (no cache, no local copy)',
      o.firstOpen,
      `< ${OPEN_CASE_TARGET_MS} ms at p50: ${verdict(o.firstOpen.p50, OPEN_CASE_TARGET_MS)}, at max: ${verdict(o.firstOpen.max, OPEN_CASE_TARGET_MS)}`,
    ),
    line(
      'reload → case interactive (assets cached, local copy)',
      o.reload,
      `< ${OPEN_CASE_TARGET_MS} ms at p50: ${verdict(o.reload.p50, OPEN_CASE_TARGET_MS)}`,
    ),
    line(
      `keystroke in the BA's editor → frame shown (${o.keysPerSecond} keys/s)`,
      o.keystroke,
      `< ${FRAME_MS} ms at p95: ${verdict(o.keystroke.p95, FRAME_MS)}, at max: ${verdict(o.keystroke.max, FRAME_MS)}`,
    ),
    line(
      `same keys, Event Timing (only those ≥ ${o.eventTiming.thresholdMs} ms are reported)`,
      o.eventTiming.atOrOverThreshold,
      `${o.eventTiming.atOrOverThreshold.count} of ${o.eventTiming.keys} keys took a frame or more`,
    ),
  ].join('\n');
}

function targets(results: BenchResults): string {
  const ours = results.consultations.ours;
  const lines: [string, string, boolean | null][] = [];
  const cold = results.cold.ours;
  if (cold)
    lines.push([
      `cold load of the ${results.settings.historyUpdates}-update document < 100 ms`,
      `${cold.cold.firstSyncMs} ms`,
      cold.cold.firstSyncMs < 100 && cold.cold.complete,
    ]);
  if (ours)
    lines.push([
      'memory per idle loaded document < 200 KB',
      `${fmt(ours.memory.perDocAfterRunBytes / 1024)} KB (with text), ${fmt(ours.memory.perDocBytes / 1024)} KB (empty)`,
      ours.memory.perDocAfterRunBytes < 200 * 1024,
    ]);
  const mark = (ok: boolean | null) => (ok === null ? '—' : ok ? 'met' : '**not met**');
  return ['Targets:', '', '| target | measured | |', '|---|---|---|', ...lines.map(([t, m, ok]) => `| ${t} | ${m} | ${mark(ok)} |`)].join('\n');
}

/** The results a previous run wrote (to keep its figures when only one scenario runs), or null. */
export function previousResults(jsonPath: string): BenchResults | null {
  if (!existsSync(jsonPath)) return null;
  try {
    return JSON.parse(readFileSync(jsonPath, 'utf8')) as BenchResults;
  } catch {
    return null;
  }
}

/**
 * Writes the JSON and BENCHMARKS.md: the method, the hand-kept record of
 * profiling and fixes (`profilingPath`, kept across runs), then this run.
 */
export function writeReport(results: BenchResults, jsonPath: string, markdownPath: string, profilingPath: string): string {
  mkdirSync(dirname(jsonPath), { recursive: true });
  writeFileSync(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
  const body = figures(results);
  const profiling = existsSync(profilingPath) ? `${readFileSync(profilingPath, 'utf8').trim()}\n\n` : '';
  writeFileSync(markdownPath, `${METHOD}\n${profiling}## Results (latest run)\n\n${body}\n`);
  return body;
}

const METHOD = `# Benchmarks

\`npm run bench\` builds the server and the benchmark (\`bench/\`, \`bench/tsconfig.bench.json\`) and runs
\`node dist/bench/run.js\`: the same workload, in the same run, against

- **ours**: \`dist/server/main.js\` as \`npm start\` runs it — \`STORE=sqlite\` in a temporary \`DATA_DIR\`,
  \`SQLITE_SYNCHRONOUS=full\` (the default: an update is relayed once committed to the WAL and acknowledged once a grouped fsync has it on the disk, docs/durability.md), authentication and
  authorization on every socket (\`?token=\`), \`LOG_LEVEL=warn\`, \`MAX_CONNECTIONS_PER_USER=1000\`;
- **reference**: \`@y/websocket-server@0.1.1\` (\`setupWSConnection\`, as its \`server.js\` starts it): in
  memory, no persistence, no authentication;
- **hocuspocus**: \`@hocuspocus/server\` 3.4 (v4 needs Node 22) with SQLite persistence written the way its
  Database extension works (load the state in \`onLoadDocument\`, store the whole state in
  \`onStoreDocument\`, WAL, \`synchronous=FULL\`). Hocuspocus debounces storing (2 s, at most 10 s): it
  relays an update *before* it is stored. No authentication.

Each server runs in its own process (forked with \`--expose-gc\` and a small probe, \`bench/targets/\`);
the load generator (\`bench/loadgen.ts\`) is another process; the orchestrator (\`bench/run.ts\`) samples
the server's CPU from \`/proc/<pid>/stat\` and asks the probe for memory. Everything listens on
127.0.0.1 only; every child process is killed at the end, also on failure. The suite stays within
20 minutes: a scenario that would not fit is skipped and listed.

## Workload

- **Consultations**: per case the BA and the VA each hold a socket on each of the case's three
  documents (six sockets, three documents). Each physician types in bursts (4–12 keys 150 ms apart,
  then a pause; 5 characters a second on average), each burst into their own document or the joint
  one; every keystroke is one Yjs update (a character appended to a paragraph of an
  \`XmlFragment\`, as the editor does) followed by one caret awareness update. Read-only sockets
  only receive.
- **Open loop**: every keystroke is generated (a real \`Y.Doc\` per writer and document) and given its
  send time before the clock starts; latency counts from the *scheduled* time, so a slow server (or
  a slow generator) cannot hide queueing delay. The generator reports its own send lag.
- **Relay latency** is measured at the *other* physician's socket: a received update is identified by
  its (client, clock) range (\`Y.parseUpdateMeta\`). An update not received within the step plus
  1.5 s counts as lost.
- **Sustained throughput**: after the main step (×1, 20 s) the typing rate is raised in steps (×1.5,
  ×2, ×3, ×4, ×6, 8 s each) on the same sockets until a step's p99 exceeds 100 ms, updates are lost
  or a socket closes; the figure is the delivered rate of the last passing step. On this 2-core
  machine the generator shares the CPU with the server: when its send lag grows, the limit found is
  the machine's, not the server's.
- **Paired repetitions** (\`BENCH_REPEAT\`, 3): ours and the reference run the consultation scenario
  that many times each, in alternating order (ours first, then the reference first, …). Each
  repetition gives one ratio per figure (ours ÷ reference); the table reports the median of those
  ratios and their range. A minute in which the shared machine is slow then weighs on both servers
  alike, and one noisy run cannot move the median much. The other tables show the first repetition.
- **CPU per 1,000 updates**: server CPU seconds (user + system) during the main step per 1,000
  keystroke updates (each with its awareness update, and each relayed once).
- **Memory**: after two forced GCs, heap used + array buffers: before connecting, after one socket per
  document (documents loaded, empty), after the second socket per document, and after the run (the
  documents then hold the text typed, still connected). Per connection = second phase ÷ sockets
  added; per document = first phase ÷ documents − per connection; per document after the run =
  (after the run − baseline − sockets × per connection) ÷ documents.
- **Time to first sync**: from opening the socket to the server's sync step 2 (ours: authentication
  and authorization included).
- **Cold load**: one writer types ${'`'}BENCH_HISTORY${'`'} (100,000) one-character updates into one document,
  paced by an observer (at most 2,000 unrelayed); the server is then restarted (ours: \`kill -9\`,
  no shutdown compaction; Hocuspocus: SIGTERM after its debounce, so that it has stored) and one client
  connects: the time to its first sync, and whether all text arrived. The reference server keeps
  documents in memory only, so it has no cold load.
- **Fan-out**: 50 writers (for ours, BA and VA tokens in turn) on one joint document, 5 keys a second
  each for 15 s; latency at each of the 49 other sockets.
- **Distributed mode**: a \`redis-server\` (AOF, fsync always — as the distributed mode is run) and two
  of our nodes with \`STORE=redis\` and the same \`JWT_SECRET\`; first both physicians on node A, then
  the BA on node A and the VA on node B (cross-node).
- **Work queue** (\`bench/workQueue.ts\`): \`BENCH_QUEUE_CASES\` (500) cases for one BA are written into a
  fresh SQLite store (users and cases with the admin command's calls; the joint drafts to be proposed
  straight into the document store), then our server starts and its own commands over HTTP give them
  varied states: proposals by the VA, flags, disputes (half past a target date) and sessions. Debian's
  Chromium opens the built client as the BA (1280×900). The page marks (\`performance.mark\`,
  \`client/src/features/cases/queueTiming.ts\`) when the first page of the table is rendered — read as
  the time since the navigation started, over 5 fresh loads — and measures each keystroke in the search
  and each filter toggle from the input to the frame after the table followed it. \`BENCH_SCENARIOS=workqueue\`
  runs it alone (seconds) and keeps the other figures of the previous run in the report.
- **Open case** (\`bench/openCase.ts\`): one case whose 24 sections are all written by both physicians
  (84 words a section in paragraphs of 28, about 2,000 words each, with a qualifier where the section
  has a scale) and a joint draft (30 words a section) is written into a fresh SQLite store, shaped as
  the editor writes it (a \`Y.XmlFragment\` per section of \`paragraph\` elements), then our server
  starts. Debian's Chromium opens the case as the BA (1920×1200: the BA's, the VA's and the joint
  editor of the first section on screen — at 1280×900 the joint draft is below the fold; 15 editors in
  the open group). The page marks (\`client/src/features/workspace/caseTiming.ts\`) the first frame in
  which all the open group's editors are mounted on their synced documents and the BA's own ones (their
  column, the joint drafts) accept input — read as the time since the navigation started, in 5 fresh
  browser contexts (no cache, no local copy) and on a reload of each (assets cached, local copy in
  IndexedDB). Then 50 characters are typed into the BA's editor, 100 ms apart; each is measured from
  the key event's \`timeStamp\` to the end of the frame that shows it (a task posted from that frame's
  \`requestAnimationFrame\`, so the frame's style, layout and paint are included); as a cross-check, the
  browser's Event Timing API (\`PerformanceEventTiming\`: the event's \`timeStamp\` to the next paint, in
  8 ms steps) lists the keys that took 16 ms or more. \`BENCH_SCENARIOS=opencase\` runs it alone
  (under a minute) and keeps the other figures.

## Accounts

Ours needs one BA and one VA per case. They are created in the SQLite store before the server starts,
with the admin command line's store calls (\`createCase\` is the admin command itself) but one shared
password hash: scrypt (N=2^17) costs about 0.35 s per hash here, and hashing and logging in 400+
users would take minutes of the budget. Tokens are issued with the server's \`TokenService\` and the
run's \`JWT_SECRET\`, so the server checks each socket's token (signature, expiry, revocation, user)
and membership exactly as for a login's token; one real \`POST /api/auth/login\` is checked too.

Settings (environment): \`BENCH_N\` consultations (200), \`BENCH_SECONDS\` (20), \`BENCH_RAMP\`
(\`1.5,2,3,4,6\`), \`BENCH_RAMP_SECONDS\` (8), \`BENCH_HISTORY\` (100000), \`BENCH_REDIS_N\` (= N),
\`BENCH_SERVERS\`, \`BENCH_SCENARIOS\` (\`consultations,cold,fanout,redis,workqueue,opencase\`), \`BENCH_QUEUE_CASES\` (500). For diagnostics of our server
only: \`BENCH_OURS_ENV="SQLITE_SYNCHRONOUS=normal"\` (extra settings, named in the report) and
\`BENCH_OURS_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"\` (extra node flags; ours is then stopped
with SIGTERM so the profile is written). Raw results: \`bench/results/latest.json\`.

## Targets (recorded, not asserted by tests)

At 200 concurrent consultations: p99 no worse than the reference server's and throughput at least
the reference's — while durable and authorized; aim for 1.5× the reference's throughput. Cold load
of the 100k-update document under 100 ms. Memory per idle loaded document under 200 KB. A full case
interactive under 500 ms on loopback, and each keystroke in it shown within one frame (16.7 ms).
`;
