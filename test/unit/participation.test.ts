import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { Audit, type AuditActor } from '../../server/audit/Audit.ts';
import { refusalFor, requireParticipant } from '../../server/policies/participation.ts';
import { DEMO_CASE_ID, seedDemo } from '../../server/seed.ts';
import { createMemoryStores } from '../../server/store/memory/index.ts';

describe('the participation policy', () => {
  it.each([
    ['ba', 'read', null],
    ['va', 'write-comments', null],
    ['ba', 'sessions', null],
    ['reviewer', 'read', null],
    ['reviewer', 'write-comments', 'reviewer-read-only'],
    ['reviewer', 'sessions', 'not-a-physician'],
    ['va', 'export', null],
    ['reviewer', 'export', 'not-a-physician'],
    ['ba', 'employer-summary', null],
    ['va', 'employer-summary', 'not-the-ba'],
    ['reviewer', 'employer-summary', 'not-a-physician'],
    [null, 'employer-summary', 'not-a-member'],
    [null, 'read', 'not-a-member'],
    [null, 'sessions', 'not-a-member'],
    ['va', 'versions', null],
    ['reviewer', 'versions', 'versions-physicians-only'],
    [null, 'versions', 'not-a-member'],
  ] as const)('%s may %s: %s', (role, use, refusal) => {
    expect(refusalFor(role, use)).toBe(refusal);
  });

  it('audits every refusal in one shape and answers 403', async () => {
    const stores = createMemoryStores();
    await seedDemo(stores);
    const outsider = (await stores.records.findUserByUsername('reviewer.demo'))!;
    const actor: AuditActor = { userId: outsider.id, username: outsider.username, role: outsider.role, ip: null, userAgent: null };
    const deps = { ...stores, audit: new Audit(stores.audit, pino({ level: 'silent' })) };
    const request = { caseId: DEMO_CASE_ID, userId: outsider.id, actor, object: 'workflow', use: 'read' } as const;
    await expect(requireParticipant(deps, request)).rejects.toMatchObject({ status: 403, id: 'forbidden' });
    await expect(requireParticipant(deps, { ...request, caseId: 'no-such-case' })).rejects.toMatchObject({ status: 403 });
    const rows = await stores.audit.list({ userId: outsider.id });
    expect(
      rows
        .map(({ action, outcome, object, caseId, detail }) => ({ action, outcome, object, caseId, detail }))
        .sort((a, b) => a.caseId!.localeCompare(b.caseId!)),
    ).toEqual([
      { action: 'denied', outcome: 'denied', object: 'workflow', caseId: DEMO_CASE_ID, detail: 'not-a-member' },
      { action: 'denied', outcome: 'denied', object: 'workflow', caseId: 'no-such-case', detail: 'not-a-member' },
    ]);
    await stores.close();
  });
});
