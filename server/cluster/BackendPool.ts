import { createHash } from 'node:crypto';
import { request } from 'node:http';

/** The path every backend answers with 200 when it can serve (its store answers). */
export const READINESS_PATH = '/readyz';

export interface Backend {
  readonly url: string;
  readonly hostname: string;
  readonly port: number;
  /** A short, stable name for the affinity cookie; it does not reveal the address. */
  readonly id: string;
  live: boolean;
}

export interface BackendPoolOptions {
  healthIntervalMs: number;
  healthTimeoutMs: number;
  onChange?: (backend: string, live: boolean) => void;
}

/**
 * The backends of the load balancer and which of them are live: an active
 * readiness check per backend, plus a passive one (a refused connection marks
 * a backend down at once, until its next successful check).
 */
export class BackendPool {
  readonly backends: readonly Backend[];
  private cursor = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly checking = new Set<Backend>();

  constructor(
    urls: readonly string[],
    private readonly options: BackendPoolOptions,
  ) {
    if (urls.length === 0) throw new Error('the load balancer needs at least one backend');
    this.backends = urls.map(parseBackend);
  }

  /** Checks every backend once, then keeps checking on an interval. */
  async start(): Promise<void> {
    await Promise.all(this.backends.map((backend) => this.check(backend)));
    this.timer = setInterval(() => {
      for (const backend of this.backends) void this.check(backend);
    }, this.options.healthIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The next live backend in round-robin order that this request has not tried yet. */
  next(tried: ReadonlySet<Backend>): Backend | undefined {
    const count = this.backends.length;
    for (let step = 0; step < count; step++) {
      const index = (this.cursor + step) % count;
      const backend = this.backends[index]!;
      if (!backend.live || tried.has(backend)) continue;
      this.cursor = (index + 1) % count;
      return backend;
    }
    return undefined;
  }

  /**
   * The backend a client is pinned to: the one its affinity cookie names while
   * that one is live, otherwise one chosen by hashing the client's address
   * over the whole list (so the choice does not move when another backend
   * goes down or comes back), skipping backends that are down or were tried.
   */
  sticky(cookieId: string | undefined, clientKey: string, tried: ReadonlySet<Backend>): Backend | undefined {
    const named = this.backends.find((backend) => backend.id === cookieId);
    if (named?.live && !tried.has(named)) return named;
    const count = this.backends.length;
    const start = createHash('sha1').update(clientKey).digest().readUInt32BE(0) % count;
    for (let step = 0; step < count; step++) {
      const backend = this.backends[(start + step) % count]!;
      if (backend.live && !tried.has(backend)) return backend;
    }
    return undefined;
  }

  /** A connection to the backend was refused or failed before anything was sent. */
  markDown(backend: Backend): void {
    this.setLive(backend, false);
  }

  private async check(backend: Backend): Promise<void> {
    // A slow backend must not pile up checks.
    if (this.checking.has(backend)) return;
    this.checking.add(backend);
    try {
      this.setLive(backend, await isReady(backend, this.options.healthTimeoutMs));
    } finally {
      this.checking.delete(backend);
    }
  }

  private setLive(backend: Backend, live: boolean): void {
    if (backend.live === live) return;
    backend.live = live;
    this.options.onChange?.(backend.url, live);
  }
}

function parseBackend(raw: string): Backend {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`backend "${raw}" is not a URL (expected http://host:port)`);
  }
  if (url.protocol !== 'http:') throw new Error(`backend "${raw}" must be an http:// URL`);
  return {
    url: url.origin,
    // URL keeps the brackets of an IPv6 literal; net.connect wants the bare address.
    hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: Number(url.port || 80),
    id: affinityId(url.origin),
    live: false,
  };
}

/** The affinity cookie's value for a backend: stable across restarts, opaque to the client. */
export function affinityId(origin: string): string {
  return createHash('sha256').update(origin).digest('hex').slice(0, 12);
}

function isReady(backend: Backend, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = request({ host: backend.hostname, port: backend.port, path: READINESS_PATH, agent: false, timeout: timeoutMs }, (response) => {
      response.resume();
      resolve(response.statusCode !== undefined && response.statusCode >= 200 && response.statusCode < 300);
    });
    probe.on('timeout', () => probe.destroy(new Error('readiness check timed out')));
    probe.on('error', () => resolve(false));
    probe.end();
  });
}
