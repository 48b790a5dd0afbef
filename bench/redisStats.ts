import { Redis } from 'ioredis';

/** How many command names the report lists, busiest first. */
const TOP_COMMANDS = 6;

/** Commands the snapshots add themselves between two reads: the first read's INFO and the second read's connection handshake. */
const SNAPSHOT_OVERHEAD: Record<string, number> = { info: 2, hello: 1 };

export interface RedisStats {
  /** Calls per command name, from `INFO commandstats` (e.g. `cmdstat_set:calls=3,usec=…`). */
  calls: Map<string, number>;
  /** Redis's own CPU (user + system) since it started, from `INFO cpu`. */
  cpuSeconds: number;
}

export async function readRedisStats(url: string): Promise<RedisStats> {
  const client = new Redis(url, { lazyConnect: true, enableReadyCheck: false, maxRetriesPerRequest: 1 });
  try {
    await client.connect();
    const info = await client.info('commandstats');
    const calls = new Map<string, number>();
    for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
      calls.set(match[1] as string, Number(match[2]));
    }
    const cpu = await client.info('cpu');
    const seconds = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(cpu)?.[1] ?? 0);
    return { calls, cpuSeconds: seconds('used_cpu_user') + seconds('used_cpu_sys') };
  } finally {
    client.disconnect();
  }
}

export interface RedisOpsPerKeystroke {
  commands: number;
  keystrokes: number;
  perKeystroke: number | null;
  /** Redis's CPU per 1,000 keystrokes (absent in results written before it was measured). */
  cpuMsPer1000Keystrokes?: number | null;
  top: { command: string; calls: number; perKeystroke: number | null }[];
}

/** Commands issued between two snapshots, in total and per keystroke, and Redis's CPU; the snapshot reads themselves are subtracted. */
export function opsPerKeystroke(before: RedisStats, after: RedisStats, keystrokes: number): RedisOpsPerKeystroke {
  const per = (n: number) => (keystrokes > 0 ? Math.round((n / keystrokes) * 100) / 100 : null);
  const delta = [...after.calls].map(([command, calls]) => ({
    command,
    calls: calls - (before.calls.get(command) ?? 0) - (SNAPSHOT_OVERHEAD[command] ?? 0),
  }));
  const issued = delta.filter((entry) => entry.calls > 0).sort((x, y) => y.calls - x.calls);
  const commands = issued.reduce((sum, entry) => sum + entry.calls, 0);
  return {
    commands,
    keystrokes,
    perKeystroke: per(commands),
    cpuMsPer1000Keystrokes: keystrokes > 0 ? Math.round(((after.cpuSeconds - before.cpuSeconds) * 1_000_000) / keystrokes) : null,
    top: issued.slice(0, TOP_COMMANDS).map((entry) => ({ ...entry, perKeystroke: per(entry.calls) })),
  };
}

/** Target of issue 15: cross-node p99 ÷ single-node p99 in the same run. */
const CROSS_NODE_P99_RATIO_TARGET = 1.5;

/** Report lines: the cross-node ÷ single-node p99 ratio against its target, and Redis commands per keystroke. */
export function redisOpsFigures(ops: RedisOpsPerKeystroke | undefined, singleP99: number | null, crossP99: number | null): string {
  const lines: string[] = [];
  if (singleP99 && crossP99 !== null) {
    const ratio = Math.round((crossP99 / singleP99) * 100) / 100;
    const met = ratio <= CROSS_NODE_P99_RATIO_TARGET ? 'met' : 'not met';
    lines.push(`Cross-node p99 ÷ single-node p99 (same run): **${ratio}** (target ≤ ${CROSS_NODE_P99_RATIO_TARGET}: ${met}).`);
  }
  if (ops) {
    const top = ops.top.map((entry) => `\`${entry.command}\` ${entry.calls} (${entry.perKeystroke ?? '—'}/keystroke)`).join(', ');
    lines.push(
      `Redis commands during the cross-node step (INFO commandstats): ${ops.commands} for ${ops.keystrokes} keystrokes, ` +
        `**${ops.perKeystroke ?? '—'} per keystroke**; busiest: ${top}.`,
    );
  }
  return lines.join('\n\n');
}
