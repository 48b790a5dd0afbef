import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRole } from '../../shared/roles.ts';
import { DEMO_CASE_ID, seedDemo } from '../../server/seed.ts';
import { LOG_SECRET_FILE, loadOrCreateSecret } from '../../server/secret.ts';
import type { MemberRecord, RecordStore } from '../../server/store/ports.ts';
import { SQLITE_FILE_NAME, createSqliteStores } from '../../server/store/sqlite/index.ts';
import { legacyHashEnvelope } from '../../server/workflow/eventChain.ts';
import { createLogKey } from '../../server/workflow/logKey.ts';
import { changeRationale, commitSample, DISPUTE_ID, legacySample, rechain, SAMPLE_EVENTS } from '../helpers/caseLog.ts';
import { api } from '../helpers/http.ts';
import { createPreKeyedDatabase, sqliteRawWorkflow } from '../helpers/rawWorkflow.ts';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.ts';
import { loginToken, startTestServer, type TestServer } from '../helpers/testServer.ts';
import { makeTempDir } from '../helpers/tmp.ts';
import { waitFor } from '../helpers/waitFor.ts';

const ADMIN = fileURLToPath(new URL('../../dist/server/admin.js', import.meta.url));
const REFUSAL = { id: 'case.integrity', message: 'The record of this case does not match its log; an administrator must check it' };
/** Words of the sample's flags and dispute: medical text that must never reach a log line. */
const MEDICAL_TEXT = /ziet|Altijd al|tillen|kg/i;

async function verifyLog(dataDir: string, caseId: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [ADMIN, 'verify-log', caseId], { env: { PATH: process.env.PATH, DATA_DIR: dataDir } });
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, output: failed.stderr };
  }
}

async function physicians(records: RecordStore, caseId: string): Promise<MemberRecord[]> {
  const roles: [CaseRole, string][] = [
    ['ba', 'ba.demo'],
    ['va', 'va.demo'],
  ];
  return Promise.all(roles.map(async ([caseRole, username]) => ({ caseId, caseRole, userId: (await records.findUserByUsername(username))!.id })));
}

/** The integrity part of /readyz once the scan after boot is done. */
async function scanned(url: string) {
  return waitFor(
    async () => {
      const ready = await api(url, 'GET', '/readyz');
      return ready.status === 200 && ready.body.integrity.scan === 'done' ? ready.body : null;
    },
    { timeoutMs: 15_000, what: 'the integrity scan after boot' },
  );
}

/** Log lines of a server process as JSON, the non-JSON ones left out. */
const logLines = (server: ServerProcess) =>
  server.output.flatMap((line) => {
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });

describe('a server started on a store whose cases do not all match their logs', () => {
  const temp = makeTempDir();
  let server: ServerProcess;

  beforeAll(async () => {
    const key = createLogKey(loadOrCreateSecret(temp.dir, LOG_SECRET_FILE));
    const stores = createSqliteStores(temp.dir, { synchronous: 'normal' });
    await seedDemo(stores);
    for (const id of ['c-forged', 'c-truncated', 'c-grant']) await commitSample(stores, id, key, await physicians(stores.records, id));
    const outsider = (await stores.records.findUserByUsername('outsider.demo'))!;
    await stores.close();

    const raw = sqliteRawWorkflow(join(temp.dir, SQLITE_FILE_NAME));
    await raw.deleteEventsAfter('c-truncated', SAMPLE_EVENTS - 1);
    await raw.addGrant('c-grant', { userId: outsider.id, disputeId: DISPUTE_ID });
    const db = new Database(join(temp.dir, SQLITE_FILE_NAME));
    try {
      db.prepare(`UPDATE case_workflow SET state = json_set(state, '$.sections.d240.status', 'agreed') WHERE case_id = 'c-forged'`).run();
    } finally {
      db.close();
    }
    server = await startServerProcess({ DATA_DIR: temp.dir });
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
    temp.remove();
  });

  it('/readyz stays 200 and, once the scan after boot is done, names the refused cases', async () => {
    expect(await scanned(server.url)).toEqual({ status: 'ready', integrity: { checked: 4, failed: ['c-forged', 'c-grant', 'c-truncated'], scan: 'done' } });
  });

  it("a refused case's workflow, events and commands answer 503 case.integrity; the case itself still reads", async () => {
    await scanned(server.url);
    const token = await loginToken(server.url, 'ba.demo');
    for (const path of ['/api/cases/c-forged/workflow', '/api/cases/c-truncated/events', '/api/cases/c-grant/workflow']) {
      const refused = await api(server.url, 'GET', path, { token });
      expect([path, refused.status, refused.body]).toEqual([path, 503, { error: REFUSAL }]);
    }
    const command = await api(server.url, 'POST', '/api/cases/c-forged/sections/d175/flag', { token, body: { rationale: 'Verschil', kind: 'other' } });
    expect([command.status, command.body]).toEqual([503, { error: REFUSAL }]);
    expect((await api(server.url, 'GET', '/api/cases/c-forged', { token })).status).toBe(200);
  });

  it('the intact case on the same server keeps working, reads and commands', async () => {
    await scanned(server.url);
    const token = await loginToken(server.url, 'ba.demo');
    expect((await api(server.url, 'GET', `/api/cases/${DEMO_CASE_ID}/workflow`, { token })).status).toBe(200);
    const flagged = await api(server.url, 'POST', `/api/cases/${DEMO_CASE_ID}/sections/d240/flag`, { token, body: { rationale: 'Verschil', kind: 'hours' } });
    expect(flagged.status).toBe(200);
    expect(flagged.body.workflow.sections.d240.status).toBe('disagreement');
    expect((await api(server.url, 'GET', `/api/cases/${DEMO_CASE_ID}/events`, { token })).body).toHaveLength(1);
  });

  it('a reviewer grant slipped into the table opens nothing', async () => {
    const token = await loginToken(server.url, 'outsider.demo');
    expect((await api(server.url, 'GET', '/api/cases/c-grant/workflow', { token })).status).toBe(403);
    expect((await api(server.url, 'GET', '/api/cases/c-grant', { token })).status).toBe(403);
    expect((await api(server.url, 'GET', '/api/cases', { token })).body).toEqual([]);
  });

  it('the log has one error line per refused case with its problem, and never the medical text', async () => {
    await scanned(server.url);
    const lines = logLines(server);
    const refused = lines.filter((line) => line.cat === 'integrity' && line.level === 50);
    expect(refused.map((line) => [line.caseId, line.problem]).sort()).toEqual([
      ['c-forged', 'state.forged'],
      ['c-grant', 'reviewers.unjustified'],
      ['c-truncated', 'log.truncated'],
    ]);
    expect(lines.some((line) => line.msg === 'integrity scan done')).toBe(true);
    expect(server.output.join('\n')).not.toMatch(MEDICAL_TEXT);
  });
});

describe('a running server and a case edited behind its back', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('the check on load refuses the case at once; the other cases, overviews and /readyz go on', async () => {
    const ba = await server.login('ba.demo');
    const admin = await server.login('admin.demo');
    const other = await api(server.url, 'POST', '/api/cases', {
      token: admin,
      body: { title: 'Ander', employeePseudonym: 'WN-A', employer: 'Werkgever', firstSickDay: '2026-05-01', ba: 'ba.demo', va: 'va.demo' },
    });
    for (const section of ['d240', 'd430']) {
      const flagged = await api(server.url, 'POST', `/api/cases/${DEMO_CASE_ID}/sections/${section}/flag`, {
        token: ba,
        body: { rationale: 'Verschil', kind: 'hours' },
      });
      expect(flagged.status).toBe(200);
    }
    await sqliteRawWorkflow(join(server.dataDir!, SQLITE_FILE_NAME)).deleteEventsAfter(DEMO_CASE_ID, 1);

    const refused = await api(server.url, 'GET', `/api/cases/${DEMO_CASE_ID}/workflow`, { token: ba });
    expect([refused.status, refused.body]).toEqual([503, { error: REFUSAL }]);
    const ready = await api(server.url, 'GET', '/readyz');
    expect([ready.status, ready.body]).toEqual([200, { status: 'ready', integrity: { checked: 0, failed: [DEMO_CASE_ID], scan: 'pending' } }]);
    expect(
      (await api(server.url, 'POST', `/api/cases/${other.body.id}/sections/d240/flag`, { token: ba, body: { rationale: 'x', kind: 'hours' } })).status,
    ).toBe(200);
    expect((await api(server.url, 'GET', '/api/sessions/upcoming', { token: ba })).status).toBe(200);
    // The refused read is on the audit trail as a failure, not as a read that happened.
    const audit = await server.stores.audit.list({ caseId: DEMO_CASE_ID });
    expect(audit.find((row) => row.object === 'workflow')).toMatchObject({ action: 'read', outcome: 'failure', detail: 'case.integrity' });
  });
});

describe('upgrading a store written before the log was keyed', () => {
  const temp = makeTempDir();
  const file = join(temp.dir, SQLITE_FILE_NAME);
  const physiciansOf = { ba: 'ba.demo', va: 'va.demo' };
  let server: ServerProcess | null = null;

  beforeAll(async () => {
    await createPreKeyedDatabase(file, [
      { id: 'c-legacy', members: physiciansOf },
      { id: 'c-legacy-edited', members: physiciansOf },
    ]);
    const raw = sqliteRawWorkflow(file);
    const intact = legacySample('c-legacy');
    await raw.writeLegacy('c-legacy', intact.events, intact.state, intact.reviewers);
    const edited = legacySample('c-legacy-edited');
    await raw.writeLegacy('c-legacy-edited', [changeRationale(edited.events[0]!), ...edited.events.slice(1)], edited.state, edited.reviewers);
    server = await startServerProcess({ DATA_DIR: temp.dir, DEMO_SEED: 'false' });
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
    temp.remove();
  });

  it('seals the intact legacy case once at boot, and it opens and takes new events; the edited one is refused', async () => {
    expect((await scanned(server!.url)).integrity).toEqual({ checked: 2, failed: ['c-legacy-edited'], scan: 'done' });
    const sealing = logLines(server!).find((line) => typeof line.msg === 'string' && line.msg.startsWith('sealed the event logs'));
    expect(sealing).toMatchObject({ sealed: 1, refused: 1 });
    const token = await loginToken(server!.url, 'ba.demo');
    const legacy = await api(server!.url, 'GET', '/api/cases/c-legacy/workflow', { token });
    expect([legacy.status, legacy.body.sections.d240.status, legacy.body.seq]).toEqual([200, 'disagreement', SAMPLE_EVENTS]);
    const flagged = await api(server!.url, 'POST', '/api/cases/c-legacy/sections/d175/flag', { token, body: { rationale: 'Verschil', kind: 'other' } });
    expect(flagged.status).toBe(200);
    expect((await api(server!.url, 'GET', '/api/cases/c-legacy-edited/workflow', { token })).status).toBe(503);
    expect(await verifyLog(temp.dir, 'c-legacy')).toEqual({
      code: 0,
      output: expect.stringContaining(`intact (${SAMPLE_EVENTS + 1} events, the first ${SAMPLE_EVENTS} hashed before the log was keyed)`),
    });
  });

  it('after the upgrade the seal anchors the legacy prefix: recomputing it with the bare SHA-256 is caught', async () => {
    await scanned(server!.url);
    await server!.kill('SIGTERM');
    server = null;
    const raw = sqliteRawWorkflow(file);
    const db = new Database(file, { readonly: true });
    const rows = db.prepare('SELECT seq FROM case_events WHERE case_id = ? ORDER BY seq').all('c-legacy');
    db.close();
    expect(rows).toHaveLength(SAMPLE_EVENTS + 1);
    // The attacker rewrites the legacy events; the keyed event after them cannot be recomputed without the key.
    await raw.replaceEvents('c-legacy', rechain(legacySample('c-legacy').events, 1, changeRationale, legacyHashEnvelope));
    const check = await verifyLog(temp.dir, 'c-legacy');
    expect(check.code).toBe(1);
    expect(check.output).toMatch(/case c-legacy: event\.link at event 6/);

    // A restart does not seal anything again, and refuses the rewritten case.
    server = await startServerProcess({ DATA_DIR: temp.dir, DEMO_SEED: 'false' });
    expect((await scanned(server.url)).integrity.failed).toEqual(['c-legacy', 'c-legacy-edited']);
    expect(logLines(server).some((line) => typeof line.msg === 'string' && line.msg.startsWith('sealed the event logs'))).toBe(false);
  });
});
