import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/tmp.ts';

const RUN = fileURLToPath(new URL('../../dist/bench/run.js', import.meta.url));

interface Step {
  received: number;
  expectedReceipts: number;
  lost: number;
  latency: { count: number; p50: number; p99: number };
  ackLatency?: { count: number };
  passed: boolean;
}

/**
 * `npm run bench` in miniature: the same orchestrator, load generator and
 * servers, three consultations for two seconds, results written to a
 * temporary directory — so that a change that breaks the benchmark fails here,
 * not in the next measurement.
 */
describe('npm run bench (smoke run)', () => {
  const tmp = makeTempDir('cw-bench-');
  afterEach(() => tmp.remove());

  it('measures ours and the reference server on loopback and reports figures for both', { timeout: 150_000 }, async () => {
    if (!existsSync(RUN)) throw new Error(`${RUN} is missing: run "npm run build:bench" first (npm test does)`);
    const child = spawn(process.execPath, [RUN], {
      env: {
        PATH: process.env.PATH ?? '',
        BENCH_N: '3',
        BENCH_SECONDS: '2',
        BENCH_RAMP: '2',
        BENCH_RAMP_SECONDS: '2',
        BENCH_HISTORY: '300',
        BENCH_SERVERS: 'ours,reference',
        BENCH_SCENARIOS: 'consultations,cold',
        BENCH_REPEAT: '2',
        BENCH_OUT_DIR: tmp.dir,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let progress = '';
    child.stderr.on('data', (chunk: Buffer) => (progress += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code, progress).toBe(0);
    expect(progress).toMatch(/\[bench \d\d:\d\d\]/);

    const results = JSON.parse(readFileSync(join(tmp.dir, 'latest.json'), 'utf8')) as {
      consultations: Record<string, { load: { connections: number; steps: Step[] } }>;
      cold: Record<string, { cold: { firstSyncMs: number; complete: boolean } }>;
      pairs: { first: string; ours: { p99: number; lost: number }; reference: { p99: number; lost: number } }[];
    };
    for (const server of ['ours', 'reference']) {
      const { load } = results.consultations[server]!;
      expect(load.connections).toBe(3 * 6);
      const [main] = load.steps;
      expect(main!.received).toBe(main!.expectedReceipts);
      expect(main!.lost).toBe(0);
      expect(main!.latency.count).toBeGreaterThan(0);
      expect(main!.latency.p99).toBeGreaterThanOrEqual(main!.latency.p50);
    }
    // Ours acknowledges durable writes; the cold load brings back all of the history.
    expect(results.consultations.ours!.load.steps[0]!.ackLatency?.count).toBeGreaterThan(0);
    expect(results.cold.ours!.cold.complete).toBe(true);

    // Two paired repetitions, the second with the reference first; the report gives the median of their ratios.
    expect(results.pairs.map((pair) => pair.first)).toEqual(['ours', 'reference']);
    for (const pair of results.pairs) expect(pair.ours.lost + pair.reference.lost).toBe(0);

    const markdown = readFileSync(join(tmp.dir, 'BENCHMARKS.md'), 'utf8');
    expect(markdown).toContain('## Profiling and fixes');
    expect(markdown).toContain('median of 2 paired repetitions');
    expect(markdown).toMatch(/\| relay p99, ours ÷ reference \| ≈ 2\.00 \| [\d.]+ \([\d.]+–[\d.]+\) \| ≤ 0\.80 \|/);
    expect(markdown).toMatch(/\| relay latency p99 \| [\d.]+ ms \| [\d.]+ ms \|/);
  });

  it('measures the work queue alone in a browser: first page, search and filter figures in the report', { timeout: 150_000 }, async () => {
    if (!existsSync(RUN)) throw new Error(`${RUN} is missing: run "npm run build:bench" first (npm test does)`);
    const child = spawn(process.execPath, [RUN], {
      env: { PATH: process.env.PATH ?? '', BENCH_SCENARIOS: 'workqueue', BENCH_QUEUE_CASES: '30', BENCH_OUT_DIR: tmp.dir },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let progress = '';
    child.stderr.on('data', (chunk: Buffer) => (progress += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code, progress).toBe(0);
    const results = JSON.parse(readFileSync(join(tmp.dir, 'latest.json'), 'utf8')) as {
      workQueue: { cases: number; mix: { proposals: number }; firstPage: { count: number }; search: { count: number }; filter: { count: number } };
    };
    expect(results.workQueue.cases).toBe(30);
    expect(results.workQueue.mix.proposals).toBeGreaterThan(0);
    // Five loads, one measure per keystroke and per toggle: every input was followed by the table.
    expect(results.workQueue.firstPage.count).toBe(5);
    expect(results.workQueue.search.count).toBeGreaterThan(10);
    expect(results.workQueue.filter.count).toBe(10);
    expect(readFileSync(join(tmp.dir, 'BENCHMARKS.md'), 'utf8')).toMatch(/\| navigation → first page of the table rendered \| 5 \| [\d.,]+ ms/);
  });

  it('measures opening a full case alone in a browser: interactive and keystroke figures in the report', { timeout: 150_000 }, async () => {
    if (!existsSync(RUN)) throw new Error(`${RUN} is missing: run "npm run build:bench" first (npm test does)`);
    const child = spawn(process.execPath, [RUN], {
      env: { PATH: process.env.PATH ?? '', BENCH_SCENARIOS: 'opencase', BENCH_OUT_DIR: tmp.dir },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let progress = '';
    child.stderr.on('data', (chunk: Buffer) => (progress += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code, progress).toBe(0);
    const results = JSON.parse(readFileSync(join(tmp.dir, 'latest.json'), 'utf8')) as {
      openCase: { sections: number; editors: number; firstOpen: { count: number }; reload: { count: number }; keystroke: { count: number } };
    };
    expect(results.openCase.sections).toBe(24);
    // The first group's five sections, three editors each; five fresh loads and five reloads; every key measured.
    expect(results.openCase.editors).toBe(15);
    expect(results.openCase.firstOpen.count).toBe(5);
    expect(results.openCase.reload.count).toBe(5);
    expect(results.openCase.keystroke.count).toBe(50);
    expect(readFileSync(join(tmp.dir, 'BENCHMARKS.md'), 'utf8')).toMatch(/\| navigation → case interactive, fresh browser .*\| 5 \| [\d.,]+ ms/);
  });
});
