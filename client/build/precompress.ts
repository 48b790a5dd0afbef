import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** What compresses: text. Images, fonts and the like are compressed already. */
const TEXT_EXTENSIONS = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.webmanifest', '.txt', '.xml']);
/** Source maps go here, next to the served directory and never inside it: they publish the source. */
const SOURCEMAP_DIR_NAME = 'sourcemaps';

/**
 * After `vite build`: moves the (hidden) source maps out of the served
 * directory, then writes a brotli (`.br`) and a gzip (`.gz`) copy of every
 * text file next to it, where smaller, at the highest levels — the server
 * picks one by Accept-Encoding (server/http/routes/clientRoutes.ts) and never
 * compresses at request time.
 */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'consultation-workspace:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      precompressDir(outDir);
    },
  };
}

/** The plugin's work on a built directory; returns where the source maps went. */
export function precompressDir(outDir: string): string {
  const maps = join(dirname(outDir), SOURCEMAP_DIR_NAME);
  moveSourceMaps(outDir, maps);
  for (const file of filesUnder(outDir)) {
    if (TEXT_EXTENSIONS.has(extname(file))) writeCompressed(file);
  }
  return maps;
}

function moveSourceMaps(outDir: string, target: string): void {
  rmSync(target, { recursive: true, force: true });
  for (const file of filesUnder(outDir)) {
    if (extname(file) !== '.map') continue;
    const moved = join(target, relative(outDir, file));
    mkdirSync(dirname(moved), { recursive: true });
    renameSync(file, moved);
  }
}

function writeCompressed(file: string): void {
  const data = readFileSync(file);
  const variants: [string, Buffer][] = [
    [
      '.br',
      brotliCompressSync(data, {
        params: {
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        },
      }),
    ],
    ['.gz', gzipSync(data, { level: constants.Z_BEST_COMPRESSION })],
  ];
  for (const [suffix, compressed] of variants) {
    if (compressed.length < data.length) writeFileSync(file + suffix, compressed);
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((entry) => join(dir, entry))
    .filter((path) => statSync(path).isFile());
}
