import { describe, expect, it } from 'vitest';
import { CPU_HEADROOM, REGION_PEAK_CONSULTATIONS, SPARE_NODES, capacityFigures, capacityModel, type CapacityInputs } from '../../bench/capacity.ts';
import { opsPerKeystroke } from '../../bench/redisStats.ts';

const run: CapacityInputs = {
  consultations: 200,
  offeredUpdatesPerSecond: 2_000,
  sustainedUpdatesPerSecond: 3_000,
  mainP99Ms: 40,
  cpuMsPer1000Updates: 400,
  redisOpsPerKeystroke: 7.5,
  redisCpuMsPer1000Keystrokes: 50,
};

describe('capacity model', () => {
  it('plans a node at the lower of the measured ramp and the CPU bound, and the region with a spare node', () => {
    const model = capacityModel(run);
    expect(model.keystrokesPerConsultationPerSecond).toBe(10);
    expect(model.consultationsPerNodeMeasured).toBe(300);
    // 400 ms per 1,000 keystrokes: 2,500 keystrokes per core-second, at the headroom.
    expect(model.consultationsPerCoreByCpu).toBe(Math.floor((2_500 * CPU_HEADROOM) / 10));
    expect(model.consultationsPerNode).toBe(Math.min(300, Math.floor((2_500 * CPU_HEADROOM) / 10)));
    expect(model.regionNodes).toBe(Math.ceil(REGION_PEAK_CONSULTATIONS / model.consultationsPerNode!) + SPARE_NODES);
    expect(model.regionKeystrokesPerSecond).toBe(REGION_PEAK_CONSULTATIONS * 10);
    expect(model.regionRedisOpsPerSecond).toBe(REGION_PEAK_CONSULTATIONS * 10 * 7.5);
    expect(model.regionRedisCoreShare).toBeCloseTo((REGION_PEAK_CONSULTATIONS * 10 * 50) / 1_000_000);
  });

  it('without a passing ramp step it plans from CPU and says no step passed', () => {
    const input = { ...run, sustainedUpdatesPerSecond: null, mainP99Ms: 222 };
    expect(capacityModel(input).consultationsPerNode).toBe(capacityModel(input).consultationsPerCoreByCpu);
    expect(capacityFigures(input)).toContain('no ramp step kept p99 within 100 ms (the 200-consultation step had p99 222 ms)');
  });

  it('without any figure it plans nothing rather than inventing a number', () => {
    const model = capacityModel({
      ...run,
      sustainedUpdatesPerSecond: null,
      cpuMsPer1000Updates: null,
      redisOpsPerKeystroke: null,
      redisCpuMsPer1000Keystrokes: null,
    });
    expect(model.consultationsPerNode).toBeNull();
    expect(model.regionNodes).toBeNull();
    expect(model.regionRedisOpsPerSecond).toBeNull();
  });
});

describe('Redis commands per keystroke', () => {
  it('counts what was issued between two reads, less the reads themselves, and Redis CPU per 1,000 keystrokes', () => {
    const before = {
      calls: new Map([
        ['xadd', 10],
        ['info', 4],
      ]),
      cpuSeconds: 1.5,
    };
    const after = {
      calls: new Map([
        ['xadd', 1_010],
        ['mget', 1_000],
        ['info', 6],
        ['hello', 1],
      ]),
      cpuSeconds: 1.6,
    };
    const ops = opsPerKeystroke(before, after, 1_000);
    expect(ops.commands).toBe(2_000);
    expect(ops.perKeystroke).toBe(2);
    expect(ops.cpuMsPer1000Keystrokes).toBe(100);
    expect(ops.top.map((entry) => entry.command).sort()).toEqual(['mget', 'xadd']);
  });
});
