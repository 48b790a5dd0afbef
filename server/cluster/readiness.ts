import { get } from 'node:http';
import { connect } from 'node:net';
import { describeEnding, type ClusterPart } from './ClusterPart.ts';

const POLL_MS = 200;

/** Resolves once `ready()` says so; rejects, naming the part, when it dies or takes longer than `timeoutMs`. */
export async function waitUntilReady(part: ClusterPart, ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!part.running) throw new Error(`${part.name} ${describeEnding(await part.ended)} while starting`);
    if (await ready()) return;
    if (Date.now() > deadline) throw new Error(`${part.name} was not ready after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The app node answers its readiness check (its store answers). */
export function nodeReady(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = get(`${url}/readyz`, { agent: false, timeout: 1000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    probe.on('timeout', () => probe.destroy());
    probe.on('error', () => resolve(false));
  });
}

/** Redis answers PING with PONG (while it replays its append-only file it answers LOADING). */
export function redisReady(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    const done = (ready: boolean) => {
      socket.destroy();
      resolve(ready);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
    socket.once('error', () => done(false));
  });
}
