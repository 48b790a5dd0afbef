import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Server as SocketIoServer } from 'socket.io';
import { io as connectSocketIo, type Socket as SocketIoClient } from 'socket.io-client';
import WebSocket, { WebSocketServer } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { affinityId } from '../../server/cluster/BackendPool.ts';
import { AFFINITY_COOKIE, startLoadBalancer, type LoadBalancer } from '../../server/cluster/loadBalancer.ts';
import { waitFor } from '../helpers/waitFor.ts';

/**
 * A stand-in for an app node: `/readyz`, an HTTP echo of what arrived, a
 * websocket echo on `/echo`, and socket.io on `/socket.io` (whose sessions
 * live in this process only, as on a real node). `stop()` is a crash: every
 * connection is cut and the port refuses until `start()` listens on it again.
 */
class TestBackend {
  port = 0;
  private server: Server | null = null;
  private socketIo: SocketIoServer | null = null;
  private readonly sockets = new Set<Socket>();

  constructor(readonly name: string) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get socketIoClients(): number {
    return this.socketIo?.engine.clientsCount ?? 0;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      if (req.url === '/readyz') return void res.end('ready');
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify({
          backend: this.name,
          url: req.url,
          host: req.headers.host,
          forwardedFor: req.headers['x-forwarded-for'],
          forwardedProto: req.headers['x-forwarded-proto'],
        }),
      );
    });
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    const socketIo = new SocketIoServer(server, { path: '/socket.io', destroyUpgrade: false });
    socketIo.engine.on('headers', (headers: Record<string, string>) => (headers['X-Backend'] = this.name));
    socketIo.on('connection', (socket) => socket.on('whoami', (ack: (name: string) => void) => ack(this.name)));
    const echo = new WebSocketServer({ noServer: true });
    echo.on('connection', (ws, req) => {
      ws.send(`${this.name} ${req.url} ${req.headers['x-forwarded-for']}`);
      ws.on('message', (message) => ws.send(`${this.name}: ${String(message)}`));
    });
    server.on('upgrade', (req, socket, head) => {
      if (req.url?.startsWith('/echo')) echo.handleUpgrade(req, socket, head, (ws) => echo.emit('connection', ws, req));
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', () => resolve()));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    this.socketIo = socketIo;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    this.socketIo = null;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function backendOf(port: number, path = '/hello'): Promise<string> {
  const answer = await get(port, path);
  expect(answer.status).toBe(200);
  return (JSON.parse(answer.body) as { backend: string }).backend;
}

/** Opens a websocket and resolves with it and its first message (the backend's greeting). */
function openEcho(port: number, path = '/echo'): Promise<{ ws: WebSocket; greeting: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`);
    ws.once('message', (data) => resolve({ ws, greeting: String(data) }));
    ws.once('error', reject);
  });
}

function nextMessage(ws: WebSocket): Promise<string> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(String(data))));
}

describe('load balancer', () => {
  let backends: TestBackend[] = [];
  let balancer: LoadBalancer | null = null;
  let openSockets: (WebSocket | SocketIoClient)[] = [];
  const changes: string[] = [];

  async function start(healthIntervalMs = 100): Promise<{ a: TestBackend; b: TestBackend; port: number }> {
    backends = [new TestBackend('a'), new TestBackend('b')];
    for (const backend of backends) await backend.start();
    balancer = await startLoadBalancer({
      port: 0,
      host: '127.0.0.1',
      backends: backends.map((backend) => backend.url),
      healthIntervalMs,
      onBackendChange: (url, live) => changes.push(`${url} ${live ? 'up' : 'down'}`),
    });
    return { a: backends[0]!, b: backends[1]!, port: balancer.port };
  }

  afterEach(async () => {
    for (const socket of openSockets) {
      if (socket instanceof WebSocket) socket.terminate();
      else socket.disconnect();
    }
    openSockets = [];
    await balancer?.close();
    balancer = null;
    for (const backend of backends) await backend.stop();
    changes.length = 0;
  });

  it('alternates requests between the live backends and tells them who the client is', async () => {
    const { port } = await start();
    expect([await backendOf(port), await backendOf(port), await backendOf(port), await backendOf(port)]).toEqual(['a', 'b', 'a', 'b']);

    const direct = JSON.parse((await get(port, '/api/x?y=1')).body) as Record<string, string>;
    expect(direct).toMatchObject({ url: '/api/x?y=1', host: `127.0.0.1:${port}`, forwardedFor: '127.0.0.1', forwardedProto: 'http' });
    // Behind a TLS proxy: its client's address comes first, ours last; its protocol is kept.
    const behindTls = JSON.parse((await get(port, '/', { 'X-Forwarded-For': '203.0.113.9', 'X-Forwarded-Proto': 'https' })).body) as Record<string, string>;
    expect(behindTls).toMatchObject({ forwardedFor: '203.0.113.9, 127.0.0.1', forwardedProto: 'https' });
  });

  it('passes websocket upgrades through, round-robin, with path and forwarding headers', async () => {
    const { port } = await start();
    const first = await openEcho(port, '/echo?room=1');
    const second = await openEcho(port, '/echo?room=2');
    openSockets.push(first.ws, second.ws);
    expect([first.greeting, second.greeting]).toEqual(['a /echo?room=1 127.0.0.1', 'b /echo?room=2 127.0.0.1']);

    const reply = nextMessage(first.ws);
    first.ws.send('hallo');
    expect(await reply).toBe('a: hallo');
  });

  it('keeps socket.io on one backend: a cookie names it, and without one the client address does', async () => {
    const { a, b, port } = await start();
    const handshake = '/socket.io/?EIO=4&transport=polling';

    const pinnedToB = await get(port, handshake, { Cookie: `other=1; ${AFFINITY_COOKIE}=${affinityId(b.url)}` });
    expect(pinnedToB.headers['x-backend']).toBe('b');
    expect(pinnedToB.headers['set-cookie']).toBeUndefined();
    expect((await get(port, handshake, { Cookie: `${AFFINITY_COOKIE}=${affinityId(a.url)}` })).headers['x-backend']).toBe('a');

    const fresh = await get(port, handshake);
    const chosen = fresh.headers['x-backend'] as string;
    const chosenUrl = chosen === 'a' ? a.url : b.url;
    expect(fresh.headers['set-cookie']).toEqual([`${AFFINITY_COOKIE}=${affinityId(chosenUrl)}; Path=/socket.io/; HttpOnly; SameSite=Strict`]);
    for (let i = 0; i < 3; i++) expect((await get(port, handshake)).headers['x-backend']).toBe(chosen);

    // The stock client as the browser runs it: long-polling first (several requests), then the upgrade.
    const before = { a: a.socketIoClients, b: b.socketIoClients };
    const client = connectSocketIo(`http://127.0.0.1:${port}`, { path: '/socket.io', withCredentials: true, reconnection: false });
    openSockets.push(client);
    await new Promise<void>((resolve, reject) => {
      client.io.engine.once('upgrade', () => resolve());
      client.once('connect_error', reject);
    });
    expect(await client.emitWithAck('whoami')).toBe(chosen);
    expect({ a: a.socketIoClients, b: b.socketIoClients }).toEqual({ ...before, [chosen]: before[chosen as 'a' | 'b'] + 1 });
  });

  it("sends requests and new websockets to the other backend when one dies, and drops the dead one's sockets", async () => {
    // Checks far apart: the failover below comes from the refused connection, not from a check.
    const { b, port } = await start(60_000);
    const onA = await openEcho(port);
    const onB = await openEcho(port);
    openSockets.push(onA.ws, onB.ws);
    const dropped = new Promise<number>((resolve) => onB.ws.once('close', (code) => resolve(code)));

    await b.stop();
    expect(await dropped).toBe(1006);
    expect([await backendOf(port), await backendOf(port), await backendOf(port)]).toEqual(['a', 'a', 'a']);
    expect(changes.filter((change) => change.endsWith('down'))).toEqual([`${b.url} down`]);
    const reconnected = await openEcho(port);
    openSockets.push(reconnected.ws);
    expect(reconnected.greeting).toMatch(/^a /);
    expect(onA.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('takes a backend back once its readiness check passes again', async () => {
    const { b, port } = await start(100);
    await b.stop();
    await waitFor(() => changes.includes(`${b.url} down`), { timeoutMs: 5000, what: 'the check to notice' });
    await b.start();
    await waitFor(() => changes.at(-1) === `${b.url} up`, { timeoutMs: 5000, what: 'the check to see it back' });
    const seen = new Set([await backendOf(port), await backendOf(port)]);
    expect(seen).toEqual(new Set(['a', 'b']));
  });

  it('answers 502 to requests and upgrades when no backend is live', async () => {
    const { a, b, port } = await start();
    await a.stop();
    await b.stop();

    const answer = await get(port, '/api/cases');
    expect(answer.status).toBe(502);
    expect(answer.headers['content-type']).toMatch(/^text\/plain/);
    expect(answer.body).toMatch(/No backend is available/);

    const ws = new WebSocket(`ws://127.0.0.1:${port}/echo`);
    const status = await new Promise<number>((resolve) =>
      ws.once('unexpected-response', (req, res) => {
        resolve(res.statusCode ?? 0);
        req.destroy();
      }),
    );
    expect(status).toBe(502);
  });
});
