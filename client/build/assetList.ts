import type { Plugin } from 'vite';

/** Where the list goes in the build; the service worker (public/sw.js) reads it by this name. */
export const ASSET_LIST_FILE = 'asset-list.json';
const ASSETS_DIR = 'assets/';

/**
 * Writes the URL of every built asset (scripts, styles, images; no source
 * map) to asset-list.json. index.html names only what the case list needs;
 * the pages that load by dynamic import() are in here too, so that the
 * service worker keeps them and a case still opens offline.
 */
export function assetList(): Plugin {
  return {
    name: 'consultation-workspace:asset-list',
    apply: 'build',
    generateBundle(_options, bundle) {
      const assets = Object.keys(bundle)
        .filter((name) => name.startsWith(ASSETS_DIR) && !name.endsWith('.map'))
        .sort()
        .map((name) => `/${name}`);
      this.emitFile({ type: 'asset', fileName: ASSET_LIST_FILE, source: `${JSON.stringify(assets)}\n` });
    },
  };
}
