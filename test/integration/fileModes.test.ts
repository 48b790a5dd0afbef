import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateSecret } from '../../server/secret.ts';
import { seedDemo } from '../../server/seed.ts';
import { createSqliteStores, SQLITE_FILE_NAME } from '../../server/store/sqlite/index.ts';
import { makeTempDir } from '../helpers/tmp.ts';

const modeOf = (path: string) => statSync(path).mode & 0o777;
/** The most common umask: without our own modes, SQLite would create world-readable 0644 files under it. */
const COMMON_UMASK = 0o022;

describe('what the server keeps on disk is readable by its own user only', () => {
  const tmp = makeTempDir('cw-modes-');
  let umask: number;
  beforeEach(() => {
    umask = process.umask(COMMON_UMASK);
  });
  afterEach(() => {
    process.umask(umask);
  });
  afterAll(() => tmp.remove());

  it('a new DATA_DIR is 0700; the SQLite file and its WAL and SHM files are 0600', async () => {
    const dataDir = join(tmp.dir, 'fresh', 'data');
    const stores = createSqliteStores(dataDir, { synchronous: 'normal' });
    try {
      await seedDemo(stores);
      // The writer thread's connection writes too: its WAL frames land in the same -wal file.
      await stores.docs.append('cases/demo/occupational', [new Uint8Array([0, 0])]);
      const file = join(dataDir, SQLITE_FILE_NAME);
      expect(existsSync(`${file}-wal`)).toBe(true);
      expect(existsSync(`${file}-shm`)).toBe(true);
      expect(modeOf(dataDir).toString(8)).toBe('700');
      for (const path of [file, `${file}-wal`, `${file}-shm`]) expect(modeOf(path).toString(8), path).toBe('600');
    } finally {
      await stores.close();
    }
  });

  it('files of an older install, created 0644, are narrowed to 0600 when opened', async () => {
    const dataDir = join(tmp.dir, 'older');
    const first = createSqliteStores(dataDir, { synchronous: 'normal' });
    await first.close();
    const file = join(dataDir, SQLITE_FILE_NAME);
    chmodSync(file, 0o644);
    writeFileSync(`${file}-wal`, '', { mode: 0o644 });
    chmodSync(`${file}-wal`, 0o644);
    const again = createSqliteStores(dataDir, { synchronous: 'normal' });
    try {
      expect(modeOf(file).toString(8)).toBe('600');
      expect(modeOf(`${file}-wal`).toString(8)).toBe('600');
    } finally {
      await again.close();
    }
  });

  it('the generated token secret is 0600 in a 0700 directory (STORE=memory or redis create DATA_DIR for it alone)', () => {
    const dataDir = join(tmp.dir, 'secret-only');
    loadOrCreateSecret(dataDir);
    expect(modeOf(dataDir).toString(8)).toBe('700');
    expect(modeOf(join(dataDir, 'jwt-secret')).toString(8)).toBe('600');
  });

  it('an existing DATA_DIR keeps the mode its operator gave it', () => {
    const dataDir = join(tmp.dir, 'operator');
    mkdirSync(dataDir, { mode: 0o750 });
    chmodSync(dataDir, 0o750);
    loadOrCreateSecret(dataDir);
    expect(modeOf(dataDir).toString(8)).toBe('750');
  });
});
