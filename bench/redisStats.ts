import { Redis } from 'ioredis';

/** How many command names the report lists, busiest first. */
const TOP_COMMANDS = 6;

/** Commands the snapshots add themselves between two reads: the first read's INFO and the second read's connection handshake. */
const SNAPSHOT_OVERHEAD: Record<string, number> = { info: 1, hello: 1 };

/** Calls per command name, from `INFO commandstats` (e.g. `cmdstat_set:calls=3,usec=…`). */
export async function readCommandStats(url: string): Promise<Map<string, number>> {
  const client = new Redis(url, { lazyConnect: true, enableReadyCheck: false, maxRetriesPerRequest: 1 });
  try {
    await client.connect();
    const info = await client.info('commandstats');
    const calls = new Map<string, number>();
    for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
      calls.set(match[1] as string, Number(match[2]));
    }
    return calls;
  } finally {
    client.disconnect();
  }
}

export interface RedisOpsPerKeystroke {
  commands: number;
  keystrokes: number;
  perKeystroke: number | null;
  top: { command: string; calls: number; perKeystroke: number | null }[];
}

/** Commands issued between two snapshots, in total and per keystroke; the snapshot reads themselves are subtracted. */
export function opsPerKeystroke(before: Map<string, number>, after: Map<string, number>, keystrokes: number): RedisOpsPerKeystroke {
  const per = (n: number) => (keystrokes > 0 ? Math.round((n / keystrokes) * 100) / 100 : null);
  const delta = [...after].map(([command, calls]) => ({ command, calls: calls - (before.get(command) ?? 0) - (SNAPSHOT_OVERHEAD[command] ?? 0) }));
  const issued = delta.filter((entry) => entry.calls > 0).sort((x, y) => y.calls - x.calls);
  const commands = issued.reduce((sum, entry) => sum + entry.calls, 0);
  return {
    commands,
    keystrokes,
    perKeystroke: per(commands),
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
