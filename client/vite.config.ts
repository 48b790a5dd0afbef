import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { assetList } from './build/assetList.ts';
import { precompress } from './build/precompress.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Libraries in chunks of their own, named for what they are: they change less
 * often than the app (a browser keeps them across releases), and the case
 * list never loads the editor's. The pages themselves split by dynamic
 * import() (src/lazyPages.tsx). A group takes its modules' dependencies too,
 * so a shared one (React's useSyncExternalStore shim) goes where it wins by priority.
 */
const VENDOR_CHUNKS = [
  { name: 'react', priority: 1, test: /node_modules[\\/](react|react-dom|scheduler|use-sync-external-store)[\\/]/ },
  // zodConfig.ts with zod itself: it must run before any chunk builds a schema (see there).
  { name: 'zod', test: /node_modules[\\/]zod[\\/]|client[\\/]src[\\/]zodConfig\.ts$/ },
  { name: 'socket', test: /node_modules[\\/](socket\.io-client|socket\.io-parser|engine\.io-client|engine\.io-parser|@socket\.io)[\\/]/ },
  { name: 'editor', test: /node_modules[\\/](@tiptap|prosemirror-[^\\/]+|yjs|y-[^\\/]+|lib0|linkifyjs|orderedmap|rope-sequence|w3c-keyname)[\\/]/ },
];

/** The browser client: built into dist/client, which the server serves. */
export default defineConfig({
  root,
  plugins: [react(), assetList(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('../dist/client', import.meta.url)),
    emptyOutDir: true,
    // Maps without the sourceMappingURL comment; precompress() moves them to dist/sourcemaps, outside what is served.
    sourcemap: 'hidden',
    chunkSizeWarningLimit: 1024,
    rolldownOptions: { output: { codeSplitting: { groups: VENDOR_CHUNKS } } },
  },
  server: {
    // `npm run dev:client` proxies the API and websockets to a server on :3000.
    proxy: {
      '/api': 'http://localhost:3000',
      '/collab': { target: 'ws://localhost:3000', ws: true },
      '/socket.io': { target: 'http://localhost:3000', ws: true },
    },
  },
});
