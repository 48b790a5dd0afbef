import type { AdminUser, ChangeRoleInput, ResetPasswordInput } from '../../../shared/admin.ts';
import { CloseCode } from '../../../shared/limits.ts';
import { passwordProblem } from '../../../shared/passwordRule.ts';
import { ACCOUNT_ROLE_FOR } from '../../../shared/roles.ts';
import { organisationFilter, userInScope, type AdminActor } from '../../policies/organisationScope.ts';
import { hashPassword } from '../../auth/passwords.ts';
import { AppError, badRequest } from '../../errors.ts';
import type { UserChange, UserRecord } from '../../store/ports.ts';
import type { CommandDeps } from '../deps.ts';

type Deps = Pick<CommandDeps, 'records' | 'workflow' | 'audit' | 'connections' | 'realtime' | 'sessions' | 'now'>;

/** The account an administrator acts on, and who acts. */
export interface UserTarget {
  userId: string;
  actor: AdminActor;
}

export function toAdminUser(user: UserRecord): AdminUser {
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    role: user.role,
    organisationId: user.organisationId,
    platformAdmin: user.platformAdmin,
    active: user.deactivatedAt === null,
    deactivatedAt: user.deactivatedAt,
    createdAt: user.createdAt,
  };
}

/** Every account the administrator manages (of their organisation, or all for the platform), by username; audited as a read of the user list. */
export async function listUsers(deps: Pick<CommandDeps, 'records' | 'audit'>, actor: AdminActor): Promise<AdminUser[]> {
  const organisationId = organisationFilter(actor.scope);
  const users = (await deps.records.listUsers()).filter((user) => organisationId === undefined || user.organisationId === organisationId);
  await deps.audit.record(actor, { action: 'read', outcome: 'success', object: 'user-list', detail: `${users.length} users` });
  return users.map(toAdminUser);
}

/** Deactivates an account: it cannot log in, and every open session of it ends at once. Not one's own. */
export async function deactivateUser(deps: Deps, target: UserTarget): Promise<AdminUser> {
  const user = await userOf(deps, target);
  if (user.id === target.actor.userId) throw new AppError(409, 'user.self-deactivate', 'You cannot deactivate your own account');
  if (user.deactivatedAt !== null) return toAdminUser(user);
  return change(deps, target, user, { deactivatedAt: deps.now().toISOString(), sessionVersion: user.sessionVersion + 1 }, `deactivate:${user.id}`);
}

/** Lets a deactivated account log in again (its old sessions stay ended). */
export async function reactivateUser(deps: Deps, target: UserTarget): Promise<AdminUser> {
  const user = await userOf(deps, target);
  if (user.deactivatedAt === null) return toAdminUser(user);
  return change(deps, target, user, { deactivatedAt: null }, `reactivate:${user.id}`);
}

/** Sets a new password (the password rule, with the account's username); every open session of the account ends. */
export async function resetPassword(deps: Deps, target: UserTarget, input: ResetPasswordInput): Promise<AdminUser> {
  const user = await userOf(deps, target);
  const problem = passwordProblem(input.password, user.username);
  if (problem) throw badRequest(`password: ${problem}`, 'password');
  const passwordHash = await hashPassword(input.password);
  return change(deps, target, user, { passwordHash, sessionVersion: user.sessionVersion + 1 }, `password-reset:${user.id}`);
}

/**
 * Changes an account's role. Refused (409 `user.role-in-use`) while the user
 * holds a case role the new role does not fit, or reviews a dispute and would
 * become an administrator (who never reads case content), or is invited into
 * a case as arbeidsdeskundige; and for one's own account.
 */
export async function changeRole(deps: Deps, target: UserTarget, input: ChangeRoleInput): Promise<AdminUser> {
  const user = await userOf(deps, target);
  if (user.role === input.role) return toAdminUser(user);
  if (user.id === target.actor.userId) throw new AppError(409, 'user.self-role', 'You cannot change the role of your own account');
  const memberships = await Promise.all((await deps.records.listCasesOfUser(user.id)).map((c) => deps.records.listMembers(c.id)));
  const misfits = memberships.flat().filter((m) => m.userId === user.id && ACCOUNT_ROLE_FOR[m.caseRole] !== input.role);
  const reviews = input.role === 'admin' ? await deps.workflow.casesReviewedBy(user.id) : [];
  // An invitation as arbeidsdeskundige is for that role: revoke it before the account becomes anything else.
  const invitations = user.role === 'arbeidsdeskundige' ? await deps.workflow.casesOfLabourExpert(user.id) : [];
  if (misfits.length > 0 || reviews.length > 0 || invitations.length > 0) {
    await deps.audit.record(target.actor, { action: 'write', outcome: 'failure', object: 'user', detail: `role:${user.id}; in-use` });
    const cases = [...new Set([...misfits.map((m) => m.caseId), ...reviews, ...invitations])];
    throw new AppError(409, 'user.role-in-use', `The user takes part in ${cases.length} case(s) as a ${user.role}; replace them there first`, 'role');
  }
  return change(deps, target, user, { role: input.role }, `role:${user.id}:${input.role}`);
}

/** Logs the account out everywhere: every session of it ends, on every device, and its open connections close. */
export async function endUserSessions(deps: Deps, target: UserTarget): Promise<AdminUser> {
  const user = await userOf(deps, target);
  return change(deps, target, user, { sessionVersion: user.sessionVersion + 1 }, `end-sessions:${user.id}`);
}

/**
 * Removes the account's second factor (a lost phone and lost recovery codes):
 * every session of it ends; at its next login it sets one up again if its
 * organisation requires one. 404 `user.no-second-factor` when it has none.
 */
export async function resetSecondFactor(deps: Deps & Pick<CommandDeps, 'secondFactor'>, target: UserTarget): Promise<AdminUser> {
  const user = await userOf(deps, target);
  if (!(await deps.secondFactor.store.removeTotp(user.id))) throw new AppError(404, 'user.no-second-factor', 'The user has no second factor');
  return change(deps, target, user, { sessionVersion: user.sessionVersion + 1 }, `second-factor-reset:${user.id}`);
}

/** The target account, when the administrator manages it (404 otherwise, as for no account). */
async function userOf(deps: Pick<CommandDeps, 'records'>, target: UserTarget): Promise<UserRecord> {
  return userInScope(target.actor.scope, await deps.records.findUserById(target.userId));
}

/** Stores the change, audits it (the detail names what changed, never a password), and ends the sessions it ended. */
async function change(deps: Deps, target: UserTarget, user: UserRecord, fields: UserChange, detail: string): Promise<AdminUser> {
  const changed = await deps.records.updateUser(user.id, fields);
  if (!changed) throw new AppError(404, 'user.not-found', 'No such user');
  await deps.audit.record(target.actor, { action: 'write', outcome: 'success', object: 'user', detail });
  if (changed.sessionVersion !== user.sessionVersion) await endSessions(deps, user.id);
  return toAdminUser(changed);
}

/**
 * Ends every open session of a user here at once: document connections close
 * (4401) and sockets are told and disconnected on every node. Other nodes'
 * document connections end at their next access check (the token is refused).
 */
export async function endSessions(deps: Pick<CommandDeps, 'connections' | 'realtime' | 'sessions'>, userId: string): Promise<void> {
  await deps.sessions.store.endAllOf(userId, 'ended-by-admin', deps.sessions.now());
  deps.connections.closeWhere((context) => context.userId === userId, CloseCode.unauthenticated, 'session ended');
  await deps.realtime.disconnectUser(userId);
}
