import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { Precompressed } from './acceptEncoding.ts';

/** The file extension of each precompressed variant, next to the original (`index-abc.js.br`). */
export const VARIANT_EXTENSION: Record<Precompressed, string> = { br: '.br', gzip: '.gz' };

/** Content types of what a Vite build emits; anything else is served as bytes. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
};
const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/** Vite names built assets `<name>-<hash>.<ext>` under /assets/: such a name never changes content. */
const HASHED_ASSET = /^\/assets\/.+-[A-Za-z0-9_-]{8,}\.[A-Za-z0-9]+$/;
/** A year, the longest max-age caches honour. */
const IMMUTABLE_MAX_AGE_SECONDS = 365 * 24 * 3600;
export const IMMUTABLE = `public, max-age=${IMMUTABLE_MAX_AGE_SECONDS}, immutable`;
/** index.html, the service worker and anything else without a hash: a browser asks again each time (cheap with the ETag). */
export const REVALIDATE = 'no-cache';

/** Never served, even if a build left them in the directory: source maps publish the source. */
const NEVER_SERVED = new Set(['.map']);

export interface ClientFile {
  contentType: string;
  cacheControl: string;
  identity: Buffer;
  /** The precompressed variants the build wrote (only where they are smaller). */
  variants: Map<Precompressed, Buffer>;
}

/**
 * The built client, read once at start: URL path -> file with its
 * variants. Serving from this map means a request can only ever name a file
 * that was there at start; nothing it sends becomes a file system path.
 */
export function loadClientFiles(dir: string): Map<string, ClientFile> {
  const files = new Map<string, ClientFile>();
  const variantExtensions = new Set(Object.values(VARIANT_EXTENSION));
  for (const file of walk(dir)) {
    const extension = extname(file);
    if (variantExtensions.has(extension) || NEVER_SERVED.has(extension)) continue;
    const path = `/${relative(dir, file).split(sep).join('/')}`;
    const variants = new Map<Precompressed, Buffer>();
    for (const [coding, suffix] of Object.entries(VARIANT_EXTENSION) as [Precompressed, string][]) {
      if (existsSync(file + suffix)) variants.set(coding, readFileSync(file + suffix));
    }
    files.set(path, {
      contentType: CONTENT_TYPES[extension] ?? DEFAULT_CONTENT_TYPE,
      cacheControl: HASHED_ASSET.test(path) ? IMMUTABLE : REVALIDATE,
      identity: readFileSync(file),
      variants,
    });
  }
  return files;
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}
