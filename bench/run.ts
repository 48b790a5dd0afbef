import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLogger } from '../server/logger.ts';
import { createRedisStores } from '../server/store/redis/index.ts';
import { createSqliteStores } from '../server/store/sqlite/index.ts';
import { BENCH_JWT_SECRET, BENCH_PASSWORD, provision } from './accounts.ts';
import { opsPerKeystroke, readRedisStats } from './redisStats.ts';
import { benchFile, diagnosticNodeArgs, killAll, runLoadgen, startRedis, TargetProcess, type TargetKind } from './processes.ts';
import type { StepSpec } from './protocol.ts';
import { machine, previousResults, writeReport, type BenchResults } from './report.ts';
import {
  consultationLoad,
  dataDirFor,
  dialectOf,
  fanOutLoad,
  makeScratch,
  measureConsultations,
  ourEnv,
  removeDir,
  startTarget,
  storedShape,
  urlFor,
  type BenchContext,
  type ConsultationRun,
} from './scenarios.ts';
import type { LoadResult } from './protocol.ts';
import { openCaseScenario } from './openCase.ts';
import { pairFigures, type Pair } from './pairedRatios.ts';
import { workQueueScenario } from './workQueue.ts';

/**
 * `npm run bench`: the same workload against our server, the reference
 * y-websocket server and Hocuspocus, each in its own process, driven by a
 * load generator in another; results to bench/results/latest.json and
 * BENCHMARKS.md. Settings (environment): BENCH_N consultations (200),
 * BENCH_SERVERS (ours,reference,hocuspocus), BENCH_SCENARIOS
 * (consultations,cold,fanout,redis,workqueue,opencase), BENCH_SECONDS per main step (20),
 * BENCH_QUEUE_CASES cases of the work-queue scenario (500), BENCH_REPEAT paired
 * repetitions of ours and the reference (3).
 */
const N = Number(process.env.BENCH_N ?? 200);
const SERVERS = (process.env.BENCH_SERVERS ?? 'ours,reference,hocuspocus').split(',') as TargetKind[];
const SCENARIOS = new Set((process.env.BENCH_SCENARIOS ?? 'consultations,cold,fanout,redis,workqueue,opencase').split(','));
/** The browser scenarios alone (`BENCH_SCENARIOS=workqueue`, `opencase` or both): the other figures of the last run stay in the report. */
const BROWSER_ONLY = [...SCENARIOS].every((scenario) => scenario === 'workqueue' || scenario === 'opencase');
const QUEUE_CASES = Number(process.env.BENCH_QUEUE_CASES ?? 500);
const MAIN_SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const RAMP_SECONDS = Number(process.env.BENCH_RAMP_SECONDS ?? 8);
const RAMP = (process.env.BENCH_RAMP ?? '1.5,2,3,4,6')
  .split(',')
  .map(Number)
  .filter((m) => m > 0);
const HISTORY_UPDATES = Number(process.env.BENCH_HISTORY ?? 100_000);
const FANOUT_WRITERS = 50;
const REDIS_N = Number(process.env.BENCH_REDIS_N ?? N);
/** Paired repetitions of ours and the reference in the consultation scenario (the ratios' median is reported). */
const REPEAT = Math.max(1, Number(process.env.BENCH_REPEAT ?? 3));
const SUITE_LIMIT_MS = 20 * 60_000;
/** Where results go: the repository's (default), or elsewhere (the bench's own smoke test). */
const OUT_DIR = process.env.BENCH_OUT_DIR;

const began = performance.now();
const log = createLogger('warn');

function say(line: string): void {
  const elapsed = Math.round((performance.now() - began) / 1000);
  process.stderr.write(`[bench ${String(Math.floor(elapsed / 60)).padStart(2, '0')}:${String(elapsed % 60).padStart(2, '0')}] ${line}\n`);
}

/** Seconds left of the 20-minute budget; a scenario that cannot fit is skipped, not cut short. */
function remainingMs(): number {
  return SUITE_LIMIT_MS - (performance.now() - began);
}

async function main(): Promise<void> {
  const scratch = makeScratch();
  const results: BenchResults = {
    startedAt: new Date().toISOString(),
    machine: machine(),
    settings: {
      consultations: N,
      mainSeconds: MAIN_SECONDS,
      rampSeconds: RAMP_SECONDS,
      ramp: [1, ...RAMP],
      historyUpdates: HISTORY_UPDATES,
      fanOutWriters: FANOUT_WRITERS,
      redisConsultations: REDIS_N,
      oursExtraEnv: process.env.BENCH_OURS_ENV ?? '',
      repetitions: REPEAT,
    },
    consultations: {},
    cold: {},
    fanOut: {},
    redis: null,
    workQueue: null,
    openCase: null,
    skipped: [],
    durationSeconds: 0,
  };
  try {
    const templateDir = join(scratch, 'template');
    mkdirSync(templateDir);
    // The browser scenarios provision their own cases.
    const provisioned = BROWSER_ONLY ? 1 : Math.max(N, 1);
    say(`provisioning ${provisioned} cases with ${2 * provisioned} physicians`);
    const stores = createSqliteStores(templateDir, { synchronous: 'full' });
    const consultations = await provision(stores, log, provisioned);
    await stores.close();
    const context: BenchContext = { templateDir, consultations, scratch };

    if (SCENARIOS.has('consultations')) {
      for (const kind of SERVERS) {
        if (remainingMs() < 150_000) {
          results.skipped.push(`consultations/${kind}`);
          continue;
        }
        results.consultations[kind] = await consultationsScenario(context, kind);
      }
      results.pairs = await pairedRepetitions(context, results);
    }
    if (SCENARIOS.has('cold')) {
      for (const kind of SERVERS.filter((k) => k !== 'reference')) {
        if (remainingMs() < 60_000) {
          results.skipped.push(`cold/${kind}`);
          continue;
        }
        results.cold[kind] = await coldScenario(context, kind);
      }
    }
    if (SCENARIOS.has('fanout')) {
      for (const kind of SERVERS) {
        if (remainingMs() < 40_000) {
          results.skipped.push(`fanout/${kind}`);
          continue;
        }
        results.fanOut[kind] = await fanOutScenario(context, kind);
      }
    }
    if (SCENARIOS.has('redis')) {
      if (remainingMs() < 70_000) results.skipped.push('redis');
      else results.redis = await redisScenario(scratch);
    }
    if (SCENARIOS.has('workqueue')) {
      if (remainingMs() < 60_000) results.skipped.push('workqueue');
      else results.workQueue = await workQueueScenario(scratch, log, QUEUE_CASES, say);
    }
    if (SCENARIOS.has('opencase')) {
      if (remainingMs() < 60_000) results.skipped.push('opencase');
      else results.openCase = await openCaseScenario(scratch, log, say);
    }
  } finally {
    killAll();
    removeDir(scratch);
  }
  results.durationSeconds = Math.round((performance.now() - began) / 1000);
  const [jsonPath, markdownPath] = OUT_DIR
    ? [join(OUT_DIR, 'latest.json'), join(OUT_DIR, 'BENCHMARKS.md')]
    : [benchFile('../../bench/results/latest.json'), benchFile('../../BENCHMARKS.md')];
  const previous = BROWSER_ONLY ? previousResults(jsonPath) : null;
  const reported = previous
    ? {
        ...previous,
        workQueue: SCENARIOS.has('workqueue') ? results.workQueue : previous.workQueue,
        openCase: SCENARIOS.has('opencase') ? results.openCase : previous.openCase,
      }
    : results;
  const markdown = writeReport(reported, jsonPath, markdownPath, benchFile('../../bench/PROFILING.md'));
  process.stdout.write(`${markdown}\n`);
  say(`done in ${results.durationSeconds} s; wrote ${jsonPath} and ${markdownPath}`);
}

/**
 * The first pair is the run above; each further repetition runs ours and the
 * reference again, the one that went second last time going first.
 */
async function pairedRepetitions(context: BenchContext, results: BenchResults): Promise<Pair[]> {
  const { ours, reference } = results.consultations;
  if (!ours || !reference) return [];
  const first = SERVERS.indexOf('ours') < SERVERS.indexOf('reference') ? 'ours' : 'reference';
  const pairs: Pair[] = [{ first, ours: pairFigures(ours), reference: pairFigures(reference) }];
  const oneRunMs = (MAIN_SECONDS + RAMP.length * RAMP_SECONDS + 20) * 1000;
  for (let repetition = 2; repetition <= REPEAT; repetition++) {
    if (remainingMs() < 2 * oneRunMs + 150_000) {
      results.skipped.push(`consultations, repetition ${repetition}`);
      continue;
    }
    const order: ('ours' | 'reference')[] = pairs[pairs.length - 1]!.first === 'ours' ? ['reference', 'ours'] : ['ours', 'reference'];
    say(`consultations, repetition ${repetition} of ${REPEAT}: ${order.join(', then ')}`);
    const runs: Partial<Record<'ours' | 'reference', ConsultationRun>> = {};
    for (const kind of order) runs[kind] = await consultationsScenario(context, kind);
    pairs.push({ first: order[0]!, ours: pairFigures(runs.ours!), reference: pairFigures(runs.reference!) });
  }
  return pairs;
}

async function consultationsScenario(context: BenchContext, kind: TargetKind) {
  say(`consultations: ${kind}, ${N} consultations (${6 * N} sockets, ${3 * N} documents), ${MAIN_SECONDS} s at 5 keys/s, then ramp ×${RAMP.join(', ×')}`);
  const { target, dataDir } = await startTarget(context, kind);
  try {
    if (kind === 'ours') await checkRealLogin(target.port);
    const steps: StepSpec[] = [
      { multiplier: 1, durationMs: MAIN_SECONDS * 1000 },
      ...RAMP.map((multiplier) => ({ multiplier, durationMs: RAMP_SECONDS * 1000 })),
    ];
    const scenario = consultationLoad(
      kind,
      dialectOf(kind),
      context.consultations.slice(0, N),
      (docName, physician) => urlFor(kind, target.port, docName, physician),
      steps,
      42,
    );
    const run = await measureConsultations(target, scenario, Math.min(remainingMs(), 300_000));
    const main = run.load.steps[0]!;
    say(
      `${kind}: p50 ${main.latency.p50} / p95 ${main.latency.p95} / p99 ${main.latency.p99} ms; sustained ${run.sustainedUpdatesPerSecond ?? 'none'} upd/s; ${run.steps[0]?.cpuMsPer1000Updates} CPU ms / 1000 updates`,
    );
    return run;
  } finally {
    // A diagnostic run may profile (--cpu-prof writes at exit): let the server shut down.
    const diagnostic = diagnosticNodeArgs(kind).length > 0 || (kind === 'ours' && process.env.BENCH_OURS_ENV);
    await target.stop(diagnostic ? 'SIGTERM' : 'SIGKILL');
    removeDir(dataDir);
  }
}

/** The admin-provisioned accounts log in for real too (one scrypt check), and /readyz answers. */
async function checkRealLogin(port: number): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench.ba0', password: BENCH_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`login of bench.ba0 answered ${response.status}`);
}

async function coldScenario(context: BenchContext, kind: TargetKind) {
  say(`cold load: ${kind}, writing ${HISTORY_UPDATES} one-character updates into one document`);
  const dataDir = dataDirFor(context, kind);
  // The history is written as fast as one connection can: past the per-connection update rate, which
  // would otherwise stretch it to HISTORY_UPDATES / 100 s. What is measured is the cold load of it.
  const env = kind === 'ours' ? ourEnv(dataDir, { COLLAB_UPDATE_RATE: String(HISTORY_UPDATES) }) : { DATA_DIR: dataDir };
  const consultation = context.consultations[0]!;
  const docName = `cases/${consultation.caseId}/occupational`;
  let target = await TargetProcess.start(kind, env);
  try {
    const history = await runLoadgen<{ updates: number; writeMs: number; updatesPerSecond: number }>(
      {
        mode: 'history',
        label: `cold/${kind}`,
        dialect: dialectOf(kind),
        writer: { url: urlFor(kind, target.port, docName, consultation.ba), docName },
        observer: { url: urlFor(kind, target.port, docName, consultation.va), docName },
        updates: HISTORY_UPDATES,
      },
      async () => null,
      Math.min(remainingMs(), 180_000),
    );
    let restart: string;
    if (kind === 'ours') {
      // The harshest restart: no shutdown, no compaction on unload.
      await target.stop('SIGKILL');
      restart = 'kill -9, then start';
    } else {
      // Hocuspocus stores on a debounce (2 s, at most 10 s) and on shutdown: let it.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      await target.stop('SIGTERM');
      restart = 'SIGTERM (stores the document), then start';
    }
    const stored = kind === 'ours' ? storedShape(dataDir, docName) : null;
    const startedAt = performance.now();
    target = await TargetProcess.start(kind, env, target.port);
    const startupMs = performance.now() - startedAt;
    const sync = (label: string) =>
      runLoadgen<{ firstSyncMs: number; length: number; complete: boolean }>(
        {
          mode: 'coldSync',
          label,
          dialect: dialectOf(kind),
          connection: { url: urlFor(kind, target.port, docName, consultation.va), docName },
          expectedLength: HISTORY_UPDATES,
          section: 'd240',
        },
        async () => null,
        60_000,
      );
    const cold = await sync(`cold/${kind}`);
    const warm = await sync(`warm/${kind}`);
    say(
      `${kind}: ${history.updates} updates written at ${history.updatesPerSecond}/s; cold first sync ${cold.firstSyncMs} ms (complete: ${cold.complete}), warm ${warm.firstSyncMs} ms`,
    );
    return { history, restart, stored, startupMs: Math.round(startupMs), cold, warm };
  } finally {
    await target.stop('SIGKILL');
    removeDir(dataDir);
  }
}

async function fanOutScenario(context: BenchContext, kind: TargetKind) {
  say(`fan-out: ${kind}, ${FANOUT_WRITERS} writers on one document, 15 s`);
  const { target, dataDir } = await startTarget(context, kind);
  try {
    const scenario = fanOutLoad(
      `fanout/${kind}`,
      dialectOf(kind),
      context.consultations[0]!,
      (docName, physician) => urlFor(kind, target.port, docName, physician),
      FANOUT_WRITERS,
      {
        multiplier: 1,
        durationMs: 15_000,
      },
    );
    const run = await measureConsultations(target, scenario, 90_000);
    return { load: run.load.steps[0] ?? null, cpu: run.steps[0] ?? null, firstSync: run.load.firstSync };
  } finally {
    await target.stop('SIGKILL');
    removeDir(dataDir);
  }
}

async function redisScenario(scratch: string) {
  say(`redis: two nodes (STORE=redis) and a redis-server, ${REDIS_N} consultations`);
  const redisDir = mkdtempSync(join(scratch, 'redis-'));
  const redis = await startRedis(redisDir);
  const nodes: TargetProcess[] = [];
  try {
    const stores = await createRedisStores({ url: redis.url, log });
    const consultations = await provision(stores, log, REDIS_N);
    await stores.close();
    const env = { ...ourEnv(mkdtempSync(join(scratch, 'node-'))), STORE: 'redis', REDIS_URL: redis.url };
    nodes.push(await TargetProcess.start('ours', env), await TargetProcess.start('ours', env));
    const [a, b] = nodes as [TargetProcess, TargetProcess];
    const step: StepSpec[] = [{ multiplier: 1, durationMs: 15_000 }];
    const runWith = async (label: string, portOf: (side: 'ba' | 'va') => number) => {
      const scenario = consultationLoad(
        label,
        'y-websocket',
        consultations,
        (docName, physician, side) => urlFor('ours', portOf(side), docName, physician),
        step,
        11,
      );
      return runLoadgen<LoadResult>(scenario, async () => null, 120_000);
    };
    const single = await runWith('redis/one-node', () => a.port);
    const statsBefore = await readRedisStats(redis.url);
    const cross = await runWith('redis/two-nodes', (side) => (side === 'ba' ? a.port : b.port));
    const statsAfter = await readRedisStats(redis.url);
    const crossStep = cross.steps[0] ?? null;
    return {
      redisOps: opsPerKeystroke(statsBefore, statsAfter, crossStep?.keystrokes ?? 0),
      consultations: REDIS_N,
      singleNode: single.steps[0] ?? null,
      crossNode: crossStep,
      firstSync: { singleNode: single.firstSync, crossNode: cross.firstSync },
    };
  } finally {
    for (const node of nodes) await node.stop('SIGKILL');
    await redis.stop();
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}
process.on('exit', killAll);
void BENCH_JWT_SECRET;
main().catch((error: unknown) => {
  killAll();
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
