import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OUR_SERVER_NODE_FLAGS } from '../../bench/processes.ts';

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

describe('the Node options the server runs with', () => {
  it('are the same for npm start, the Docker image and the benchmark', () => {
    const start = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.start!;
    expect(start).toContain(`node ${OUR_SERVER_NODE_FLAGS.join(' ')} dist/server/main.js`);
    const cmd = /^CMD (\[.*\])$/m.exec(read('Dockerfile'))?.[1];
    expect(JSON.parse(cmd ?? '[]')).toEqual(['node', ...OUR_SERVER_NODE_FLAGS, 'dist/server/main.js']);
  });
});
