import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../../client/build/precompress.ts';
import { ASSET_LIST_FILE } from '../../client/build/assetList.ts';
import { IMMUTABLE, REVALIDATE } from '../../server/http/clientFiles.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';
import { makeTempDir } from '../helpers/tmp.ts';

/** The real build (`npm run build:client`). */
const BUILT_CLIENT = fileURLToPath(new URL('../../dist/client', import.meta.url));

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A GET that shows the bytes as sent: fetch would decompress them. */
function rawGet(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
    request.end();
  });
}

const SCRIPT = `${'export function section(id) { return document.querySelector(`[data-section="${id}"]`); }\n'.repeat(200)}`;
const STYLE = `${'.section { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }\n'.repeat(100)}`;
const INDEX = `<!doctype html><html lang="nl"><head><script type="module" src="/assets/index-AbCd12_-.js"></script><link rel="stylesheet" href="/assets/index-Xy9876Zz.css"></head><body><div id="root"></div></body></html>\n`;

/** A small client as `vite build` leaves it (a map, a worker, an image), precompressed by the build plugin. */
function fakeBuild(root: string): string {
  const dir = join(root, 'client');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'sw.js'), `self.addEventListener('fetch', () => {});\n${'// keeps the shell\n'.repeat(20)}`);
  writeFileSync(join(dir, 'assets', 'index-AbCd12_-.js'), SCRIPT);
  writeFileSync(join(dir, 'assets', 'index-AbCd12_-.js.map'), JSON.stringify({ version: 3, sources: ['secret.ts'], sourcesContent: ['const x = 1'] }));
  writeFileSync(join(dir, 'assets', 'index-Xy9876Zz.css'), STYLE);
  writeFileSync(join(dir, 'assets', 'logo-Qq1234Rr.png'), Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
  return dir;
}

describe('the build step: hidden source maps out, precompressed copies in', () => {
  const tmp = makeTempDir('cw-precompress-');
  afterAll(() => tmp.remove());

  it('moves every .map out of the served directory and writes .br and .gz next to each text file only', () => {
    const dir = fakeBuild(tmp.dir);
    const maps = precompressDir(dir);
    expect(existsSync(join(dir, 'assets', 'index-AbCd12_-.js.map'))).toBe(false);
    expect(existsSync(join(maps, 'assets', 'index-AbCd12_-.js.map'))).toBe(true);
    for (const file of ['index.html', 'sw.js', 'assets/index-AbCd12_-.js', 'assets/index-Xy9876Zz.css']) {
      const original = readFileSync(join(dir, file));
      expect(brotliDecompressSync(readFileSync(join(dir, `${file}.br`))).equals(original)).toBe(true);
      expect(gunzipSync(readFileSync(join(dir, `${file}.gz`))).equals(original)).toBe(true);
    }
    expect(existsSync(join(dir, 'assets', 'logo-Qq1234Rr.png.br'))).toBe(false);
  });
});

describe('serving the built client', () => {
  const tmp = makeTempDir('cw-client-');
  let server: TestServer;
  let dir: string;
  beforeAll(async () => {
    dir = fakeBuild(tmp.dir);
    precompressDir(dir);
    // A map a careless build left behind is still never served.
    writeFileSync(join(dir, 'assets', 'index-AbCd12_-.js.map'), '{}');
    server = await startTestServer({ clientDir: dir });
  });
  afterAll(async () => {
    await server.close();
    tmp.remove();
  });

  it.each([
    ['gzip, deflate, br', 'br', brotliDecompressSync],
    ['gzip, deflate', 'gzip', gunzipSync],
  ] as const)('Accept-Encoding %s gets the %s copy of a hashed asset, cached for a year as immutable', async (accept, coding, decode) => {
    const response = await rawGet(`${server.url}/assets/index-AbCd12_-.js`, { 'Accept-Encoding': accept });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe(coding);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers['cache-control']).toBe(IMMUTABLE);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers.vary).toBe('Accept-Encoding');
    expect(Number(response.headers['content-length'])).toBe(response.body.length);
    expect(response.body.length).toBeLessThan(SCRIPT.length / 4);
    expect(decode(response.body).toString('utf8')).toBe(SCRIPT);
  });

  it('without Accept-Encoding the file goes as it is, with Vary so that caches keep the copies apart', async () => {
    const response = await rawGet(`${server.url}/assets/index-Xy9876Zz.css`);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(response.headers.vary).toBe('Accept-Encoding');
    expect(response.body.toString('utf8')).toBe(STYLE);
  });

  it.each(['/', '/index.html', '/cases/demo', '/cases/demo?sessie=x'])(
    '%s is the shell: html, compressed, revalidated on every load (no-cache)',
    async (path) => {
      const response = await rawGet(`${server.url}${path}`, { 'Accept-Encoding': 'br' });
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['content-encoding']).toBe('br');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-security-policy']).toContain("connect-src 'self'");
      expect(brotliDecompressSync(response.body).toString('utf8')).toBe(INDEX);
    },
  );

  it('the shell answers 304 to a matching ETag', async () => {
    const first = await rawGet(`${server.url}/`, { 'Accept-Encoding': 'gzip' });
    const again = await rawGet(`${server.url}/`, { 'Accept-Encoding': 'gzip', 'If-None-Match': String(first.headers.etag) });
    expect(again.status).toBe(304);
  });

  it('the service worker is revalidated on every load, so a new version reaches browsers', async () => {
    const response = await rawGet(`${server.url}/sw.js`, { 'Accept-Encoding': 'gzip' });
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-encoding']).toBe('gzip');
  });

  it('source maps, unknown assets and the .br/.gz files themselves are 404, never the shell', async () => {
    for (const path of ['/assets/index-AbCd12_-.js.map', '/assets/index-AbCd12_-.js.br', '/assets/missing-12345678.js', '/index.html.gz', '/app.js.map']) {
      const response = await rawGet(`${server.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(response.body.toString('utf8')).not.toContain('<div id="root">');
    }
  });

  it('binary assets are served as they are, HEAD answers without a body', async () => {
    const image = await rawGet(`${server.url}/assets/logo-Qq1234Rr.png`, { 'Accept-Encoding': 'br' });
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['content-encoding']).toBeUndefined();
    expect(image.headers.vary).toBeUndefined();
    const head = await rawGet(`${server.url}/assets/index-AbCd12_-.js`, { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.body.length).toBe(0);
  });
});

describe('the real build (npm run build:client)', () => {
  let server: TestServer;
  beforeAll(async () => {
    if (!existsSync(join(BUILT_CLIENT, 'index.html'))) throw new Error(`${BUILT_CLIENT} is missing: run "npm run build" first (npm test does)`);
    server = await startTestServer({ clientDir: BUILT_CLIENT });
  });
  afterAll(() => server?.close());

  const assets = () => readdirSync(join(BUILT_CLIENT, 'assets'));

  it('holds no source map, and a brotli and a gzip copy of every script, stylesheet and the shell', () => {
    expect(assets().filter((name) => name.endsWith('.map'))).toEqual([]);
    const text = [
      'index.html',
      ...assets()
        .filter((name) => ['.js', '.css'].includes(extname(name)))
        .map((name) => `assets/${name}`),
    ];
    expect(text.length).toBeGreaterThan(2);
    for (const file of text) {
      expect(existsSync(join(BUILT_CLIENT, `${file}.br`)), file).toBe(true);
      expect(existsSync(join(BUILT_CLIENT, `${file}.gz`)), file).toBe(true);
    }
  });

  it('every script and stylesheet, lazy chunks too, goes brotli or gzip by Accept-Encoding, as it is without one, with Vary and its own type', async () => {
    const files = assets().filter((name) => ['.js', '.css'].includes(extname(name)));
    // The case list and the editor are chunks apart (client/src/lazyPages.tsx, client/vite.config.ts).
    expect(files.some((name) => name.startsWith('editor-'))).toBe(true);
    expect(files.some((name) => name.startsWith('CasePage-'))).toBe(true);
    const chromium = 'gzip, deflate, br, zstd';
    for (const name of files) {
      const original = readFileSync(join(BUILT_CLIENT, 'assets', name));
      const type = name.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8';
      for (const [accept, coding, decode] of [
        [chromium, 'br', brotliDecompressSync],
        ['gzip, deflate', 'gzip', gunzipSync],
        ['identity', undefined, (body: Buffer) => body],
      ] as const) {
        const served = await rawGet(`${server.url}/assets/${name}`, { 'Accept-Encoding': accept });
        expect(served.headers['content-encoding'], `${name} ${accept}`).toBe(coding);
        expect(served.headers['content-type'], name).toBe(type);
        expect(served.headers.vary, name).toBe('Accept-Encoding');
        expect(decode(served.body).equals(original), `${name} ${accept}`).toBe(true);
        if (coding) expect(served.body.length, `${name} ${accept}`).toBeLessThan(original.length);
      }
    }
  });

  it('the asset list names every built asset, no source map, and is revalidated on every load', async () => {
    const list: unknown = JSON.parse(readFileSync(join(BUILT_CLIENT, ASSET_LIST_FILE), 'utf8'));
    const built = assets()
      .filter((name) => !['.br', '.gz', '.map'].includes(extname(name)))
      .map((name) => `/assets/${name}`)
      .sort();
    expect(list).toEqual(built);
    const served = await rawGet(`${server.url}/${ASSET_LIST_FILE}`, { 'Accept-Encoding': 'br' });
    expect(served.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(served.headers['cache-control']).toBe(REVALIDATE);
    expect(JSON.parse(brotliDecompressSync(served.body).toString('utf8'))).toEqual(built);
  });

  it('the scripts name no source map, and asking for one is a 404', async () => {
    const scripts = assets().filter((name) => name.endsWith('.js'));
    for (const script of scripts) {
      expect(readFileSync(join(BUILT_CLIENT, 'assets', script), 'utf8')).not.toContain('sourceMappingURL');
      expect((await rawGet(`${server.url}/assets/${script}.map`)).status).toBe(404);
      const served = await rawGet(`${server.url}/assets/${script}`, { 'Accept-Encoding': 'br, gzip' });
      expect(served.headers['content-encoding']).toBe('br');
      expect(served.headers['cache-control']).toBe(IMMUTABLE);
    }
  });
});
