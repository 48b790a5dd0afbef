import type { Request, RequestHandler } from 'express';
import { CASE_ID_PATTERN } from '../../../shared/docNames.ts';
import type { Audit, AuditActor } from '../../audit/Audit.ts';
import { tokenFromHeaders, type Authenticator, type Principal } from '../../auth/Authenticator.ts';
import { unauthorized } from '../../errors.ts';

declare global {
  // Augments express' Request the way express' own types expect it: through their global namespace.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      principal?: Principal;
    }
  }
}

/**
 * Requires a valid session (cookie or bearer token); answers 401 otherwise.
 * A refusal is an access attempt like any other: it is audited (NEN 7513),
 * its repeats from one address summed per minute (Audit.recordRefusal), so
 * that requests without a token cannot grow the log without bound.
 */
export function requireAuth(authenticator: Authenticator, audit: Audit): RequestHandler {
  return async (req, _res, next) => {
    const principal = await authenticator.authenticate(tokenFromHeaders(req.headers));
    if (principal) {
      req.principal = principal;
      return next();
    }
    const route = req.route ? String(req.route.path) : req.path;
    await audit.recordRefusal(actorOf(req), {
      action: 'denied',
      outcome: 'denied',
      object: `${req.method} ${route}`,
      caseId: route.startsWith('/api/cases/:id') ? caseIdOf(req.params.id) : null,
      detail: 'unauthenticated',
    });
    next(unauthorized());
  };
}

function caseIdOf(value: unknown): string | null {
  return typeof value === 'string' && CASE_ID_PATTERN.test(value) ? value : null;
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
    organisationId: user?.organisationId ?? null,
    ip: req.ip ?? null,
    userAgent: req.get('user-agent') ?? null,
  };
}
