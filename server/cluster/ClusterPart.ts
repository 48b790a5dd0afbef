import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** How a part ended: its exit code, or the signal that ended it. */
export type Ending = { code: number | null; signal: NodeJS.Signals | null };

/** How many of a part's last output lines are kept, to show why it died. */
const TAIL_LINES = 20;

/**
 * One process of the local cluster (redis-server or an app node). Its output
 * is shown with its name in front; it runs in its own process group, so a
 * Ctrl+C in the terminal reaches only the cluster script, which stops the
 * parts in order (load balancer, nodes, then Redis, which the nodes flush to).
 */
export class ClusterPart {
  readonly ended: Promise<Ending>;
  private readonly child: ChildProcess;
  private readonly tail: string[] = [];
  private ending: Ending | null = null;

  constructor(
    readonly name: string,
    command: string,
    args: readonly string[],
    env: NodeJS.ProcessEnv,
  ) {
    this.child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.ended = new Promise((resolve) => {
      this.child.once('error', (error) => {
        const line = `cannot run ${command}: ${error.message}`;
        this.remember(line);
        process.stderr.write(`[${name}] ${line}\n`);
        this.ending = { code: -1, signal: null };
        resolve(this.ending);
      });
      this.child.once('exit', (code, signal) => {
        this.ending = { code, signal };
        resolve(this.ending);
      });
    });
    this.relay(this.child.stdout!, process.stdout);
    this.relay(this.child.stderr!, process.stderr);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.ending === null;
  }

  /** The last lines the part wrote, for a report of why it failed. */
  get lastOutput(): string {
    return this.tail.join('\n');
  }

  /** Asks the part to stop; kills it when it takes longer than `graceMs`. */
  async stop(graceMs: number): Promise<Ending> {
    if (!this.running) return this.ended;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.kill(), graceMs);
    const ending = await this.ended;
    clearTimeout(timer);
    return ending;
  }

  kill(): void {
    if (this.running) this.child.kill('SIGKILL');
  }

  private relay(from: NodeJS.ReadableStream, to: NodeJS.WriteStream): void {
    createInterface({ input: from }).on('line', (line) => {
      this.remember(line);
      to.write(`[${this.name}] ${line}\n`);
    });
  }

  private remember(line: string): void {
    this.tail.push(line);
    if (this.tail.length > TAIL_LINES) this.tail.shift();
  }
}

export function describeEnding({ code, signal }: Ending): string {
  return signal ? `was killed by ${signal}` : `exited with code ${code}`;
}
