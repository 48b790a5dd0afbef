import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { Audit, type AuditActor } from '../../server/audit/Audit.ts';
import { accessRoleOf, refusalFor, requireParticipant } from '../../server/policies/participation.ts';
import { loadWorkflow } from '../../server/workflow/loadWorkflow.ts';
import { DOC_PARTS } from '../../shared/docNames.ts';
import { commentAccess, docAccess } from '../../shared/permissions.ts';
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
    // The arbeidsdeskundige reads the handover and does nothing else.
    ['labour-expert', 'handover', null],
    ['labour-expert', 'read', 'labour-expert-handover-only'],
    ['labour-expert', 'write-comments', 'labour-expert-handover-only'],
    ['labour-expert', 'sessions', 'labour-expert-handover-only'],
    ['labour-expert', 'versions', 'labour-expert-handover-only'],
    ['labour-expert', 'export', 'labour-expert-handover-only'],
    ['labour-expert', 'employer-summary', 'labour-expert-handover-only'],
    ['ba', 'handover', null],
    ['va', 'handover', null],
    ['reviewer', 'handover', 'not-a-physician'],
    [null, 'handover', 'not-a-member'],
  ] as const)('%s may %s: %s', (role, use, refusal) => {
    expect(refusalFor(role, use)).toBe(refusal);
  });

  it('the arbeidsdeskundige opens none of the documents and reads no comments', () => {
    for (const part of DOC_PARTS) expect(docAccess('labour-expert', part)).toBe('none');
    expect(commentAccess('labour-expert')).toBe('none');
  });

  it('the arbeidsdeskundige takes part only while the verified state names them, and not once the case closes', async () => {
    const stores = createMemoryStores();
    await seedDemo(stores);
    const expert = (await stores.records.findUserByUsername('ad.demo'))!;
    expect(await accessRoleOf(stores, DEMO_CASE_ID, expert.id)).toBeNull();
    const record = (await stores.records.getCase(DEMO_CASE_ID))!;
    const ba = { userId: 'u-ba', name: 'Anna Bakker', role: 'ba' as const };
    const base = await loadWorkflow(stores, record);
    const grant = { userId: expert.id, name: expert.name, invitedBy: ba, invitedAt: '2026-11-01T09:00:00.000Z' };
    const commit = (seq: number, state: object) =>
      stores.workflow.commit(
        {
          caseId: DEMO_CASE_ID,
          seq,
          at: '2026-11-01T09:00:00.000Z',
          actor: ba,
          event: { type: 'labour_expert.revoked' },
          prevHash: '0'.repeat(64),
          hash: `${seq}`.repeat(64).slice(0, 64),
        },
        { ...base.state, ...state, seq },
        [],
        { legacySeq: 0, mac: 'a'.repeat(64) },
      );
    await commit(1, { labourExpert: grant });
    expect(await accessRoleOf(stores, DEMO_CASE_ID, expert.id)).toBe('labour-expert');
    await commit(2, { labourExpert: grant, closed: { reason: 'werkhervatting', by: ba, at: '2026-11-02T09:00:00.000Z' } });
    expect(await accessRoleOf(stores, DEMO_CASE_ID, expert.id)).toBeNull();
    await stores.close();
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
