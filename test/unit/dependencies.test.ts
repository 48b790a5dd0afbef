import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../node_modules', import.meta.url));

/** Every installed copy of a package, nested ones included. */
function copiesOf(name: string, dir = ROOT): string[] {
  const found: string[] = [];
  if (existsSync(join(dir, name, 'package.json'))) found.push(join(dir, name));
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const nested = entry.name.startsWith('@')
      ? readdirSync(join(dir, entry.name)).map((child) => join(dir, entry.name, child, 'node_modules'))
      : [join(dir, entry.name, 'node_modules')];
    for (const modules of nested) if (existsSync(modules)) found.push(...copiesOf(name, modules));
  }
  return found;
}

describe('dependencies', () => {
  it('Yjs is installed exactly once (two copies break documents silently)', () => {
    expect(copiesOf('yjs')).toHaveLength(1);
  });
});
