import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import type { MemoryAuditStore } from '../../server/store/memory/MemoryAuditStore.ts';
import { SQLITE_FILE_NAME } from '../../server/store/sqlite/index.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';
import { WorkflowClient } from '../helpers/workflowClient.ts';

/**
 * A workflow command's success row is written in the commit's transaction:
 * when it cannot be written, the command fails and its event is not in the log
 * (nor pushed); once it can, both are there.
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

  it('SQLite: an audit row the database refuses commits nothing', async () => {
    const started = (server = await startTestServer({ store: 'sqlite' }));
    await expectNoEventWithoutItsRow(started, () => {
      const db = new Database(join(started.dataDir!, SQLITE_FILE_NAME));
      db.exec(`CREATE TRIGGER refuse_writes BEFORE INSERT ON audit_log WHEN NEW.action = 'write' BEGIN SELECT RAISE(ABORT, 'audit refused'); END`);
      return () => {
        db.exec('DROP TRIGGER refuse_writes');
        db.close();
      };
    });
  });

  it('memory: an audit row that cannot be appended commits nothing', async () => {
    const started = (server = await startTestServer({ store: 'memory' }));
    const audit = started.stores.audit as MemoryAuditStore;
    await expectNoEventWithoutItsRow(started, () => {
      const appendNow = audit.appendNow.bind(audit);
      audit.appendNow = () => {
        throw new Error('audit refused');
      };
      return () => {
        audit.appendNow = appendNow;
      };
    });
  });
});
