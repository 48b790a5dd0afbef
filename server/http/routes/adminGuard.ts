import type { Request, RequestHandler } from 'express';
import type { Audit } from '../../audit/Audit.ts';
import { forbidden } from '../../errors.ts';
import { scopeOf, type AdminActor } from '../../policies/organisationScope.ts';
import { canAdminister } from '../../policies/participation.ts';
import { actorOf, principalOf } from '../middleware/auth.ts';

/** Administrators only: anyone else gets 403, audited as denied, before their input is even read. */
export function requireAdmin(audit: Audit): RequestHandler {
  return async (req, _res, next) => {
    if (canAdminister(principalOf(req).user)) return next();
    await audit.record(actorOf(req), { action: 'denied', outcome: 'denied', object: req.path.slice('/api/'.length), detail: 'not-admin' });
    next(forbidden('Only administrators may do this'));
  };
}

/** The administrator of a request that passed requireAdmin, with what they manage. */
export function adminActorOf(req: Request): AdminActor {
  return { ...actorOf(req), scope: scopeOf(principalOf(req).user) };
}
