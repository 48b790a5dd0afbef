import type { Request, RequestHandler } from 'express';
import type { AuditActor } from '../../audit/Audit.ts';
import { tokenFromHeaders, type Authenticator, type Principal } from '../../auth/Authenticator.ts';
import { unauthorized } from '../../errors.ts';

declare global {
  // eslint-style augmentation of express' Request, the way express' own types expect it.
  namespace Express {
    interface Request {
      principal?: Principal;
    }
  }
}

/** Requires a valid session (cookie or bearer token); answers 401 otherwise. */
export function requireAuth(authenticator: Authenticator): RequestHandler {
  return async (req, _res, next) => {
    const principal = await authenticator.authenticate(tokenFromHeaders(req.headers));
    if (!principal) return next(unauthorized());
    req.principal = principal;
    next();
  };
}

/** The principal of a request that passed requireAuth. */
export function principalOf(req: Request): Principal {
  if (!req.principal) throw unauthorized();
  return req.principal;
}

/** Who acts and from where, for the audit trail. */
export function actorOf(req: Request): AuditActor {
  const user = req.principal?.user;
  return {
    userId: user?.id ?? null,
    username: user?.username ?? null,
    role: user?.role ?? null,
    ip: req.ip ?? null,
    userAgent: req.get('user-agent') ?? null,
  };
}
