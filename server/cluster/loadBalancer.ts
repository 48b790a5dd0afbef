import { createServer, request as backendRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { BackendPool, type Backend } from './BackendPool.ts';
import { cookieValue, requestHeaders, responseHeaders, upgradeRequestHead } from './forwardedHeaders.ts';

/** Requests under these paths stay on one backend (socket.io's long-polling keeps its session in one node's memory). */
export const STICKY_PATHS: readonly string[] = ['/socket.io/'];
/** The cookie that pins a browser's socket.io requests to a backend. */
export const AFFINITY_COOKIE = 'cw_lb';
export const HEALTH_INTERVAL_MS = 1000;
export const HEALTH_TIMEOUT_MS = 900;
/** How long opening a connection to a backend may take before the next one is tried. */
const CONNECT_TIMEOUT_MS = 3000;
const NO_BACKEND_MESSAGE = 'No backend is available. Try again in a moment.\n';

export interface LoadBalancerOptions {
  port: number;
  /** Interface to listen on; loopback unless told otherwise. */
  host?: string;
  /** `http://host:port` of each app node. */
  backends: string[];
  healthIntervalMs?: number;
  healthTimeoutMs?: number;
  /** Called when a backend goes down or comes back. */
  onBackendChange?: (backend: string, live: boolean) => void;
}

export interface LoadBalancer {
  port: number;
  /** Stops checking, stops listening and drops every open connection. */
  close(): Promise<void>;
}

/**
 * A small reverse proxy for HTTP requests and websocket upgrades over a list
 * of backends. Round-robin over the live ones; socket.io requests are sticky
 * (cookie, else client address). A connection that fails before anything was
 * sent moves to the next live backend; one that breaks later is dropped, so
 * the client reconnects — through here, to a live backend.
 */
export async function startLoadBalancer(options: LoadBalancerOptions): Promise<LoadBalancer> {
  const pool = new BackendPool(options.backends, {
    healthIntervalMs: options.healthIntervalMs ?? HEALTH_INTERVAL_MS,
    healthTimeoutMs: options.healthTimeoutMs ?? HEALTH_TIMEOUT_MS,
    onChange: options.onBackendChange,
  });
  await pool.start();

  const tunnels = new Set<Socket>();
  const server = createServer((request, response) => proxyRequest(pool, request, response, new Set()));
  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    tunnels.add(socket);
    socket.once('close', () => tunnels.delete(socket));
    proxyUpgrade(pool, request, socket, head);
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
    });
  } catch (error) {
    pool.stop();
    throw error;
  }

  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      pool.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      for (const socket of tunnels) socket.destroy();
      await closed;
    },
  };
}

/** The sticky path prefix a request falls under, if any. */
function stickyPrefix(request: IncomingMessage): string | undefined {
  return STICKY_PATHS.find((prefix) => request.url?.startsWith(prefix));
}

function choose(pool: BackendPool, request: IncomingMessage, tried: ReadonlySet<Backend>): Backend | undefined {
  if (!stickyPrefix(request)) return pool.next(tried);
  return pool.sticky(cookieValue(request, AFFINITY_COOKIE), request.socket.remoteAddress ?? '', tried);
}

/** Gives up on a connection that does not open, as a host that vanished does not refuse it. */
function limitConnect(socket: Socket): void {
  socket.setTimeout(CONNECT_TIMEOUT_MS, () => socket.destroy(new Error('connect timed out')));
  socket.once('connect', () => socket.setTimeout(0));
}

function proxyRequest(pool: BackendPool, request: IncomingMessage, response: ServerResponse, tried: Set<Backend>): void {
  const backend = choose(pool, request, tried);
  if (!backend) return badGateway(response, NO_BACKEND_MESSAGE);
  tried.add(backend);

  const forwarded = backendRequest({
    host: backend.hostname,
    port: backend.port,
    method: request.method,
    path: request.url,
    headers: requestHeaders(request, { upgrade: false }),
    // A fresh connection per request: a failure to connect then means that
    // nothing was sent, so the request can safely move to another backend.
    agent: false,
  });
  let connected = false;
  let abandoned = false;
  forwarded.once('socket', (socket) => {
    limitConnect(socket);
    socket.once('connect', () => {
      connected = true;
      request.pipe(forwarded);
    });
  });
  forwarded.on('error', () => {
    if (abandoned) return;
    if (!connected) {
      pool.markDown(backend);
      return proxyRequest(pool, request, response, tried);
    }
    if (response.headersSent) response.destroy();
    else badGateway(response, 'The backend failed while answering.\n');
  });
  forwarded.on('response', (answer) => {
    const headers = responseHeaders(answer.rawHeaders);
    const prefix = stickyPrefix(request);
    if (prefix && cookieValue(request, AFFINITY_COOKIE) !== backend.id) headers.push('Set-Cookie', affinityCookie(backend, prefix));
    response.writeHead(answer.statusCode ?? 502, answer.statusMessage, headers);
    answer.pipe(response);
    // The backend went away mid-answer: the client must not take a cut-off body for a whole one.
    answer.on('close', () => {
      if (!answer.complete) response.destroy();
    });
  });
  response.on('close', () => {
    if (response.writableFinished) return;
    abandoned = true;
    forwarded.destroy();
  });
}

/**
 * Forwards an upgrade as raw bytes: the request head (with forwarding
 * headers) and whatever the client sent after it, then pipes both ways, so the
 * backend's own answer — 101, or a refusal — reaches the client unchanged.
 */
function proxyUpgrade(pool: BackendPool, request: IncomingMessage, client: Socket, head: Buffer): void {
  const tried = new Set<Backend>();
  let upstream: Socket | null = null;
  const dropBoth = () => {
    upstream?.destroy();
    client.destroy();
  };
  client.on('error', dropBoth);
  client.once('close', dropBoth);

  const attempt = (): void => {
    const backend = choose(pool, request, tried);
    if (!backend) return refuseUpgrade(client);
    tried.add(backend);
    const socket = connect(backend.port, backend.hostname);
    upstream = socket;
    limitConnect(socket);
    const failover = () => {
      pool.markDown(backend);
      if (!client.destroyed) attempt();
    };
    socket.once('error', failover);
    socket.once('connect', () => {
      socket.off('error', failover);
      socket.on('error', dropBoth);
      socket.once('close', dropBoth);
      socket.setNoDelay(true);
      client.setNoDelay(true);
      socket.write(upgradeRequestHead(request));
      if (head.length > 0) socket.write(head);
      socket.pipe(client);
      client.pipe(socket);
    });
  };
  attempt();
}

function affinityCookie(backend: Backend, path: string): string {
  return `${AFFINITY_COOKIE}=${backend.id}; Path=${path}; HttpOnly; SameSite=Strict`;
}

function badGateway(response: ServerResponse, message: string): void {
  response.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(message), 'Cache-Control': 'no-store' });
  response.end(message);
}

function refuseUpgrade(client: Socket): void {
  if (!client.writable) return void client.destroy();
  client.end(
    'HTTP/1.1 502 Bad Gateway\r\n' +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(NO_BACKEND_MESSAGE)}\r\n` +
      'Connection: close\r\n\r\n' +
      NO_BACKEND_MESSAGE,
  );
}
