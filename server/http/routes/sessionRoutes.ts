import { Router, type Request, type RequestHandler } from 'express';
import {
  AgendaInput,
  CancelSessionInput,
  OutcomeInput,
  RescheduleSessionInput,
  ScheduleSessionInput,
  SelectItemInput,
  SessionIdParam,
} from '../../../shared/workflowSchemas.ts';
import type { CommandDeps } from '../../commands/deps.ts';
import { sessionIcs, sessionMinutes, upcomingSessions } from '../../commands/sessions/readSessions.ts';
import {
  cancelSession,
  changeAgenda,
  concludeSession,
  recordOutcome,
  rescheduleSession,
  scheduleSession,
  selectItem,
  startSession,
  type SessionTarget,
} from '../../commands/sessions/sessionCommands.ts';
import { actorOf, principalOf } from '../middleware/auth.ts';
import { parseParam, validateBody } from '../middleware/validate.ts';
import { caseTarget } from './caseTarget.ts';

function sessionTarget(req: Request): SessionTarget {
  return { ...caseTarget(req), sessionId: parseParam(SessionIdParam, req.params.session, 'session') };
}

export interface SessionLinks {
  /** The origin of the session link in a calendar file (PUBLIC_URL), never the request's Host. */
  publicOrigin(): string;
}

/** Consultation sessions (issue 5): scheduling, the live walk-through, calendar files and minutes. */
export function sessionRoutes(deps: CommandDeps, auth: RequestHandler, links: SessionLinks): Router {
  const router = Router();
  const session = '/api/cases/:id/sessions/:session';

  router.get('/api/sessions/upcoming', auth, async (req, res) => {
    res.json(await upcomingSessions(deps, principalOf(req), actorOf(req)));
  });
  router.post('/api/cases/:id/sessions', auth, validateBody(ScheduleSessionInput), async (req, res) => {
    res.status(201).json(await scheduleSession(deps, caseTarget(req), req.body as ScheduleSessionInput));
  });
  router.post(`${session}/reschedule`, auth, validateBody(RescheduleSessionInput), async (req, res) => {
    res.json(await rescheduleSession(deps, sessionTarget(req), req.body as RescheduleSessionInput));
  });
  router.post(`${session}/agenda`, auth, validateBody(AgendaInput), async (req, res) => {
    res.json(await changeAgenda(deps, sessionTarget(req), req.body as AgendaInput));
  });
  router.post(`${session}/cancel`, auth, validateBody(CancelSessionInput), async (req, res) => {
    res.json(await cancelSession(deps, sessionTarget(req), req.body as CancelSessionInput));
  });
  router.post(`${session}/start`, auth, async (req, res) => {
    res.json(await startSession(deps, sessionTarget(req)));
  });
  router.post(`${session}/current`, auth, validateBody(SelectItemInput), async (req, res) => {
    res.json(await selectItem(deps, sessionTarget(req), req.body as SelectItemInput));
  });
  router.post(`${session}/outcome`, auth, validateBody(OutcomeInput), async (req, res) => {
    res.json(await recordOutcome(deps, sessionTarget(req), req.body as OutcomeInput));
  });
  router.post(`${session}/conclude`, auth, async (req, res) => {
    res.json(await concludeSession(deps, sessionTarget(req)));
  });
  router.get(`${session}/calendar.ics`, auth, async (req, res) => {
    const calendar = await sessionIcs(deps, sessionTarget(req), links.publicOrigin());
    res.type('text/calendar; charset=utf-8').attachment('consultatie.ics').send(calendar);
  });
  router.get(`${session}/minutes.pdf`, auth, async (req, res) => {
    const pdf = await sessionMinutes(deps, sessionTarget(req));
    res.type('application/pdf').attachment('verslag-consultatie.pdf').send(pdf);
  });

  return router;
}
