import { describe, expect, it } from 'vitest';
import { median, medianRatio, meetsTarget, pairedRatioTable, pairRatio, type Pair, type PairFigures } from '../../bench/pairedRatios.ts';

const figures = (p50: number, p99: number, cpu: number, sustained: number, lost = 0): PairFigures => ({
  p50,
  p99,
  cpuMsPer1000Updates: cpu,
  sustained,
  lost,
});

const pairs: Pair[] = [
  { first: 'ours', ours: figures(2, 10, 300, 3000), reference: figures(2, 20, 250, 2000) },
  { first: 'reference', ours: figures(3, 90, 330, 0), reference: figures(2, 30, 300, 2000) },
  { first: 'ours', ours: figures(2, 12, 290, 3000), reference: figures(1, 10, 240, 3000) },
];

describe('paired benchmark ratios', () => {
  it('takes the median of the per-pair ratios, not the ratio of medians', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
    // p99 ratios 0.5, 3, 1.2: the one slow repetition does not decide.
    expect(medianRatio(pairs, 'p99')).toBeCloseTo(1.2);
    expect(medianRatio(pairs, 'throughput')).toBeCloseTo(1.0);
    expect(medianRatio(pairs, 'cpu')).toBeCloseTo(1.2);
  });

  it('has no ratio where the reference has no figure', () => {
    const none: Pair = { first: 'ours', ours: figures(2, 10, 300, 1000), reference: figures(2, 20, 250, 0) };
    expect(pairRatio(none, 'throughput')).toBeNull();
    expect(pairRatio({ ...none, reference: figures(Number.NaN, 20, 250, 1) }, 'p50')).toBeNull();
    expect(medianRatio([none], 'throughput')).toBeNull();
  });

  it('judges latency and CPU as a maximum and throughput as a minimum', () => {
    expect(meetsTarget('p99', 0.8)).toBe(true);
    expect(meetsTarget('p99', 0.81)).toBe(false);
    expect(meetsTarget('throughput', 1.5)).toBe(true);
    expect(meetsTarget('throughput', 1.2)).toBe(false);
    expect(meetsTarget('cpu', null)).toBe(false);
  });

  it('reports before, now with its range, and the target, then every pair', () => {
    const table = pairedRatioTable(pairs, 200);
    expect(table).toContain('median of 3 paired repetitions');
    expect(table).toContain('| relay p99, ours ÷ reference | ≈ 2.00 | 1.20 (0.50–3.00) | ≤ 0.80 | **not met** |');
    expect(table).toContain('| sustained updates/s, ours ÷ reference | ≈ 1.00 | 1.00 (0.00–1.50) | ≥ 1.50 | **not met** |');
    expect(table).toContain('| updates lost, any repetition | 0 | 0 | 0 | met |');
    expect(table).toContain('| 2 (reference first) | 3 / 2 ms | 90 / 30 ms | 330 / 300 ms | 0 / 2000 /s |');
    expect(pairedRatioTable([], 200)).toBe('');
  });
});
