import { z } from 'zod';

/**
 * zod compiles object schemas with `new Function` when it may. The page's
 * Content-Security-Policy forbids eval, so the probe zod makes for it would
 * be blocked and reported as a violation on every load: tell zod up front.
 * Imported first by main.tsx; the build puts it in zod's own chunk
 * (vite.config.ts), which runs before any chunk that builds a schema.
 */
z.config({ jitless: true });
