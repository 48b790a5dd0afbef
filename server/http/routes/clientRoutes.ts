import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { Router, type Response } from 'express';
import { chooseCoding, type Precompressed } from '../acceptEncoding.ts';
import { loadClientFiles, type ClientFile } from '../clientFiles.ts';

const INDEX = '/index.html';
/** Built assets live here; a name under it that is not a file is a 404, never the app shell. */
const ASSETS_PREFIX = '/assets/';
/** The client's own routes (/cases/<id>) have no file extension; a file name that is not in the build is a 404 too. */
const FILE_NAME = /\.[A-Za-z0-9]+$/;

/**
 * Serves the built client (`npm run build:client`): each file precompressed
 * where the browser accepts it, hashed assets cached for good, and every
 * other GET of a page (no file name) answered with index.html for the
 * client-side routes. A missing file is a 404, never the shell: HTML in
 * place of a script would only hide the mistake.
 */
export function clientRoutes(clientDir: string): Router {
  if (!existsSync(join(clientDir, 'index.html'))) throw new Error(`The client is not built: ${join(clientDir, 'index.html')} is missing (run npm run build)`);
  const files = loadClientFiles(clientDir);
  const index = files.get(INDEX)!;
  const router = Router();
  router.get('/{*path}', (req, res, next) => {
    const file = files.get(req.path) ?? (req.path.startsWith(ASSETS_PREFIX) || FILE_NAME.test(req.path) ? null : index);
    if (!file) return next();
    send(res, file, chooseCoding(req.get('accept-encoding'), new Set(file.variants.keys())));
  });
  return router;
}

function send(res: Response, file: ClientFile, coding: Precompressed | null): void {
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Cache-Control', file.cacheControl);
  // A cache in between must keep the variants apart, and the plain one too.
  if (file.variants.size > 0) res.setHeader('Vary', 'Accept-Encoding');
  if (coding) res.setHeader('Content-Encoding', coding);
  // res.send adds the ETag (of these bytes) and answers 304 to a matching If-None-Match.
  res.send(coding ? file.variants.get(coding)! : file.identity);
}
