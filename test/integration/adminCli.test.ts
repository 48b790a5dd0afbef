import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../server/auth/passwords.ts';
import { seedDemo } from '../../server/seed.ts';
import { createSqliteStores } from '../../server/store/sqlite/index.ts';
import { makeTempDir } from '../helpers/tmp.ts';

const ADMIN = fileURLToPath(new URL('../../dist/server/admin.js', import.meta.url));
const run = promisify(execFile);

/** Runs the built admin command line against a data directory; never throws. */
async function admin(dataDir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [ADMIN, ...args], { env: { PATH: process.env.PATH, DATA_DIR: dataDir } });
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
    const result = await admin(temp.dir, 'create-user', '--username', 'ba.devries', '--name', 'Dr. De Vries', '--role', 'bedrijfsarts', '--password', 'een-lang-wachtwoord');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/created user ba\.devries \(bedrijfsarts\)/);
    const stores = createSqliteStores(temp.dir, { synchronous: 'normal' });
    const user = await stores.records.findUserByUsername('ba.devries');
    await stores.close();
    expect(user?.passwordHash).not.toContain('een-lang');
    expect(await verifyPassword('een-lang-wachtwoord', user!.passwordHash)).toBe(true);
  });

  it('creates a case and reassigns its BA', async () => {
    const created = await admin(
      temp.dir,
      'create-case',
      '--title', 'CLI-casus',
      '--pseudonym', 'WN-CLI-1',
      '--employer', 'Werkgever BV',
      '--first-sick-day', '2026-05-04',
      '--ba', 'ba.demo',
      '--va', 'va.demo',
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
    [['create-case', '--title', 't', '--pseudonym', 'p', '--employer', 'e', '--first-sick-day', '2026-01-01', '--ba', 'va.demo', '--va', 'va.demo'], /ba: "va\.demo" is a verzekeringsarts/],
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
