import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { formatDocName } from '../../shared/docNames.ts';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import type { MemoryAuditStore } from '../../server/store/memory/MemoryAuditStore.ts';
import { SQLITE_FILE_NAME } from '../../server/store/sqlite/index.ts';
import { anchorOf, connectDoc, typeInto } from '../helpers/collabClient.ts';
import { api } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';
import { WorkflowClient } from '../helpers/workflowClient.ts';

const OCCUPATIONAL = formatDocName({ caseId: DEMO_CASE_ID, part: 'occupational' });

/**
 * A workflow command's success row is written in the commit's transaction:
 * when it cannot be written, the command fails and its event is not in the log
 * (nor pushed), nor a comment command's thread; once it can, all are there.
 */
describe('the success audit row of a workflow command is part of its commit', () => {
  let server: TestServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  async function expectNoEventWithoutItsRow(started: TestServer, breakAudit: () => () => void): Promise<void> {
    const ba = new WorkflowClient(started, await started.login('ba.demo'), DEMO_CASE_ID);
    const restore = breakAudit();
    expect((await ba.flag('d240')).status).toBeGreaterThanOrEqual(500);
    expect(await started.stores.workflow.listEvents(DEMO_CASE_ID)).toEqual([]);
    restore();

    expect((await ba.flag('d240')).status).toBe(200);
    expect((await started.stores.workflow.listEvents(DEMO_CASE_ID)).map((e) => e.event.type)).toEqual(['disagreement.flagged']);
    const rows = await started.stores.audit.list({ caseId: DEMO_CASE_ID, action: 'write' });
    expect(rows.filter((row) => row.object === 'section:d240' && row.outcome === 'success')).toHaveLength(1);
  }

  /** A comment command's thread change is in the same commit: none of thread, event and row without the others. */
  async function expectNoThreadWithoutItsRow(started: TestServer, breakCommit: () => () => void): Promise<void> {
    const token = await started.login('ba.demo');
    const writer = connectDoc(started.collabUrl, OCCUPATIONAL, token);
    try {
      await writer.synced();
      typeInto(writer.doc, 'd240', 'Kan vier uur per dag werken.');
      await waitFor(async () => (await started.workspace.collab.registry.read(OCCUPATIONAL, (doc) => doc.getXmlFragment('d240').toString())).includes('uur'));
      const body = { part: 'occupational', sectionId: 'd240', anchor: anchorOf(writer.doc, 'd240', 'vier uur'), text: 'Waarom vier?' };
      const create = () => api(started.url, 'POST', `/api/cases/${DEMO_CASE_ID}/threads`, { token, body });
      const successRows = async () => (await started.stores.audit.list({ caseId: DEMO_CASE_ID, action: 'write' })).filter((row) => row.outcome === 'success');
      const restore = breakCommit();
      expect((await create()).status).toBeGreaterThanOrEqual(500);
      expect(await started.stores.comments.listThreads(DEMO_CASE_ID)).toEqual([]);
      expect(await started.stores.workflow.listEvents(DEMO_CASE_ID)).toEqual([]);
      expect(await successRows()).toEqual([]);
      restore();

      expect((await create()).status).toBe(201);
      expect(await started.stores.comments.listThreads(DEMO_CASE_ID)).toHaveLength(1);
      expect((await started.stores.workflow.listEvents(DEMO_CASE_ID)).map((e) => e.event.type)).toEqual(['comment.created']);
      expect((await successRows()).map((row) => row.object)).toEqual(['comments:occupational:d240']);
    } finally {
      writer.destroy();
    }
  }

  /** A trigger that refuses inserts into `table` (on a condition), as a full or broken disk would. */
  const refuseSqliteInserts =
    (started: TestServer, table: string, when = '1') =>
    () => {
      const db = new Database(join(started.dataDir!, SQLITE_FILE_NAME));
      db.exec(`CREATE TRIGGER refuse_inserts BEFORE INSERT ON ${table} WHEN ${when} BEGIN SELECT RAISE(ABORT, 'insert refused'); END`);
      return () => {
        db.exec('DROP TRIGGER refuse_inserts');
        db.close();
      };
    };
  // Only the success rows of commands: the other audit rows of the request are written as ever.
  const refuseSqliteWrites = (started: TestServer) => refuseSqliteInserts(started, 'audit_log', "NEW.action = 'write'");

  const refuseMemoryRows = (started: TestServer) => () => {
    const audit = started.stores.audit as MemoryAuditStore;
    const appendNow = audit.appendNow.bind(audit);
    audit.appendNow = () => {
      throw new Error('audit refused');
    };
    return () => {
      audit.appendNow = appendNow;
    };
  };

  it('SQLite: an audit row the database refuses commits nothing', async () => {
    const started = (server = await startTestServer({ store: 'sqlite' }));
    await expectNoEventWithoutItsRow(started, refuseSqliteWrites(started));
  });

  it('memory: an audit row that cannot be appended commits nothing', async () => {
    const started = (server = await startTestServer({ store: 'memory' }));
    await expectNoEventWithoutItsRow(started, refuseMemoryRows(started));
  });

  it('SQLite: a comment whose audit row the database refuses creates no thread', async () => {
    const started = (server = await startTestServer({ store: 'sqlite' }));
    await expectNoThreadWithoutItsRow(started, refuseSqliteWrites(started));
  });

  it('SQLite: a thread the database refuses leaves no event and no success row', async () => {
    const started = (server = await startTestServer({ store: 'sqlite' }));
    await expectNoThreadWithoutItsRow(started, refuseSqliteInserts(started, 'comment_threads'));
  });

  it('memory: a comment whose audit row cannot be appended creates no thread', async () => {
    const started = (server = await startTestServer({ store: 'memory' }));
    await expectNoThreadWithoutItsRow(started, refuseMemoryRows(started));
  });
});
