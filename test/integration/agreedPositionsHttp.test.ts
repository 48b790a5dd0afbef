import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';
import { WorkflowClient } from '../helpers/workflowClient.ts';

/**
 * An agreed position is complete: the joint text and the joint qualifier are
 * proposed, signed and kept together; flags and disputes snapshot both
 * physicians' qualifiers; a reopened agreement stays on record with its reason.
 */
describe('agreed positions carry the joint qualifier', () => {
  let server: TestServer;
  let ba: WorkflowClient;
  let va: WorkflowClient;

  beforeAll(async () => {
    server = await startTestServer();
    const admin = await server.login('admin.demo');
    const created = await api(server.url, 'POST', '/api/cases', {
      token: admin,
      body: { title: 'Kwalificaties', employeePseudonym: 'WN-Q', employer: 'Werkgever', firstSickDay: '2026-05-01', ba: 'ba.demo', va: 'va.demo' },
    });
    const caseId = created.body.id as string;
    ba = new WorkflowClient(server, await server.login('ba.demo'), caseId);
    va = new WorkflowClient(server, await server.login('va.demo'), caseId);
  });
  afterAll(() => server.close());

  it('a flag snapshots both positions with both qualifiers', async () => {
    await ba.setQualifier('occupational', 'd240', '2');
    await va.setQualifier('insurance', 'd240', '4');
    const flagged = await ba.flag('d240', 'BA ziet matige, VA volledige beperking');
    expect(flagged.status).toBe(200);
    expect(flagged.body.workflow.sections.d240!.flag!.positions).toEqual({ ba: '', va: '', baQualifier: '2', vaQualifier: '4' });
  });

  it('a signature with the hash of a proposal whose joint qualifier changed since is 409 sign.stale-draft', async () => {
    await ba.writeJoint('d240', 'Matig beperkt in omgaan met stress.');
    await ba.setQualifier('joint', 'd240', '2');
    const proposal = (await ba.propose('d240')).body.workflow.sections.d240!.proposal!;
    expect(proposal).toMatchObject({ text: 'Matig beperkt in omgaan met stress.', qualifier: '2' });

    await va.setQualifier('joint', 'd240', '3');
    const stale = await va.sign('d240', proposal.hash);
    expect(stale.status).toBe(409);
    expect(stale.body.error?.id).toBe('sign.stale-draft');
    expect((await va.workflow()).sections.d240!.status).toBe('proposed');

    const again = (await va.propose('d240')).body.workflow.sections.d240!.proposal!;
    expect(again).toMatchObject({ text: proposal.text, qualifier: '3' });
    expect(again.hash).not.toBe(proposal.hash);
    expect((await ba.sign('d240', again.hash)).status).toBe(200);

    const section = (await ba.workflow()).sections.d240!;
    expect(section).toMatchObject({ status: 'agreed', agreement: { text: 'Matig beperkt in omgaan met stress.', qualifier: '3', hash: again.hash } });
    // The flag that led to the agreement stays readable.
    expect(section.lastFlag).toMatchObject({ rationale: 'BA ziet matige, VA volledige beperking', positions: { baQualifier: '2', vaQualifier: '4' } });
  });

  it('reopening keeps the agreement in the section history with its reason', async () => {
    const reopened = await va.reopen('d240', 'Nieuw verslag van de psycholoog');
    expect(reopened.status).toBe(200);
    const section = (await ba.workflow()).sections.d240!;
    expect([section.status, section.agreement]).toEqual(['open', null]);
    expect(section.reopened).toEqual([
      {
        agreement: expect.objectContaining({ text: 'Matig beperkt in omgaan met stress.', qualifier: '3', signedBy: expect.objectContaining({ role: 'ba' }) }),
        reason: 'Nieuw verslag van de psycholoog',
        by: expect.objectContaining({ role: 'va' }),
        at: expect.any(String),
      },
    ]);
  });

  it('a dispute snapshots both qualifiers when it opens and when it closes', async () => {
    await ba.setQualifier('occupational', 'e250', '1');
    await va.setQualifier('insurance', 'e250', '+1');
    expect((await ba.flag('e250')).status).toBe(200);
    const opened = await ba.openDispute(['e250']);
    expect(opened.status).toBe(201);
    const dispute = opened.body.workflow.disputes.at(-1)!;
    expect(dispute.positions.e250).toMatchObject({ baQualifier: '1', vaQualifier: '+1' });

    await va.setQualifier('insurance', 'e250', '2');
    const closed = await va.closeDispute(dispute.id, { e250: 'residual' });
    expect(closed.status).toBe(200);
    expect(closed.body.workflow.disputes.at(-1)!.closing!.positions.e250).toMatchObject({ baQualifier: '1', vaQualifier: '2' });
  });
});
