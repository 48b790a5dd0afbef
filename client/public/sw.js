/*
 * Service worker: keeps the application shell (index.html and its built
 * assets) so that the workspace opens without a connection. It never caches
 * API answers: case data offline comes from the app's own per-user cache, and
 * documents from IndexedDB.
 */
const CACHE = 'cw-shell-v1';
const SHELL = '/';
/** Every asset of the build (client/build/assetList.ts). */
const ASSET_LIST = '/asset-list.json';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await refreshShell(cache, await fetch(SHELL, { cache: 'no-store' }));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') event.respondWith(navigation(request));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(asset(request));
});

/** The network first, so a new version shows at once; the kept shell when there is no network. */
async function navigation(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && (response.headers.get('content-type') ?? '').startsWith('text/html')) {
      await refreshShell(cache, response.clone());
    }
    return response;
  } catch (error) {
    const shell = await cache.match(SHELL);
    if (shell) return shell;
    throw error;
  }
}

/** Built assets have content hashes in their names: a kept copy is always right. */
async function asset(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

/**
 * Stores a new shell with the assets it names and the pages' chunks the
 * build lists (they load by import() when a page opens, and must be here
 * offline), and drops assets no shell needs any more.
 */
async function refreshShell(cache, response) {
  const html = await response.clone().text();
  const named = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]);
  const assets = [...new Set([...named, ...(await buildAssets())])];
  // Hashed names never change content: only what is not kept yet goes over the network.
  const kept = await Promise.all(assets.map((path) => cache.match(path)));
  await cache.addAll(assets.filter((path, index) => path && !kept[index]));
  await cache.put(SHELL, response);
  const keep = new Set(assets.map((path) => new URL(path, self.location.origin).href));
  for (const request of await cache.keys()) {
    const url = new URL(request.url);
    if (url.pathname.startsWith('/assets/') && !keep.has(url.href)) await cache.delete(request);
  }
}

/** The build's asset list (none: the shell's own assets only). */
async function buildAssets() {
  const response = await fetch(ASSET_LIST, { cache: 'no-store' });
  return response.ok ? response.json() : [];
}
