import type { ConsultationRun } from './scenarios.ts';

/**
 * The consultation scenario is run BENCH_REPEAT times for ours and the
 * reference server, in alternating order (ours first, then the reference
 * first, …), so that a slow minute of the shared machine weighs on both. A
 * figure is a ratio within one pair; the report gives the median of the
 * pairs' ratios, which a single noisy run cannot move much.
 */
export interface PairFigures {
  p50: number;
  p99: number;
  cpuMsPer1000Updates: number;
  /** Delivered updates/s of the last ramp step that passed; 0 when none did. */
  sustained: number;
  lost: number;
}

export interface Pair {
  /** Which server ran first in this repetition. */
  first: 'ours' | 'reference';
  ours: PairFigures;
  reference: PairFigures;
}

export type RatioKey = 'p99' | 'p50' | 'cpu' | 'throughput';

/** Ours ÷ reference at 200 consultations before issue 15 (commit 8a12271, BENCHMARKS.md of that day). */
export const BEFORE_ISSUE_15: Record<RatioKey, number> = { p99: 2.0, p50: 1.5, cpu: 2.2, throughput: 1.0 };

/** Issue 15's targets, ours ÷ reference: at most for latency and CPU, at least for throughput. */
export const TARGETS: Record<RatioKey, { bound: 'max' | 'min'; value: number }> = {
  p99: { bound: 'max', value: 0.8 },
  p50: { bound: 'max', value: 1.0 },
  cpu: { bound: 'max', value: 1.2 },
  throughput: { bound: 'min', value: 1.5 },
};

const LABELS: Record<RatioKey, string> = {
  p99: 'relay p99, ours ÷ reference',
  p50: 'relay p50, ours ÷ reference',
  cpu: 'server CPU per update, ours ÷ reference',
  throughput: 'sustained updates/s, ours ÷ reference',
};

export function pairFigures(run: ConsultationRun): PairFigures {
  const main = run.load.steps[0];
  return {
    p50: main?.latency.p50 ?? Number.NaN,
    p99: main?.latency.p99 ?? Number.NaN,
    cpuMsPer1000Updates: run.steps[0]?.cpuMsPer1000Updates ?? Number.NaN,
    sustained: run.sustainedUpdatesPerSecond ?? 0,
    lost: run.load.steps.reduce((sum, step) => sum + step.lost, 0),
  };
}

/** One pair's ratio; null when it has no meaning (a figure is missing, or neither server sustained any step). */
export function pairRatio(pair: Pair, key: RatioKey): number | null {
  const [ours, reference] =
    key === 'p99'
      ? [pair.ours.p99, pair.reference.p99]
      : key === 'p50'
        ? [pair.ours.p50, pair.reference.p50]
        : key === 'cpu'
          ? [pair.ours.cpuMsPer1000Updates, pair.reference.cpuMsPer1000Updates]
          : [pair.ours.sustained, pair.reference.sustained];
  if (!Number.isFinite(ours) || !Number.isFinite(reference) || reference <= 0) return null;
  return ours / reference;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function medianRatio(pairs: Pair[], key: RatioKey): number | null {
  return median(pairs.map((pair) => pairRatio(pair, key)).filter((r): r is number => r !== null));
}

export function meetsTarget(key: RatioKey, ratio: number | null): boolean {
  if (ratio === null) return false;
  const target = TARGETS[key];
  return target.bound === 'max' ? ratio <= target.value : ratio >= target.value;
}

const two = (value: number | null) => (value === null ? '—' : value.toFixed(2));

/** The issue's table from this run: before | now (median of the pairs, with the range) | target, and each pair. */
export function pairedRatioTable(pairs: Pair[], consultations: number): string {
  if (pairs.length === 0) return '';
  const rows = (Object.keys(LABELS) as RatioKey[]).map((key) => {
    const ratios = pairs.map((pair) => pairRatio(pair, key)).filter((r): r is number => r !== null);
    const now = median(ratios);
    const range = ratios.length > 1 ? ` (${two(Math.min(...ratios))}–${two(Math.max(...ratios))})` : '';
    const target = TARGETS[key];
    return `| ${LABELS[key]} | ≈ ${two(BEFORE_ISSUE_15[key])} | ${two(now)}${range} | ${target.bound === 'max' ? '≤' : '≥'} ${two(target.value)} | ${meetsTarget(key, now) ? 'met' : '**not met**'} |`;
  });
  const lost = pairs.reduce((sum, pair) => sum + pair.ours.lost + pair.reference.lost, 0);
  const each = pairs.map(
    (pair, i) =>
      `| ${i + 1} (${pair.first} first) | ${pair.ours.p50} / ${pair.reference.p50} ms | ${pair.ours.p99} / ${pair.reference.p99} ms | ` +
      `${pair.ours.cpuMsPer1000Updates} / ${pair.reference.cpuMsPer1000Updates} ms | ${pair.ours.sustained} / ${pair.reference.sustained} /s |`,
  );
  return [
    `Ours against the reference at ${consultations} consultations, median of ${pairs.length} paired repetition${pairs.length === 1 ? '' : 's'} in this run (range in brackets):`,
    '',
    `| at ${consultations} consultations, same run | before (issue 15) | now | target | |`,
    '|---|---|---|---|---|',
    ...rows,
    `| updates lost, any repetition | 0 | ${lost} | 0 | ${lost === 0 ? 'met' : '**not met**'} |`,
    '',
    '| repetition | p50 ours / reference | p99 ours / reference | CPU per 1,000 updates ours / reference | sustained ours / reference |',
    '|---|---|---|---|---|',
    ...each,
  ].join('\n');
}
