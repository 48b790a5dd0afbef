import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RequestHandler } from 'express';
import type { Audit } from '../audit/Audit.ts';
import { AppError } from '../errors.ts';
import { clientAddress } from '../net/clientAddress.ts';
import { isStateChanging, originAllowed, type OriginPolicy } from './origin.ts';

/** How much of a refused Origin the audit keeps: enough to recognise a misconfigured PUBLIC_URL. */
const MAX_AUDITED_ORIGIN_CHARS = 120;
/** The object of a refusal names the path (ids, never text), which the client chooses: a longer one is cut. */
const MAX_AUDITED_OBJECT_CHARS = 200;

export const foreignOrigin = () => new AppError(403, 'origin.forbidden', 'Requests from pages of another site are refused');

/**
 * One origin decision for HTTP writes, collaboration upgrades and socket.io
 * handshakes, so that a page of another site can use a physician's session on
 * none of them. A refusal is audited like every other.
 */
export class OriginGuard {
  constructor(
    private readonly policy: OriginPolicy,
    private readonly audit: Audit,
  ) {}

  /** True when the request may go on; otherwise audits the refusal (in the background: the caller answers at once). */
  allows(request: IncomingMessage, object: string): boolean {
    if (originAllowed(request, this.policy)) return true;
    const origin = String(request.headers.origin ?? '').slice(0, MAX_AUDITED_ORIGIN_CHARS);
    this.audit.recordInBackground(
      { userId: null, username: null, role: null, ip: clientAddress(request, this.policy.trustProxy), userAgent: request.headers['user-agent'] ?? null },
      { action: 'denied', outcome: 'denied', object: object.slice(0, MAX_AUDITED_OBJECT_CHARS), detail: `foreign-origin ${origin}` },
    );
    return false;
  }

  /** express: refuses POST, PUT, PATCH and DELETE from another origin before anything reads them. */
  readonly httpWrites: RequestHandler = (req, _res, next) => {
    if (!isStateChanging(req.method) || this.allows(req, `${req.method} ${req.path}`)) return next();
    next(foreignOrigin());
  };

  /** A websocket upgrade from another origin: refused before the handshake, so no socket opens. */
  refuseUpgrade(socket: Duplex): void {
    socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  }
}
