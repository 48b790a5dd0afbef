import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../server/config.ts';

describe('configuration', () => {
  it('has working defaults: port 3000, SQLite under ./data, demo seed on', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: './data', STORE: 'sqlite', DEMO_SEED: true, SQLITE_SYNCHRONOUS: 'full' });
    expect(config.JWT_SECRET).toBeUndefined();
    expect(config.LOG_SECRET).toBeUndefined();
  });

  it('reads and coerces values from the environment', () => {
    const config = parseConfig({ PORT: '8080', STORE: 'memory', DEMO_SEED: 'false', MAX_CONNECTIONS_PER_USER: '3', JWT_SECRET: 's'.repeat(32) });
    expect(config).toMatchObject({ PORT: 8080, STORE: 'memory', DEMO_SEED: false, MAX_CONNECTIONS_PER_USER: 3 });
  });

  it('takes a log key of at least 32 characters', () => {
    expect(parseConfig({ LOG_SECRET: 'k'.repeat(32) }).LOG_SECRET).toBe('k'.repeat(32));
  });

  it('treats empty variables as unset', () => {
    expect(parseConfig({ PORT: '', JWT_SECRET: '' }).PORT).toBe(3000);
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      parseConfig({ PORT: '99999', STORE: 'floppy', JWT_SECRET: 'short', LOG_SECRET: 'also-short', DEMO_SEED: 'maybe' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'STORE', 'JWT_SECRET', 'LOG_SECRET', 'DEMO_SEED']) expect(problems).toContain(name);
  });
});

describe('PUBLIC_URL', () => {
  it('is kept as an origin in canonical form', () => {
    expect(parseConfig({ PUBLIC_URL: 'https://Werkplek.Example.nl/' }).PUBLIC_URL).toBe('https://werkplek.example.nl');
    expect(parseConfig({}).PUBLIC_URL).toBeUndefined();
  });

  it.each([
    'werkplek.example.nl',
    'ftp://werkplek.example.nl',
    'https://werkplek.example.nl/app',
    'https://werkplek.example.nl/?x=1',
    'https://user@werkplek.example.nl',
  ])('refuses %s', (value) => {
    expect(() => parseConfig({ PUBLIC_URL: value })).toThrow(/PUBLIC_URL/);
  });
});
