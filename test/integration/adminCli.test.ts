import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../server/auth/passwords.ts';
import { seedDemo } from '../../server/seed.ts';
import { LOG_SECRET_FILE, loadOrCreateSecret } from '../../server/secret.ts';
import { SQLITE_FILE_NAME, createSqliteStores } from '../../server/store/sqlite/index.ts';
import { hashEnvelope, legacyHashEnvelope } from '../../server/workflow/eventChain.ts';
import { createLogKey } from '../../server/workflow/logKey.ts';
import { changeRationale, commitSample, rechain, SAMPLE_EVENTS, WRONG_LOG_KEY } from '../helpers/caseLog.ts';
import { sqliteRawWorkflow } from '../helpers/rawWorkflow.ts';
import { makeTempDir } from '../helpers/tmp.ts';

const ADMIN = fileURLToPath(new URL('../../dist/server/admin.js', import.meta.url));
const run = promisify(execFile);

/** Runs the built admin command line against a data directory; never throws. */
async function admin(dataDir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return adminWith({ DATA_DIR: dataDir }, ...args);
}

async function adminWith(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [ADMIN, ...args], { env: { PATH: process.env.PATH, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('admin command line (npm run admin -- …)', () => {
  const temp = makeTempDir();
  beforeAll(async () => {
    const stores = createSqliteStores(temp.dir, { synchronous: 'normal' });
    await seedDemo(stores);
    await stores.close();
  });
  afterAll(() => temp.remove());

  it('creates a user with a hashed password', async () => {
    const result = await admin(
      temp.dir,
      'create-user',
      '--username',
      'ba.devries',
      '--name',
      'Dr. De Vries',
      '--role',
      'bedrijfsarts',
      '--password',
      'een-lang-wachtwoord',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/created user ba\.devries \(bedrijfsarts\)/);
    const stores = createSqliteStores(temp.dir, { synchronous: 'normal' });
    const user = await stores.records.findUserByUsername('ba.devries');
    await stores.close();
    expect(user?.passwordHash).not.toContain('een-lang');
    expect(await verifyPassword('een-lang-wachtwoord', user!.passwordHash)).toBe(true);
  });

  it('creates an organisation and an account in it; an unknown organisation or kind is refused', async () => {
    const made = await admin(temp.dir, 'create-organisation', '--name', 'Arbo CLI', '--kind', 'arbodienst', '--mfa-required');
    expect([made.code, made.stdout]).toEqual([0, expect.stringMatching(/^created organisation Arbo CLI \(arbodienst\) with id [0-9a-f-]{36}/)]);
    const id = /with id ([0-9a-f-]{36})/.exec(made.stdout)![1]!;
    const listed = await admin(temp.dir, 'list-organisations');
    expect(listed.stdout).toContain(`${id}\tarbodienst\tArbo CLI\tMFA`);
    const user = await admin(
      temp.dir,
      'create-user',
      '--username',
      'ba.cli',
      '--name',
      'B',
      '--role',
      'bedrijfsarts',
      '--password',
      'een-lang-wachtwoord',
      '--organisation',
      id,
    );
    expect(user.code).toBe(0);
    expect((await admin(temp.dir, 'list-users')).stdout).toMatch(new RegExp(`ba\\.cli\\tbedrijfsarts\\tB\\t${id}`));
    const unknown = await admin(
      temp.dir,
      'create-user',
      '--username',
      'ba.x',
      '--name',
      'X',
      '--role',
      'bedrijfsarts',
      '--password',
      'een-lang-wachtwoord',
      '--organisation',
      'nope',
    );
    expect(unknown.stderr).toContain('organisationId');
    expect(unknown.code).not.toBe(0);
    const badKind = await admin(temp.dir, 'create-organisation', '--name', 'X', '--kind', 'ziekenhuis');
    expect([badKind.code === 0, badKind.stderr]).toEqual([false, expect.stringContaining('kind')]);
  });

  it('creates a case and reassigns its BA', async () => {
    const created = await admin(
      temp.dir,
      'create-case',
      '--title',
      'CLI-casus',
      '--pseudonym',
      'WN-CLI-1',
      '--employer',
      'Werkgever BV',
      '--first-sick-day',
      '2026-05-04',
      '--ba',
      'ba.demo',
      '--va',
      'va.demo',
    );
    expect(created.code).toBe(0);
    const caseId = /created case (\S+)/.exec(created.stdout)![1]!;
    const assigned = await admin(temp.dir, 'assign-member', '--case', caseId, '--role', 'ba', '--username', 'ba.devries');
    expect(assigned.code).toBe(0);
    const listed = await admin(temp.dir, 'list-cases');
    expect(listed.stdout).toContain(caseId);

    const stores = createSqliteStores(temp.dir, { synchronous: 'normal' });
    const members = await stores.records.listMembers(caseId);
    const baUser = await stores.records.findUserByUsername('ba.devries');
    const audit = await stores.audit.list({ caseId });
    await stores.close();
    expect(members.find((m) => m.caseRole === 'ba')?.userId).toBe(baUser!.id);
    expect(audit.map((row) => row.object)).toEqual(['membership', 'case']);
  });

  it.each([
    [['create-user', '--username', 'x y', '--name', 'n', '--role', 'admin', '--password', 'een-lang-wachtwoord'], /username:/],
    [['create-user', '--username', 'nieuw', '--name', 'n', '--role', 'chirurg', '--password', 'een-lang-wachtwoord'], /role:/],
    [['create-user', '--username', 'ba.demo', '--name', 'n', '--role', 'admin', '--password', 'een-lang-wachtwoord'], /already taken/],
    [['create-user', '--username', 'nieuw', '--name', 'n', '--role', 'admin', '--password', 'wachtwoord'], /password: too common/],
    [
      ['create-case', '--title', 't', '--pseudonym', 'p', '--employer', 'e', '--first-sick-day', '2026-01-01', '--ba', 'va.demo', '--va', 'va.demo'],
      /ba: "va\.demo" is a verzekeringsarts/,
    ],
    [['assign-member', '--case', 'demo', '--role', 'boss', '--username', 'ba.demo'], /--role must be one of ba, va/],
    [['assign-member', '--case', 'nope', '--role', 'ba', '--username', 'ba.demo'], /no case with id "nope"/],
  ])('refuses bad input with a clear error and exit code 1 (%#)', async (args, message) => {
    const result = await admin(temp.dir, ...args);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
  });

  it('an unknown command or option prints the usage and exits 64', async () => {
    const unknown = await admin(temp.dir, 'drop-database');
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toContain('Usage: npm run admin');
    const badOption = await admin(temp.dir, 'list-users', '--everything');
    expect(badOption.code).toBe(64);
    const listed = await admin(temp.dir, 'list-users');
    expect(listed.stdout).toContain('ba.demo\tbedrijfsarts');
  });
});

describe('admin verify-log against a SQLite DATA_DIR an attacker edited', () => {
  const temp = makeTempDir();
  const file = () => join(temp.dir, SQLITE_FILE_NAME);
  const CASES = ['c-intact', 'c-truncated', 'c-sha', 'c-wrong-key', 'c-forged', 'c-grant'] as const;

  beforeAll(async () => {
    // Written as the server writes: with the log key it keeps in DATA_DIR.
    const key = createLogKey(loadOrCreateSecret(temp.dir, LOG_SECRET_FILE));
    const stores = createSqliteStores(temp.dir, { synchronous: 'normal' });
    const logs = new Map<string, Awaited<ReturnType<typeof commitSample>>>();
    for (const id of CASES) logs.set(id, await commitSample(stores, id, key));
    await stores.close();

    const raw = sqliteRawWorkflow(file());
    // Deleting the last event rows (the triggers that refuse it dropped first).
    await raw.deleteEventsAfter('c-truncated', SAMPLE_EVENTS - 2);
    // The old attack: an event rewritten, every later bare SHA-256 recomputed, the row's head moved along.
    const unkeyed = rechain(logs.get('c-sha')!.events, 1, changeRationale, legacyHashEnvelope);
    await raw.replaceEvents('c-sha', unkeyed);
    await raw.setHead('c-sha', SAMPLE_EVENTS, unkeyed.at(-1)!.hash);
    // The same with a key that is not the log key.
    const guessed = rechain(logs.get('c-wrong-key')!.events, 3, changeRationale, (unsigned) => hashEnvelope(WRONG_LOG_KEY, unsigned));
    await raw.replaceEvents('c-wrong-key', guessed);
    await raw.setHead('c-wrong-key', SAMPLE_EVENTS, guessed.at(-1)!.hash);
    const db = new Database(file());
    try {
      // A section flipped to agreed in the stored state, and a grant row nobody was given.
      db.prepare(`UPDATE case_workflow SET state = json_set(state, '$.sections.d240.status', 'agreed') WHERE case_id = 'c-forged'`).run();
      db.prepare(`INSERT INTO case_reviewers (case_id, user_id, dispute_id) VALUES ('c-grant', 'u-intruder', 'dsp-1')`).run();
    } finally {
      db.close();
    }
  });
  afterAll(() => temp.remove());

  it('an intact case verifies: chain, head, state, grants and seal', async () => {
    const result = await admin(temp.dir, 'verify-log', 'c-intact');
    expect(result).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/case c-intact: the event log is intact \(5 events\); the state, its reviewer grants and its seal match it/),
    });
  });

  it.each([
    ['c-truncated', /case c-truncated: log\.truncated at event 4: the state row's head is event 5 but the log ends at event 3: trailing events were deleted/],
    ['c-sha', /case c-sha: chain\.rewritten at event 1: .*recomputed with the bare SHA-256, without the key/],
    ['c-wrong-key', /case c-wrong-key: chain\.rewritten at event 3: .*recomputed with another key/],
    ['c-forged', /case c-forged: state\.forged: the stored state differs from a replay of the log \(section d240\)/],
    ['c-grant', /case c-grant: reviewers\.unjustified: reviewer access the log does not justify: user u-intruder \(dispute dsp-1\)/],
  ])('names the problem of %s and exits 1', async (caseId, message) => {
    const result = await admin(temp.dir, 'verify-log', caseId);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/ziet|Altijd al/);
  });

  it('--all names every case that does not match its log', async () => {
    const result = await admin(temp.dir, 'verify-log', '--all');
    expect(result.code).toBe(1);
    for (const id of CASES.slice(1)) expect(result.stderr).toContain(`case ${id}: `);
    expect(result.stderr).not.toContain('case c-intact');
    expect(result.stderr).toMatch(/5 of 6 cases do not match their event logs/);
  });

  it('another LOG_SECRET than the one that wrote the log makes every case fail, saying it may be the key', async () => {
    const result = await adminWith({ DATA_DIR: temp.dir, LOG_SECRET: 'some-other-log-secret-of-32-characters!' }, 'verify-log', 'c-intact');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/chain\.rewritten at event 1: .*or this server holds another LOG_SECRET/);
  });

  it('without a log key, or with both a case and --all, it refuses and says why', async () => {
    const empty = makeTempDir();
    try {
      const stores = createSqliteStores(empty.dir, { synchronous: 'normal' });
      await seedDemo(stores);
      await stores.close();
      const keyless = await admin(empty.dir, 'verify-log', 'demo');
      expect(keyless).toMatchObject({ code: 1, stderr: expect.stringMatching(/no log key: set LOG_SECRET/) });
    } finally {
      empty.remove();
    }
    expect(await admin(temp.dir, 'verify-log', 'c-intact', '--all')).toMatchObject({ code: 1, stderr: expect.stringMatching(/a case id, or --all/) });
    expect(await admin(temp.dir, 'verify-log')).toMatchObject({ code: 1, stderr: expect.stringMatching(/a case id, or --all/) });
    expect(await admin(temp.dir, 'verify-log', 'nope')).toMatchObject({ code: 1, stderr: expect.stringMatching(/no case with id "nope"/) });
  });
});
