import { Router, type RequestHandler } from 'express';
import { ChallengeCodeInput, ChallengeInput, CodeInput } from '../../../shared/secondFactor.ts';
import type { CommandDeps } from '../../commands/deps.ts';
import { beginEnrolment, confirmEnrolment, removeFactor, secondFactorStatus } from '../../commands/secondFactor/enrolment.ts';
import { beginLoginEnrolment, confirmLoginEnrolment, loginWithCode } from '../../commands/secondFactor/loginSteps.ts';
import type { Metrics } from '../../metrics.ts';
import { actorOf, principalOf } from '../middleware/auth.ts';
import { validated } from './command.ts';
import { sendSession } from './sessionCookie.ts';

/**
 * The second factor (docs/contract.md, "Second factor"): the second step of
 * a login with the challenge a correct password gave (no session needed), and
 * the enrolment of a logged-in account.
 */
export function secondFactorRoutes(deps: CommandDeps, auth: RequestHandler, metrics: Metrics, options: { cookieSecure: boolean }): Router {
  const router = Router();
  const counted = async <T>(step: () => Promise<T>): Promise<T> => {
    try {
      const session = await step();
      metrics.logins.inc({ outcome: 'success' });
      return session;
    } catch (error) {
      metrics.logins.inc({ outcome: 'failure' });
      throw error;
    }
  };

  router.post(
    '/api/auth/login/totp',
    validated(ChallengeCodeInput, async (input, req, res) => {
      sendSession(res, await counted(() => loginWithCode(deps, input, actorOf(req))), options.cookieSecure);
    }),
  );
  router.post(
    '/api/auth/login/enrol',
    validated(ChallengeInput, async (input, req, res) => {
      res.json(await beginLoginEnrolment(deps, input, actorOf(req)));
    }),
  );
  router.post(
    '/api/auth/login/enrol/confirm',
    validated(ChallengeCodeInput, async (input, req, res) => {
      const { started, confirmed } = await counted(() => confirmLoginEnrolment(deps, input, actorOf(req)));
      sendSession(res, started, options.cookieSecure, confirmed);
    }),
  );

  router.get('/api/auth/totp', auth, async (req, res) => {
    res.json(await secondFactorStatus(deps, principalOf(req).user));
  });
  router.post('/api/auth/totp/enrol', auth, async (req, res) => {
    res.json(await beginEnrolment(deps, principalOf(req).user, actorOf(req)));
  });
  router.post(
    '/api/auth/totp/confirm',
    auth,
    validated(CodeInput, async (input, req, res) => {
      res.json(await confirmEnrolment(deps, principalOf(req).user, input.code, actorOf(req)));
    }),
  );
  router.delete(
    '/api/auth/totp',
    auth,
    validated(CodeInput, async (input, req, res) => {
      await removeFactor(deps, principalOf(req).user, input.code, actorOf(req));
      res.status(204).end();
    }),
  );
  return router;
}
