import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './build/precompress.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The browser client: built into dist/client, which the server serves. */
export default defineConfig({
  root,
  plugins: [react(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('../dist/client', import.meta.url)),
    emptyOutDir: true,
    // Maps without the sourceMappingURL comment; precompress() moves them to dist/sourcemaps, outside what is served.
    sourcemap: 'hidden',
    chunkSizeWarningLimit: 1024,
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
