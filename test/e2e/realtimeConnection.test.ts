import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { formatDocName } from '../../shared/docNames.ts';
import { RealtimeEvent, SOCKET_PATH, type SessionPresence } from '../../shared/realtime.ts';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { useBrowser, useWorkspaceServer, waitForText, type PhysicianPage } from '../helpers/browser.ts';
import { anchorOf, connectDoc, typeInto, type CollabClient } from '../helpers/collabClient.ts';
import { api } from '../helpers/http.ts';
import type { TestServer } from '../helpers/testServer.ts';
import { sleep, waitFor } from '../helpers/waitFor.ts';
import { WorkflowClient } from '../helpers/workflowClient.ts';

const SECTION = 'd240';
const JOINT = formatDocName({ caseId: DEMO_CASE_ID, part: 'joint' });
const JOINT_TEXT = 'Samen: vier uur per dag, met vaste pauzes.';
/** A session this soon is due for its reminder (SESSION_REMINDER_MINUTES defaults to 15). */
const SESSION_IN_MS = 10 * 60_000;
/** Long enough for a socket that reconnected to have joined its rooms again. */
const REJOIN_MS = 500;

/**
 * The socket.io connections a page opens: every engine.io handshake (a
 * request under the socket path without a session id), and the websockets it
 * upgraded to, kept so that the test can drop them as a network would.
 */
interface SocketWatch {
  handshakes(): number;
  open(): Promise<number>;
  /** Closes the page's socket.io websockets, as a lost network would: the client reconnects. */
  drop(): Promise<void>;
}

async function watchSockets(page: Page): Promise<SocketWatch> {
  let handshakes = 0;
  // A connection starts with long-polling, or straight with a websocket when told to.
  const count = (address: string) => {
    const url = new URL(address);
    if (url.pathname.startsWith(`${SOCKET_PATH}/`) && !url.searchParams.has('sid')) handshakes++;
  };
  page.on('request', (request) => count(request.url()));
  page.on('websocket', (websocket) => count(websocket.url()));
  await page.addInitScript((path) => {
    const Native = window.WebSocket;
    const held: WebSocket[] = [];
    (window as unknown as HeldWebsockets).socketIoWebsockets = held;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        if (new URL(url, location.href).pathname.startsWith(`${path}/`)) held.push(this);
      }
    };
  }, SOCKET_PATH);
  return {
    handshakes: () => handshakes,
    open: () => page.evaluate(() => (window as unknown as HeldWebsockets).socketIoWebsockets.filter((ws) => ws.readyState === WebSocket.OPEN).length),
    drop: () => page.evaluate(() => (window as unknown as HeldWebsockets).socketIoWebsockets.forEach((ws) => ws.close())),
  };
}

/** Where the init script keeps the page's socket.io websockets. */
interface HeldWebsockets {
  socketIoWebsockets: WebSocket[];
}

describe('one socket.io connection per page', () => {
  const browser = useBrowser();
  const workspace = useWorkspaceServer();
  let server: TestServer;
  let vaDoc: CollabClient | null = null;
  let vaSocket: Socket | null = null;
  beforeEach(() => {
    server = workspace();
  });
  afterEach(() => {
    vaDoc?.destroy();
    vaSocket?.disconnect();
    vaDoc = vaSocket = null;
  });

  /** The VA, outside the browser: workflow commands, a thread in the joint draft, presence in a session. */
  async function otherPhysician() {
    const token = await server.login('va.demo');
    const workflow = new WorkflowClient(server, token, DEMO_CASE_ID);
    vaDoc = connectDoc(server.collabUrl, JOINT, token);
    await vaDoc.synced();
    const doc = vaDoc.doc;
    const presence: SessionPresence[] = [];
    const socket = (vaSocket = io(server.url, { path: SOCKET_PATH, transports: ['websocket'], auth: { token }, reconnection: false }));
    socket.on(RealtimeEvent.sessionPresence, (message: SessionPresence) => presence.push(message));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    return {
      workflow,
      presence,
      write: (text: string) => typeInto(doc, SECTION, text),
      comment: (words: string, text: string) =>
        api(server.url, 'POST', `/api/cases/${DEMO_CASE_ID}/threads`, {
          token,
          body: { part: 'joint', sectionId: SECTION, anchor: anchorOf(doc, SECTION, words), quote: words, text },
        }),
      joinSession: (sessionId: string) => socket.emitWithAck(RealtimeEvent.sessionJoin, DEMO_CASE_ID, sessionId),
    };
  }

  const statusIs = (ba: PhysicianPage, status: string) => ba.page.locator(`[data-testid="status-${SECTION}"][data-status="${status}"]`).waitFor();
  const unreadIs = (ba: PhysicianPage, count: number) => ba.page.locator(`[data-testid="comments-unread"][data-count="${count}"]`).waitFor();
  const hasBa = (message: SessionPresence) => message.present.some((p) => p.name === 'Anna Bakker');
  const baPresent = (presence: SessionPresence[]) => {
    const last = presence.at(-1);
    return last !== undefined && hasBa(last);
  };

  it('workflow, comments, session presence and reminders share one connection, across leaving and reopening the case and a reconnect', async () => {
    const ba = await browser.newPhysician(server.url, 'ba.demo');
    const sockets = await watchSockets(ba.page);
    await ba.page.reload();
    await ba.openCase(DEMO_CASE_ID);
    const va = await otherPhysician();

    // Every feature on the page is live: a workflow change, a comment, a reminder, a live session.
    expect((await va.workflow.flag(SECTION, 'Verschil in uren')).status).toBe(200);
    await statusIs(ba, 'disagreement');
    va.write(JOINT_TEXT);
    await waitForText(ba.page.getByTestId(`editor-joint-${SECTION}`), JOINT_TEXT);
    expect((await va.comment('vier uur', 'Eens met de vier uur?')).status).toBe(201);
    await unreadIs(ba, 1);
    const scheduled = await va.workflow.post('/sessions', {
      scheduledAt: new Date(Date.now() + SESSION_IN_MS).toISOString(),
      durationMinutes: 30,
      mode: 'video',
      agenda: [],
    });
    const sessionId = scheduled.body.workflow.sessions.at(-1)!.id;
    expect(await server.workspace.sendRemindersNow()).toBeGreaterThanOrEqual(1);
    await ba.page.getByTestId(`reminder-${sessionId}`).waitFor();
    expect((await va.workflow.post(`/sessions/${sessionId}/start`)).status).toBe(200);
    expect(await va.joinSession(sessionId)).toEqual({ ok: true });
    await waitFor(() => baPresent(va.presence), { what: 'the BA present in the live session', timeoutMs: 10_000 });
    expect(sockets.handshakes()).toBe(1);
    expect(await sockets.open()).toBe(1);

    // Back to the case list and into the case again: the same connection, following the case again.
    await ba.page.getByRole('link', { name: 'Terug naar dossiers' }).click();
    await ba.openCase(DEMO_CASE_ID);
    await sleep(REJOIN_MS);
    expect((await va.workflow.withdrawFlag(SECTION)).status).toBe(200);
    await statusIs(ba, 'open');
    expect(sockets.handshakes()).toBe(1);

    // A dropped connection reconnects once, and every feature follows its rooms again.
    const announced = va.presence.length;
    await sockets.drop();
    await waitFor(() => sockets.handshakes() === 2, { what: 'the reconnect', timeoutMs: 10_000 });
    await waitFor(async () => (await sockets.open()) === 1, { what: 'the new websocket', timeoutMs: 10_000 });
    const leftAndBack = () => va.presence.slice(announced).some((message) => !hasBa(message)) && baPresent(va.presence);
    await waitFor(leftAndBack, { what: 'the BA gone, then present again after the reconnect', timeoutMs: 10_000 });
    await sleep(REJOIN_MS);
    expect((await va.workflow.flag(SECTION, 'Toch verschil')).status).toBe(200);
    await statusIs(ba, 'disagreement');
    expect((await va.comment('vaste pauzes', 'En de pauzes?')).status).toBe(201);
    await unreadIs(ba, 2);
    expect(sockets.handshakes()).toBe(2);
    expect(await sockets.open()).toBe(1);
    expect(ba.pageErrors).toEqual([]);
  });
});
