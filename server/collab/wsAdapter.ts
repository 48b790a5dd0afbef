import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { CloseCode } from '../../shared/limits.ts';
import type { Audit } from '../audit/Audit.ts';
import type { ClientConnection, CollabSocket } from './ClientConnection.ts';
import type { CollabServer } from './CollabServer.ts';
import type { ConnectionDecision } from './authorizeConnection.ts';

export interface CollabWebsocketOptions {
  maxPayload: number;
  authorize(request: IncomingMessage): Promise<ConnectionDecision>;
}

/** A peer that has not answered a ping within this time is dropped. */
const HEARTBEAT_MS = 30_000;
/** A client that cannot keep up with this much unsent data is dropped; it resyncs on reconnect. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

export interface CollabWebsocket {
  /** Handles an HTTP upgrade under /collab/. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

/**
 * The thin `ws` adapter around the collaboration core: upgrades requests under
 * /collab/, authorizes them before the socket opens, and translates events.
 */
export function createCollabWebsocket(collab: CollabServer, audit: Audit, log: Logger, options: CollabWebsocketOptions): CollabWebsocket {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload, perMessageDeflate: false });
  const heartbeat = startHeartbeat(wss);
  const accept = (ws: WebSocket, decision: ConnectionDecision) => {
    if (!decision.ok) {
      audit.recordRefusalInBackground(decision.actor, decision.audit);
      ws.close(decision.code, decision.reason);
      return;
    }
    const { context } = decision;
    audit.recordInBackground(context, {
      action: 'connect',
      outcome: 'success',
      object: `doc:${context.part}`,
      caseId: context.caseId,
      detail: context.access,
    });
    attach(ws, collab.open(socketOf(ws), context), heartbeat, log);
  };

  return {
    handleUpgrade(request, socket, head) {
      socket.on('error', () => socket.destroy());
      options
        .authorize(request)
        .then((decision) => {
          if (socket.destroyed) return;
          wss.handleUpgrade(request, socket, head, (ws) => accept(ws, decision));
        })
        .catch((error: unknown) => {
          log.error({ cat: 'collab', err: error }, 'authorizing a connection failed');
          socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
        });
    },
    close() {
      heartbeat.stop();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}

/** What the collaboration core sends and controls through. */
function socketOf(ws: WebSocket): CollabSocket {
  return {
    send: (data) => {
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) return ws.terminate();
      corkForThisTurn(ws);
      ws.send(data, SEND_BINARY);
    },
    close: (code, reason) => ws.close(code, reason),
    pause: () => ws.pause(),
    resume: () => ws.resume(),
  };
}

const SEND_BINARY = { binary: true } as const;

/** Sockets corked since the current callback began; uncorked once it and its microtasks are done. */
const corked = new Set<Duplex>();

/**
 * Corks the socket under a websocket until the current callback (and its
 * microtasks) has finished, so that every frame sent to it meanwhile — an
 * update, the caret that followed it, an acknowledgement — leaves in one
 * write. `ws` corks each frame on its own, and nested corks count, so this
 * adds to it. `ws` keeps the socket in a private field; without one, nothing
 * is corked.
 */
function corkForThisTurn(ws: WebSocket): void {
  const socket = (ws as unknown as { _socket?: Duplex })._socket;
  if (!socket || corked.has(socket)) return;
  if (corked.size === 0) process.nextTick(uncorkAll);
  socket.cork();
  corked.add(socket);
}

function uncorkAll(): void {
  for (const socket of corked) socket.uncork();
  corked.clear();
}

/** Passes a socket's events to its connection. */
function attach(ws: WebSocket, connection: ClientConnection, heartbeat: Heartbeat, log: Logger): void {
  heartbeat.watch(ws);
  ws.on('message', (data: RawData, isBinary: boolean) => {
    if (!isBinary) return connection.close(CloseCode.unsupportedData, 'binary messages only');
    connection.receive(toBytes(data));
  });
  ws.on('close', () => connection.onSocketClosed());
  ws.on('error', (error) => log.debug({ cat: 'collab', err: error }, 'websocket error'));
}

interface Heartbeat {
  watch(ws: WebSocket): void;
  stop(): void;
}

/** Pings every socket each HEARTBEAT_MS, and drops those that did not answer the last ping. */
function startHeartbeat(wss: WebSocketServer): Heartbeat {
  const alive = new WeakMap<WebSocket, boolean>();
  const timer = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.get(ws)) {
        ws.terminate();
      } else {
        alive.set(ws, false);
        ws.ping();
      }
    }
  }, HEARTBEAT_MS);
  timer.unref();
  return {
    watch(ws) {
      alive.set(ws, true);
      ws.on('pong', () => alive.set(ws, true));
    },
    stop: () => clearInterval(timer),
  };
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}
