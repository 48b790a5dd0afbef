import { Router, type Request, type RequestHandler } from 'express';
import { AssignMemberInput, CaseRoleParam, ChangeRoleInput, ResetPasswordInput, UserIdParam } from '../../../shared/admin.ts';
import { CaseIdParam, CreateCaseInput, CreateUserInput } from '../../../shared/schemas.ts';
import { assignCaseMember, listAdminCases, type MemberTarget } from '../../commands/admin/cases.ts';
import { changeRole, deactivateUser, endUserSessions, listUsers, reactivateUser, resetPassword, type UserTarget } from '../../commands/admin/users.ts';
import { createCase } from '../../commands/createCase.ts';
import { createUser } from '../../commands/createUser.ts';
import type { CommandDeps } from '../../commands/deps.ts';
import { actorOf } from '../middleware/auth.ts';
import { parseParam } from '../middleware/validate.ts';
import { requireAdmin } from './adminGuard.ts';
import { routeHelpers } from './command.ts';

const userTarget = (req: Request): UserTarget => ({ userId: parseParam(UserIdParam, req.params.userId, 'userId'), actor: actorOf(req) });
const memberTarget = (req: Request): MemberTarget => ({
  caseId: parseParam(CaseIdParam, req.params.id, 'id'),
  caseRole: parseParam(CaseRoleParam, req.params.caseRole, 'caseRole'),
  actor: actorOf(req),
});

/** Administration (docs/contract.md): accounts and cases, never case content; only admins. */
export function adminRoutes(deps: CommandDeps, auth: RequestHandler): Router {
  const router = Router();
  const { command, action } = routeHelpers(deps);
  const admin = [auth, requireAdmin(deps.audit)];

  router.post('/api/users', ...admin, command(CreateUserInput, actorOf, createUser, 201));
  router.post('/api/cases', ...admin, command(CreateCaseInput, actorOf, createCase, 201));

  router.get('/api/admin/users', ...admin, action(actorOf, listUsers));
  router.post('/api/admin/users/:userId/deactivate', ...admin, action(userTarget, deactivateUser));
  router.post('/api/admin/users/:userId/reactivate', ...admin, action(userTarget, reactivateUser));
  router.post('/api/admin/users/:userId/password', ...admin, command(ResetPasswordInput, userTarget, resetPassword));
  router.put('/api/admin/users/:userId/role', ...admin, command(ChangeRoleInput, userTarget, changeRole));
  router.post('/api/admin/users/:userId/end-sessions', ...admin, action(userTarget, endUserSessions));

  router.get('/api/admin/cases', ...admin, action(actorOf, listAdminCases));
  router.put('/api/cases/:id/members/:caseRole', ...admin, command(AssignMemberInput, memberTarget, assignCaseMember));

  return router;
}
