import { Router, type Request, type RequestHandler } from 'express';
import { AssignMemberInput, CaseRoleParam, ChangeRoleInput, ResetPasswordInput, UserIdParam } from '../../../shared/admin.ts';
import { CreateOrganisationInput, UpdateOrganisationInput } from '../../../shared/organisations.ts';
import { CaseIdParam, CreateCaseInput, CreateUserInput, IdParam } from '../../../shared/schemas.ts';
import { assignCaseMember, listAdminCases, type MemberTarget } from '../../commands/admin/cases.ts';
import { createOrganisation, listOrganisations, updateOrganisation, type OrganisationTarget } from '../../commands/admin/organisations.ts';
import {
  changeRole,
  deactivateUser,
  endUserSessions,
  listUsers,
  reactivateUser,
  resetPassword,
  resetSecondFactor,
  type UserTarget,
} from '../../commands/admin/users.ts';
import { createCase } from '../../commands/createCase.ts';
import { createUser } from '../../commands/createUser.ts';
import type { CommandDeps } from '../../commands/deps.ts';
import { parseParam } from '../middleware/validate.ts';
import { adminActorOf, requireAdmin } from './adminGuard.ts';
import { routeHelpers } from './command.ts';

const OrganisationIdParam = IdParam('organisation');

const userTarget = (req: Request): UserTarget => ({ userId: parseParam(UserIdParam, req.params.userId, 'userId'), actor: adminActorOf(req) });
const memberTarget = (req: Request): MemberTarget => ({
  caseId: parseParam(CaseIdParam, req.params.id, 'id'),
  caseRole: parseParam(CaseRoleParam, req.params.caseRole, 'caseRole'),
  actor: adminActorOf(req),
});
const organisationTarget = (req: Request): OrganisationTarget => ({
  organisationId: parseParam(OrganisationIdParam, req.params.organisationId, 'organisationId'),
  actor: adminActorOf(req),
});

/**
 * Administration (docs/contract.md): organisations, accounts and cases, never
 * case content; only admins, each within what they manage (organisationScope.ts).
 */
export function adminRoutes(deps: CommandDeps, auth: RequestHandler): Router {
  const router = Router();
  const { command, action } = routeHelpers(deps);
  const admin = [auth, requireAdmin(deps.audit)];

  router.post('/api/users', ...admin, command(CreateUserInput, adminActorOf, createUser, 201));
  router.post('/api/cases', ...admin, command(CreateCaseInput, adminActorOf, createCase, 201));

  router.get('/api/organisations', ...admin, action(adminActorOf, listOrganisations));
  router.post('/api/organisations', ...admin, command(CreateOrganisationInput, adminActorOf, createOrganisation, 201));
  router.patch('/api/organisations/:organisationId', ...admin, command(UpdateOrganisationInput, organisationTarget, updateOrganisation));

  router.get('/api/admin/users', ...admin, action(adminActorOf, listUsers));
  router.post('/api/admin/users/:userId/deactivate', ...admin, action(userTarget, deactivateUser));
  router.post('/api/admin/users/:userId/reactivate', ...admin, action(userTarget, reactivateUser));
  router.post('/api/admin/users/:userId/password', ...admin, command(ResetPasswordInput, userTarget, resetPassword));
  router.put('/api/admin/users/:userId/role', ...admin, command(ChangeRoleInput, userTarget, changeRole));
  router.post('/api/admin/users/:userId/end-sessions', ...admin, action(userTarget, endUserSessions));
  router.delete('/api/admin/users/:userId/second-factor', ...admin, action(userTarget, resetSecondFactor));

  router.get('/api/admin/cases', ...admin, action(adminActorOf, listAdminCases));
  router.put('/api/cases/:id/members/:caseRole', ...admin, command(AssignMemberInput, memberTarget, assignCaseMember));

  return router;
}
