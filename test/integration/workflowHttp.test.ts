import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SectionStatus } from '../../shared/workflow/types.ts';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { api } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';
import { WorkflowClient } from '../helpers/workflowClient.ts';

type Who = 'ba' | 'va' | 'reviewer' | 'outsider';
type SectionCommand = 'flag' | 'withdrawFlag' | 'propose' | 'sign' | 'reopen';

/**
 * The role x state matrix of the section workflow over HTTP: for each state,
 * every command by every actor, with the status the rules demand. The BA
 * raised the flag and the VA made the proposal, so the relational rules
 * (only the flagger withdraws, only the other physician signs) show.
 */
const MATRIX: Record<Exclude<SectionStatus, never>, Record<SectionCommand, Record<'ba' | 'va', number>>> = {
  open: {
    flag: { ba: 200, va: 200 },
    withdrawFlag: { ba: 409, va: 409 },
    propose: { ba: 200, va: 200 },
    sign: { ba: 409, va: 409 },
    reopen: { ba: 409, va: 409 },
  },
  disagreement: {
    flag: { ba: 409, va: 409 },
    withdrawFlag: { ba: 200, va: 403 },
    propose: { ba: 200, va: 200 },
    sign: { ba: 409, va: 409 },
    reopen: { ba: 409, va: 409 },
  },
  proposed: {
    flag: { ba: 200, va: 200 },
    withdrawFlag: { ba: 409, va: 409 },
    propose: { ba: 200, va: 200 },
    sign: { ba: 200, va: 403 },
    reopen: { ba: 409, va: 409 },
  },
  agreed: {
    flag: { ba: 409, va: 409 },
    withdrawFlag: { ba: 409, va: 409 },
    propose: { ba: 409, va: 409 },
    sign: { ba: 409, va: 409 },
    reopen: { ba: 200, va: 200 },
  },
  escalated: {
    flag: { ba: 409, va: 409 },
    withdrawFlag: { ba: 409, va: 409 },
    propose: { ba: 200, va: 200 },
    sign: { ba: 409, va: 409 },
    reopen: { ba: 409, va: 409 },
  },
  resolved: {
    flag: { ba: 409, va: 409 },
    withdrawFlag: { ba: 409, va: 409 },
    propose: { ba: 409, va: 409 },
    sign: { ba: 409, va: 409 },
    reopen: { ba: 200, va: 200 },
  },
};

const SECTIONS = ['d160', 'd175', 'd220', 'd230', 'd240', 'd350', 'd720', 'd740', 'e225', 'e240', 'e250', 'd430'];

describe('the section workflow over HTTP: role x state', () => {
  let server: TestServer;
  let admin: string;
  const tokens = {} as Record<Who, string>;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.login('admin.demo');
    for (const who of ['ba', 'va', 'reviewer', 'outsider'] as const) tokens[who] = await server.login(`${who}.demo`);
  });
  afterAll(() => server.close());

  /** A fresh case per state, so that every accepted command starts from exactly that state. */
  async function newCase(): Promise<Record<Who, WorkflowClient>> {
    const created = await api(server.url, 'POST', '/api/cases', {
      token: admin,
      body: { title: 'Matrix', employeePseudonym: 'WN-M', employer: 'Werkgever', firstSickDay: '2026-05-01', ba: 'ba.demo', va: 'va.demo' },
    });
    const id = created.body.id as string;
    return Object.fromEntries((['ba', 'va', 'reviewer', 'outsider'] as const).map((who) => [who, new WorkflowClient(server, tokens[who], id)])) as Record<
      Who,
      WorkflowClient
    >;
  }

  /** Drives a section into `status`: flagged by the BA, proposed by the VA, escalated/resolved through a dispute. */
  async function bring(c: Record<Who, WorkflowClient>, section: string, status: SectionStatus): Promise<void> {
    await c.ba.writeJoint(section, `Gezamenlijk over ${section}`);
    const ok = async (response: Promise<{ status: number; body: unknown }>) =>
      expect((await response).status, JSON.stringify((await response).body)).toBeLessThan(300);
    if (status === 'open') return;
    if (status === 'disagreement' || status === 'escalated' || status === 'resolved') await ok(c.ba.flag(section));
    if (status === 'escalated' || status === 'resolved') {
      const opened = await c.ba.openDispute([section]);
      expect(opened.status).toBe(201);
      const disputeId = opened.body.workflow.disputes.at(-1)!.id;
      if (status === 'resolved') await ok(c.va.closeDispute(disputeId, { [section]: 'residual' }));
      return;
    }
    if (status === 'proposed' || status === 'agreed') await ok(c.va.propose(section));
    if (status === 'agreed') {
      const proposal = (await c.ba.workflow()).sections[section]!.proposal!;
      await ok(c.ba.sign(section, proposal.hash));
    }
  }

  async function attempt(client: WorkflowClient, command: SectionCommand, section: string) {
    switch (command) {
      case 'flag':
        return client.flag(section);
      case 'withdrawFlag':
        return client.withdrawFlag(section);
      case 'propose':
        return client.propose(section);
      case 'sign': {
        const proposal = (await client.server.stores.workflow.load(client.caseId))?.state.sections[section]?.proposal;
        return client.sign(section, proposal?.hash ?? '0'.repeat(64));
      }
      case 'reopen':
        return client.reopen(section);
    }
  }

  for (const [status, row] of Object.entries(MATRIX) as [SectionStatus, (typeof MATRIX)[SectionStatus]][]) {
    it(`in state "${status}": each command by each actor gets the status its rule demands, and a refusal changes nothing`, async () => {
      const c = await newCase();
      let fresh = 0;
      // Refusals first, all on one section: none may change anything.
      const section = SECTIONS[fresh++]!;
      await bring(c, section, status);
      const before = await c.ba.workflow();
      const eventsBefore = (await server.stores.workflow.listEvents(c.ba.caseId)).length;
      for (const [command, expected] of Object.entries(row) as [SectionCommand, Record<'ba' | 'va', number>][]) {
        for (const who of ['ba', 'va'] as const) {
          if (expected[who] === 200) continue;
          const response = await attempt(c[who], command, section);
          expect(response.status, `${who} ${command} in ${status}: ${JSON.stringify(response.body)}`).toBe(expected[who]);
          expect(response.body.error?.id).toMatch(new RegExp(`^${command}\\.`));
        }
        // Nobody outside the case gets anywhere, whatever the state.
        for (const who of ['reviewer', 'outsider'] as const) {
          const response = await attempt(c[who], command, section);
          expect(response.status, `${who} ${command}`).toBe(403);
        }
      }
      expect(await c.ba.workflow()).toEqual(before);
      expect((await server.stores.workflow.listEvents(c.ba.caseId)).length).toBe(eventsBefore);

      // Each accepted command on its own section in the same state.
      for (const [command, expected] of Object.entries(row) as [SectionCommand, Record<'ba' | 'va', number>][]) {
        for (const who of ['ba', 'va'] as const) {
          if (expected[who] !== 200) continue;
          const own = SECTIONS[fresh++]!;
          await bring(c, own, status);
          const response = await attempt(c[who], command, own);
          expect(response.status, `${who} ${command} in ${status}: ${JSON.stringify(response.body)}`).toBe(200);
        }
      }
    });
  }
});

describe('agreeing on a position', () => {
  let server: TestServer;
  let ba: WorkflowClient;
  let va: WorkflowClient;

  beforeAll(async () => {
    server = await startTestServer();
    ba = new WorkflowClient(server, await server.login('ba.demo'), DEMO_CASE_ID);
    va = new WorkflowClient(server, await server.login('va.demo'), DEMO_CASE_ID);
  });
  afterAll(() => server.close());

  it('records the joint draft as stored, and both names and times once signed', async () => {
    await va.writeJoint('d240', 'Belastbaar 4 uur per dag, met pauzes.');
    const proposed = await va.propose('d240');
    expect(proposed.status).toBe(200);
    const proposal = proposed.body.workflow.sections.d240!.proposal!;
    expect(proposal).toMatchObject({ text: 'Belastbaar 4 uur per dag, met pauzes.', by: { name: 'Victor Visser', role: 'va' } });
    expect(proposal.hash).toMatch(/^[0-9a-f]{64}$/);

    const signed = await ba.sign('d240', proposal.hash);
    expect(signed.status).toBe(200);
    expect(signed.body.workflow.sections.d240).toMatchObject({
      status: 'agreed',
      agreement: { text: 'Belastbaar 4 uur per dag, met pauzes.', proposedBy: { role: 'va' }, signedBy: { name: 'Anna Bakker', role: 'ba' } },
    });
    expect(Date.parse(signed.body.workflow.sections.d240!.agreement!.signedAt)).not.toBeNaN();
  });

  it('a signature on a draft that changed since the proposal is a 409 with a message, and changes nothing', async () => {
    await ba.writeJoint('d430', 'Tillen tot 10 kg.');
    const proposal = (await ba.propose('d430')).body.workflow.sections.d430!.proposal!;
    await ba.writeJoint('d430', ' Of toch 15 kg?');
    const eventsBefore = (await server.stores.workflow.listEvents(DEMO_CASE_ID)).length;

    const stale = await va.sign('d430', proposal.hash);
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ id: 'sign.stale-draft', message: expect.stringContaining('propose it again') });
    expect((await va.workflow()).sections.d430!.status).toBe('proposed');
    expect((await server.stores.workflow.listEvents(DEMO_CASE_ID)).length).toBe(eventsBefore);

    // A hash the signer was never shown is refused too.
    expect((await va.sign('d430', 'f'.repeat(64))).body.error?.id).toBe('sign.proposal-changed');

    const again = (await ba.propose('d430')).body.workflow.sections.d430!.proposal!;
    expect(again.text).toBe('Tillen tot 10 kg. Of toch 15 kg?');
    expect((await va.sign('d430', again.hash)).body.workflow.sections.d430!.status).toBe('agreed');
  });

  it('an empty joint draft cannot be proposed', async () => {
    const response = await ba.propose('d160');
    expect(response.status).toBe(409);
    expect(response.body.error?.id).toBe('propose.empty-draft');
  });

  it('bad input is a 400 naming the field, an unknown section a 400, and nothing is written', async () => {
    const before = (await server.stores.workflow.listEvents(DEMO_CASE_ID)).length;
    expect((await ba.post('/sections/d175/flag', { kind: 'capacity' })).body.error?.field).toBe('rationale');
    expect((await ba.post('/sections/d175/flag', { rationale: 'x', kind: 'mood' })).body.error?.field).toBe('kind');
    expect((await ba.post('/sections/d175/sign', { hash: 'abc' })).body.error?.field).toBe('hash');
    expect((await ba.post('/sections/d999/flag', { rationale: 'x', kind: 'other' })).body.error?.id).toBe('section.unknown');
    expect((await ba.post('/sections/D%20240/flag', { rationale: 'x', kind: 'other' })).status).toBe(400);
    expect((await ba.post('/disputes', { sections: [], question: 'q', reason: 'explicit' })).body.error?.field).toBe('sections');
    expect((await server.stores.workflow.listEvents(DEMO_CASE_ID)).length).toBe(before);
  });

  it('the event log is hash-chained and readable by the members only', async () => {
    const events = await api(server.url, 'GET', `/api/cases/${DEMO_CASE_ID}/events`, { token: ba.token });
    expect(events.status).toBe(200);
    const log = events.body as { seq: number; prevHash: string; hash: string; actor: { role: string } }[];
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    for (let i = 1; i < log.length; i++) expect(log[i]!.prevHash).toBe(log[i - 1]!.hash);
    const outsider = await server.login('outsider.demo');
    expect((await api(server.url, 'GET', `/api/cases/${DEMO_CASE_ID}/events`, { token: outsider })).status).toBe(403);
    expect((await api(server.url, 'GET', `/api/cases/${DEMO_CASE_ID}/workflow`, { token: outsider })).status).toBe(403);
    expect((await api(server.url, 'GET', `/api/cases/${DEMO_CASE_ID}/workflow`)).status).toBe(401);
  });
});

describe('persistent disagreement', () => {
  let server: TestServer;
  let clock = new Date('2026-11-02T09:00:00Z');

  beforeAll(async () => {
    server = await startTestServer({ now: () => clock });
  });
  afterAll(() => server.close());

  it('is derived after 28 days in disagreement; only then can a dispute give "persistent" as its reason', async () => {
    const ba = new WorkflowClient(server, await server.login('ba.demo'), DEMO_CASE_ID);
    await ba.flag('d450');
    expect((await ba.workflow()).persistent).toEqual([]);
    const early = await ba.openDispute(['d450'], 'persistent');
    expect(early.status).toBe(409);
    expect(early.body.error?.id).toBe('openDispute.not-persistent');

    clock = new Date('2026-11-30T09:00:00Z');
    expect((await ba.workflow()).persistent).toEqual(['d450']);
    const opened = await ba.openDispute(['d450'], 'persistent');
    expect(opened.status).toBe(201);
    expect(opened.body.workflow.persistent).toEqual([]);
  });
});
