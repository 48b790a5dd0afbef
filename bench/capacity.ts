/**
 * The capacity model of BENCHMARKS.md: from one run's figures, how many
 * consultations one node carries while a keystroke still reaches the other
 * physician within CAPACITY_P99_MS at p99, what a keystroke costs Redis, and
 * what a region of the Netherlands needs.
 */

/** The relay p99 a consultation must keep: the ramp's pass mark (a keystroke shown at the other physician within it feels immediate). */
export const CAPACITY_P99_MS = 100;

/** A region of the Netherlands, issue 15: about 1,700 bedrijfsartsen and 1,000 verzekeringsartsen. */
export const REGION = { bedrijfsartsen: 1_700, verzekeringsartsen: 1_000 } as const;

/** "At most a few hundred consultations at once": planned at the upper end. */
export const REGION_PEAK_CONSULTATIONS = 500;

/** Nodes beyond what the peak needs, so that one node may fail or be replaced during a deployment. */
export const SPARE_NODES = 1;

/** The share of a core the model lets one node's event loop use: above it queues grow and p99 climbs steeply. */
export const CPU_HEADROOM = 0.6;

export interface CapacityInputs {
  /** Consultations of the main step, and its keystrokes (Yjs updates) per second offered in all. */
  consultations: number;
  offeredUpdatesPerSecond: number;
  /** The highest ramp step whose p99 stayed within CAPACITY_P99_MS (null: none did). */
  sustainedUpdatesPerSecond: number | null;
  /** The main step's p99 (to state what the node did carry when no ramp step passed); with repetitions, the figures are ours' medians. */
  mainP99Ms: number | null;
  cpuMsPer1000Updates: number | null;
  /** Redis, cross-node step: commands per keystroke and Redis's own CPU per 1,000 keystrokes. */
  redisOpsPerKeystroke: number | null;
  redisCpuMsPer1000Keystrokes: number | null;
}

export interface CapacityModel {
  keystrokesPerConsultationPerSecond: number;
  /** Measured: the sustained ramp step divided by what one consultation offers. */
  consultationsPerNodeMeasured: number | null;
  /** From CPU per update, at CPU_HEADROOM of one core. */
  consultationsPerCoreByCpu: number | null;
  /** What the region is planned with: the lower of the two. */
  consultationsPerNode: number | null;
  regionNodes: number | null;
  regionKeystrokesPerSecond: number;
  regionRedisOpsPerSecond: number | null;
  regionRedisCoreShare: number | null;
}

export function capacityModel(input: CapacityInputs): CapacityModel {
  const perConsultation = input.offeredUpdatesPerSecond / input.consultations;
  const measured = input.sustainedUpdatesPerSecond === null ? null : Math.floor(input.sustainedUpdatesPerSecond / perConsultation);
  const byCpu = input.cpuMsPer1000Updates ? Math.floor((CPU_HEADROOM * 1_000_000) / input.cpuMsPer1000Updates / perConsultation) : null;
  const known = [measured, byCpu].filter((n): n is number => n !== null);
  const perNode = known.length ? Math.min(...known) : null;
  const regionKeystrokes = REGION_PEAK_CONSULTATIONS * perConsultation;
  return {
    keystrokesPerConsultationPerSecond: perConsultation,
    consultationsPerNodeMeasured: measured,
    consultationsPerCoreByCpu: byCpu,
    consultationsPerNode: perNode,
    regionNodes: perNode ? Math.ceil(REGION_PEAK_CONSULTATIONS / perNode) + SPARE_NODES : null,
    regionKeystrokesPerSecond: regionKeystrokes,
    regionRedisOpsPerSecond: input.redisOpsPerKeystroke === null ? null : regionKeystrokes * input.redisOpsPerKeystroke,
    regionRedisCoreShare: input.redisCpuMsPer1000Keystrokes === null ? null : (regionKeystrokes * input.redisCpuMsPer1000Keystrokes) / 1_000_000,
  };
}

const whole = (n: number | null) => (n === null ? '—' : Math.round(n).toLocaleString('en-US'));

/** The model as a BENCHMARKS.md section. */
export function capacityFigures(input: CapacityInputs): string {
  const m = capacityModel(input);
  const rate = m.keystrokesPerConsultationPerSecond.toFixed(1);
  const measured =
    m.consultationsPerNodeMeasured === null
      ? `no ramp step kept p99 within ${CAPACITY_P99_MS} ms (the ${input.consultations}-consultation step had p99 ${whole(input.mainP99Ms)} ms), so this run gives no measured figure`
      : `${whole(m.consultationsPerNodeMeasured)} consultations (the highest ramp step with p99 ≤ ${CAPACITY_P99_MS} ms, ${whole(input.sustainedUpdatesPerSecond)} keystrokes/s; the ramp's next step is 1.5× higher, so this is a floor)`;
  const share = m.regionRedisCoreShare === null ? '—' : `${Math.round(m.regionRedisCoreShare * 100)} % of one core`;
  return [
    '### Capacity model',
    '',
    `Each consultation of the workload offers ${rate} keystrokes a second (both physicians typing without stopping, the worst case; in a real session they talk and read most of the time). ` +
      `The load generator shares this 2-core machine with the server, so the figures are a floor.`,
    '',
    `| | figure |`,
    `|---|---|`,
    `| consultations per node at relay p99 ≤ ${CAPACITY_P99_MS} ms, measured | ${measured} |`,
    `| consultations per core from CPU per update, at ${CPU_HEADROOM * 100} % of a core | ${whole(m.consultationsPerCoreByCpu)} (${whole(input.cpuMsPer1000Updates)} ms CPU per 1,000 keystrokes) |`,
    `| planned per node (the lower) | ${whole(m.consultationsPerNode)} |`,
    `| Redis commands per keystroke (cross-node step) | ${input.redisOpsPerKeystroke ?? '—'} |`,
    `| Redis CPU per 1,000 keystrokes | ${whole(input.redisCpuMsPer1000Keystrokes)} ms |`,
    '',
    `A region (about ${REGION.bedrijfsartsen.toLocaleString('en-US')} bedrijfsartsen and ${REGION.verzekeringsartsen.toLocaleString('en-US')} verzekeringsartsen), planned at ${REGION_PEAK_CONSULTATIONS} consultations at once: ` +
      `${whole(m.regionKeystrokesPerSecond)} keystrokes a second; **${whole(m.regionNodes)} nodes** (${SPARE_NODES} of them spare) behind the load balancer; ` +
      `one Redis (AOF, \`appendfsync always\`) taking ${whole(m.regionRedisOpsPerSecond)} commands a second, about ${share}, with a replica for failover. ` +
      `Memory is not the limit: a loaded document and a connection take tens of kilobytes (above).`,
  ].join('\n');
}
