import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { formatDocName } from '../../shared/docNames.ts';
import { RealtimeEvent } from '../../shared/realtime.ts';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';

const joint = formatDocName({ caseId: DEMO_CASE_ID, part: 'joint' });

/** Behind the load balancer, the audit must name the physician's address, not the proxy's. */
describe.each([
  { trustProxy: 1, expected: '203.0.113.7' },
  { trustProxy: 0, expected: '127.0.0.1' },
])('client address in the audit of websockets (TRUST_PROXY=$trustProxy)', ({ trustProxy, expected }) => {
  let server: TestServer;
  afterEach(() => server.close());
  const forwarded = { 'X-Forwarded-For': '198.51.100.1, 203.0.113.7' };

  it('a collaboration connection is audited with the client address', async () => {
    server = await startTestServer({ config: { TRUST_PROXY: trustProxy } });
    const token = await server.login('ba.demo');
    const socket = new WebSocket(`${server.collabUrl}/${joint}?token=${token}`, { headers: forwarded });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    socket.close();
    const rows = await waitFor(async () => {
      const found = await server.stores.audit.list({ caseId: DEMO_CASE_ID, action: 'connect' });
      return found.length > 0 ? found : null;
    });
    expect(rows![0]!.ip?.replace('::ffff:', '')).toBe(expected);
  });

  it('a refused socket.io join is audited with the client address', async () => {
    server = await startTestServer({ config: { TRUST_PROXY: trustProxy } });
    const socket = io(server.url, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: { token: await server.login('outsider.demo') },
      extraHeaders: forwarded,
      reconnection: false,
    });
    try {
      await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('connect_error', reject));
      expect(await socket.emitWithAck(RealtimeEvent.join, DEMO_CASE_ID)).toMatchObject({ ok: false });
      const rows = await waitFor(async () => {
        const found = await server.stores.audit.list({ caseId: DEMO_CASE_ID, action: 'denied' });
        return found.length > 0 ? found : null;
      });
      expect(rows![0]!.ip?.replace('::ffff:', '')).toBe(expected);
    } finally {
      socket.disconnect();
    }
  });
});
