import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JWT_SECRET_FILE, LOG_SECRET_FILE, loadOrCreateSecret, readSecret } from '../../server/secret.ts';
import { makeTempDir } from '../helpers/tmp.ts';

describe('secrets kept in DATA_DIR', () => {
  const dirs: { remove(): void }[] = [];
  const tempDir = () => {
    const tmp = makeTempDir('cw-secret-');
    dirs.push(tmp);
    return tmp.dir;
  };
  afterEach(() => dirs.splice(0).forEach((tmp) => tmp.remove()));

  it('the log key is generated once, apart from the token secret, readable by the owner only', () => {
    const dir = tempDir();
    expect(readSecret(dir, LOG_SECRET_FILE)).toBeNull();
    const logSecret = loadOrCreateSecret(dir, LOG_SECRET_FILE);
    const tokenSecret = loadOrCreateSecret(dir);
    expect(logSecret.length).toBeGreaterThanOrEqual(32);
    expect(logSecret).not.toBe(tokenSecret);
    expect(loadOrCreateSecret(dir, LOG_SECRET_FILE)).toBe(logSecret);
    expect(readSecret(dir, LOG_SECRET_FILE)).toBe(logSecret);
    expect(readSecret(dir, JWT_SECRET_FILE)).toBe(tokenSecret);
    expect(statSync(join(dir, LOG_SECRET_FILE)).mode & 0o777).toBe(0o600);
  });

  it('reading never creates one', () => {
    const dir = tempDir();
    expect(readSecret(dir, LOG_SECRET_FILE)).toBeNull();
    expect(existsSync(join(dir, LOG_SECRET_FILE))).toBe(false);
  });
});
