import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/limits.ts';
import { Audit, type AuditActor } from '../../server/audit/Audit.ts';
import type { ConnectionContext } from '../../server/collab/ClientConnection.ts';
import { assignMember } from '../../server/commands/createCase.ts';
import type { CommandDeps } from '../../server/commands/deps.ts';
import { DEMO_CASE_ID, seedDemo } from '../../server/seed.ts';
import { createMemoryStores } from '../../server/store/memory/index.ts';

const ACTOR: AuditActor = { userId: null, username: 'admin', role: 'admin', ip: null, userAgent: null };

describe('replacing a physician inside the server (assignMember)', () => {
  it("ends the replaced physician's document connections of the case and re-checks the case's sockets at once", async () => {
    const stores = createMemoryStores();
    await seedDemo(stores);
    const oldVa = (await stores.records.findUserByUsername('va.demo'))!;
    const closed: { matches: (context: ConnectionContext) => boolean; code: number }[] = [];
    const rechecked: string[] = [];
    const connections = {
      closeWhere: (matches: (context: ConnectionContext) => boolean, code: number) => closed.push({ matches, code }),
    } as unknown as CommandDeps['connections'];
    const realtime = { recheckCase: async (caseId: string) => rechecked.push(caseId) } as unknown as CommandDeps['realtime'];
    const deps = { records: stores.records, audit: new Audit(stores.audit, pino({ level: 'silent' })), connections, realtime };

    await assignMember(deps, ACTOR, DEMO_CASE_ID, 'va', 'reviewer.demo');
    expect(rechecked).toEqual([DEMO_CASE_ID]);
    expect(closed).toHaveLength(1);
    expect(closed[0]!.code).toBe(CloseCode.forbidden);
    const context = (caseId: string, userId: string) => ({ caseId, userId }) as ConnectionContext;
    expect(closed[0]!.matches(context(DEMO_CASE_ID, oldVa.id))).toBe(true);
    expect(closed[0]!.matches(context('other', oldVa.id))).toBe(false);

    // Assigning the physician who already holds the role changes nobody's access.
    await assignMember(deps, ACTOR, DEMO_CASE_ID, 'va', 'reviewer.demo');
    expect(rechecked).toHaveLength(1);
    await stores.close();
  });
});
