import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDocName } from '../../shared/docNames.ts';
import { templateSections, type AssessmentTemplate } from '../../shared/template/index.ts';
import { TEMPLATE_V1 } from '../../shared/template/shipped.ts';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { connectDoc, sectionText } from '../helpers/collabClient.ts';
import { position, writeDoc } from '../helpers/docWriter.ts';
import { api } from '../helpers/http.ts';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.ts';
import { loginToken, TEST_SECRET } from '../helpers/testServer.ts';
import { makeTempDir } from '../helpers/tmp.ts';
import { sleep } from '../helpers/waitFor.ts';

const ADMIN = fileURLToPath(new URL('../../dist/server/admin.js', import.meta.url));
const run = promisify(execFile);
/** Documents unload this long after their last connection, so a write after the move meets the new version's sections. */
const IDLE_UNLOAD_MS = 100;

/** A version 2 as an operator would write it: v1 without "Problemen oplossen" (d175), with "Vaardigheden verwerven" (d155). */
function version2(): AssessmentTemplate {
  const v2 = structuredClone(TEMPLATE_V1);
  v2.version = 2;
  v2.name = 'BAR 2027 (proef)';
  const personal = v2.groups[0]!;
  personal.sections = personal.sections.filter((section) => section.id !== 'd175');
  personal.sections.push({
    id: 'd155',
    icf: 'd155',
    label: { nl: 'Vaardigheden verwerven', en: 'Acquiring skills' },
    definition: { nl: 'Nieuwe taken en werkwijzen leren en toepassen (ICF d155).', en: 'Learning and applying new tasks and ways of working (ICF d155).' },
    qualifierScale: 'icf-d',
    fml: ['I.1'],
  });
  return v2;
}

describe('template versions: import, listing, new cases, migration (admin command line and HTTP, one real server)', () => {
  const temp = makeTempDir('cw-templates-');
  let server: ServerProcess;
  let token: string;
  const collab = () => ({ collabUrl: `${server.url.replace('http', 'ws')}/collab` });

  async function admin(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run(process.execPath, [ADMIN, ...args], { env: { PATH: process.env.PATH, DATA_DIR: temp.dir } });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }
  const file = (name: string, value: unknown) => {
    const path = join(temp.dir, name);
    writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
    return path;
  };

  beforeAll(async () => {
    server = await startServerProcess({ DATA_DIR: temp.dir, JWT_SECRET: TEST_SECRET, DOC_IDLE_UNLOAD_MS: String(IDLE_UNLOAD_MS) });
    token = await loginToken(server.url, 'ba.demo');
    // The BA has written in the section the new version drops.
    await writeDoc(collab(), token, DEMO_CASE_ID, 'occupational', position('d175', 'Lost problemen op met hulp.', '2'));
  });
  afterAll(async () => {
    await server.kill('SIGTERM');
    temp.remove();
  });

  it('a file with problems is refused naming every one, and nothing is imported', async () => {
    const bad = version2();
    bad.version = 3;
    const sections = bad.groups[0]!.sections;
    (sections[0] as { qualifierScale: string }).qualifierScale = 'icf-x';
    sections[1]!.id = 'd160';
    sections[2]!.label.en = ' ';
    sections[3]!.fml = ['VII.1'];
    sections[4]!.icf = 'z99';
    bad.groups[2]!.sections[0]!.definition = { nl: 'Alleen Nederlands' } as AssessmentTemplate['groups'][0]['sections'][0]['definition'];
    const refused = await admin('import-template', file('bad.json', { ...bad, extra: true }));
    expect(refused.code).toBe(1);
    for (const problem of [
      'groups.0.sections.0.qualifierScale: one of icf-d, icf-e, none',
      'groups.0.sections.1.id: duplicate id "d160" (first at groups.0.sections.0.id)',
      'groups.0.sections.2.label.en: must not be empty',
      'groups.0.sections.3.fml.0: not an FML item',
      'groups.0.sections.4.icf: not an ICF code',
      'groups.2.sections.0.definition.en:',
      '(file): Unrecognized key: "extra"',
    ]) {
      expect(refused.stderr).toContain(problem);
    }
    expect((await admin('import-template', file('not.json', '{"version": 3,'))).stderr).toMatch(/not\.json: not JSON/);
    expect((await admin('import-template', join(temp.dir, 'missing.json'))).stderr).toMatch(/missing\.json: no such file/);
    expect((await admin('list-templates')).stdout.trim().split('\n')).toHaveLength(1);
  });

  it('imports a new version once; the same number again, or a shipped one, is refused', async () => {
    const imported = await admin('import-template', file('v2.json', version2()));
    expect([imported.code, imported.stdout]).toEqual([
      0,
      expect.stringMatching(/template version 2 "BAR 2027 \(proef\)" imported: 8 groups, 24 sections; new cases get version 2/),
    ]);
    const again = await admin('import-template', file('v2-changed.json', { ...version2(), name: 'Anders' }));
    expect([again.code, again.stderr]).toEqual([1, expect.stringContaining('version: 2 exists')]);
    const shipped = await admin('import-template', file('v1-again.json', TEMPLATE_V1));
    expect([shipped.code, shipped.stderr]).toEqual([1, expect.stringContaining('version: 1 exists')]);
    expect((await admin('list-templates')).stdout).toBe(`1\t24 sections\tshipped\t${TEMPLATE_V1.name}\n2\t24 sections\timported\tBAR 2027 (proef)\n`);
  });

  it('GET /api/templates lists the versions for anyone signed in; GET /api/templates/:version serves one whole', async () => {
    const listed = await api(server.url, 'GET', '/api/templates', { token });
    expect(listed).toMatchObject({
      status: 200,
      body: [
        { version: 1, name: TEMPLATE_V1.name, sectionCount: 24 },
        { version: 2, name: 'BAR 2027 (proef)', sectionCount: 24 },
      ],
    });
    expect((await api(server.url, 'GET', '/api/templates/2', { token })).body).toEqual(version2());
    expect((await api(server.url, 'GET', '/api/templates/1', { token })).body).toEqual(TEMPLATE_V1);
    expect(await api(server.url, 'GET', '/api/templates/7', { token })).toMatchObject({ status: 404, body: { error: { id: 'template.not-found' } } });
    expect((await api(server.url, 'GET', '/api/templates/twee', { token })).status).toBe(400);
    expect((await api(server.url, 'GET', '/api/templates')).status).toBe(401);
  });

  it('a new case gets the newest version; the existing case keeps its own', async () => {
    const created = await admin(
      'create-case',
      '--title',
      'Nieuw',
      '--pseudonym',
      'WN-NIEUW',
      '--employer',
      'W',
      '--first-sick-day',
      '2026-11-02',
      '--ba',
      'ba.demo',
      '--va',
      'va.demo',
    );
    const caseId = /created case (\S+)/.exec(created.stdout)![1]!;
    expect((await api(server.url, 'GET', `/api/cases/${caseId}`, { token })).body.templateVersion).toBe(2);
    expect((await api(server.url, 'GET', `/api/cases/${DEMO_CASE_ID}`, { token })).body.templateVersion).toBe(1);
  });

  it('migrate-case moves the case by id, reports what has no place, writes an event, and the log still verifies', async () => {
    const moved = await admin('migrate-case', '--case', DEMO_CASE_ID, '--to', '2');
    expect(moved.code).toBe(0);
    expect(moved.stdout).toContain('moved from template version 1 to 2');
    expect(moved.stdout).toContain('carried over by id: 23 sections');
    expect(moved.stdout).toContain('new, open: d155');
    expect(moved.stdout).toContain('- d175 (Problemen oplossen): holds content in occupational');

    expect((await api(server.url, 'GET', `/api/cases/${DEMO_CASE_ID}`, { token })).body.templateVersion).toBe(2);
    const events = (await api(server.url, 'GET', `/api/cases/${DEMO_CASE_ID}/events`, { token })).body as { event: { type: string } }[];
    expect(events.at(-1)).toMatchObject({
      actor: { role: 'operator' },
      event: { type: 'template.migrated', from: 1, to: 2, added: ['d155'], unplaced: ['d175'] },
    });
    const workflow = (await api(server.url, 'GET', `/api/cases/${DEMO_CASE_ID}/workflow`, { token })).body as { sections: Record<string, unknown> };
    expect(Object.keys(workflow.sections).sort()).toEqual(
      templateSections(version2())
        .map((section) => section.id)
        .sort(),
    );
    expect((await admin('verify-log', DEMO_CASE_ID)).stdout).toContain('the event log is intact');

    // Once the document is loaded again, the new section takes text and the dropped one's text is still stored.
    await sleep(IDLE_UNLOAD_MS * 5);
    await writeDoc(collab(), token, DEMO_CASE_ID, 'occupational', position('d155', 'Leert nieuwe taken in eigen tempo.'));
    const reader = connectDoc(collab().collabUrl, formatDocName({ caseId: DEMO_CASE_ID, part: 'occupational' }), token);
    try {
      await reader.synced();
      expect(sectionText(reader.doc, 'd155')).toContain('Leert nieuwe taken');
      expect(sectionText(reader.doc, 'd175')).toContain('Lost problemen op');
    } finally {
      reader.destroy();
    }
  });

  it('refuses to move a case to its own or an older version, or to one that does not exist, and changes nothing', async () => {
    const before = (await api(server.url, 'GET', `/api/cases/${DEMO_CASE_ID}/events`, { token })).body as unknown[];
    expect(await admin('migrate-case', '--case', DEMO_CASE_ID, '--to', '2')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('moves only to a newer version'),
    });
    expect(await admin('migrate-case', '--case', DEMO_CASE_ID, '--to', '9')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('there is no template version 9'),
    });
    expect(await admin('migrate-case', '--case', 'geen-dossier', '--to', '2')).toMatchObject({ code: 1, stderr: expect.stringContaining('no case with id') });
    expect(await admin('migrate-case', '--case', DEMO_CASE_ID, '--to', 'twee')).toMatchObject({ code: 1, stderr: expect.stringContaining('to:') });
    expect((await api(server.url, 'GET', `/api/cases/${DEMO_CASE_ID}/events`, { token })).body).toEqual(before);
  });
});
