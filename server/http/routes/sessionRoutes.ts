import { Router, type RequestHandler } from 'express';
import {
  AgendaInput,
  CancelSessionInput,
  DeclineSessionInput,
  OutcomeInput,
  RescheduleSessionInput,
  ScheduleSessionInput,
  SelectItemInput,
} from '../../../shared/workflowSchemas.ts';
import type { CommandDeps } from '../../commands/deps.ts';
import { sessionIcs, sessionMinutes, upcomingSessions } from '../../commands/sessions/readSessions.ts';
import {
  acceptSession,
  cancelSession,
  changeAgenda,
  concludeSession,
  declineSession,
  recordOutcome,
  rescheduleSession,
  scheduleSession,
  selectItem,
  startSession,
} from '../../commands/sessions/sessionCommands.ts';
import { ExportLangQuery } from '../../../shared/schemas.ts';
import { actorOf, principalOf } from '../middleware/auth.ts';
import { parseParam } from '../middleware/validate.ts';
import { routeHelpers } from './command.ts';
import { caseTarget, sessionTarget } from './targets.ts';

export interface SessionLinks {
  /** The origin of the session link in a calendar file (PUBLIC_URL), never the request's Host. */
  publicOrigin(): string;
}

/** Consultation sessions (docs/domain.md): scheduling, the live walk-through, calendar files and minutes. */
export function sessionRoutes(deps: CommandDeps, auth: RequestHandler, links: SessionLinks): Router {
  const router = Router();
  const { command, action } = routeHelpers(deps);
  const session = '/api/cases/:id/sessions/:session';

  router.get('/api/sessions/upcoming', auth, async (req, res) => {
    res.json(await upcomingSessions(deps, principalOf(req), actorOf(req)));
  });
  router.post('/api/cases/:id/sessions', auth, command(ScheduleSessionInput, caseTarget, scheduleSession, 201));
  router.post(`${session}/reschedule`, auth, command(RescheduleSessionInput, sessionTarget, rescheduleSession));
  router.post(`${session}/agenda`, auth, command(AgendaInput, sessionTarget, changeAgenda));
  router.post(`${session}/cancel`, auth, command(CancelSessionInput, sessionTarget, cancelSession));
  router.post(`${session}/start`, auth, action(sessionTarget, startSession));
  router.post(`${session}/current`, auth, command(SelectItemInput, sessionTarget, selectItem));
  router.post(`${session}/outcome`, auth, command(OutcomeInput, sessionTarget, recordOutcome));
  router.post(`${session}/conclude`, auth, action(sessionTarget, concludeSession));
  router.post(`${session}/accept`, auth, action(sessionTarget, acceptSession));
  router.post(`${session}/decline`, auth, command(DeclineSessionInput, sessionTarget, declineSession));
  router.get(`${session}/calendar.ics`, auth, async (req, res) => {
    const calendar = await sessionIcs(deps, sessionTarget(req), links.publicOrigin(), parseParam(ExportLangQuery, req.query.lang, 'lang'));
    res.type('text/calendar; charset=utf-8').attachment('consultatie.ics').send(calendar);
  });
  router.get(`${session}/minutes.pdf`, auth, async (req, res) => {
    const pdf = await sessionMinutes(deps, sessionTarget(req), parseParam(ExportLangQuery, req.query.lang, 'lang'));
    res.type('application/pdf').attachment('verslag-consultatie.pdf').send(pdf);
  });

  return router;
}
