import { randomUUID } from 'node:crypto';
import type { PublicUser } from '../../shared/api.ts';
import type { CreateUserInput } from '../../shared/schemas.ts';
import { DEFAULT_ORGANISATION_ID } from '../../shared/organisations.ts';
import { hashPassword } from '../auth/passwords.ts';
import { AppError, badRequest, conflict } from '../errors.ts';
import type { AdminActor } from '../policies/organisationScope.ts';
import { DuplicateError } from '../store/ports.ts';
import type { CommandDeps } from './deps.ts';
import { toPublicUser } from './views.ts';

/**
 * Creates an account (administrators, and the admin command line) in an
 * organisation: the one given, else the administrator's own (the default one
 * for a platform administrator). An organisation's administrator creates
 * accounts only in their own, and never a platform administrator.
 */
export async function createUser(deps: Pick<CommandDeps, 'records' | 'audit'>, actor: AdminActor, input: CreateUserInput): Promise<PublicUser> {
  const own = actor.scope.platform ? DEFAULT_ORGANISATION_ID : actor.scope.organisationId;
  const organisationId = input.organisationId ?? own;
  if (!actor.scope.platform && (organisationId !== own || input.platformAdmin))
    throw new AppError(
      403,
      'organisation.other',
      'You manage the accounts of your own organisation only',
      input.platformAdmin ? 'platformAdmin' : 'organisationId',
    );
  if (input.platformAdmin && input.role !== 'admin') throw badRequest('platformAdmin: only an admin account administers the platform', 'platformAdmin');
  if (!(await deps.records.getOrganisation(organisationId))) throw badRequest(`organisationId: no organisation "${organisationId}"`, 'organisationId');
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await deps.records.createUser({
      id: randomUUID(),
      username: input.username,
      name: input.name,
      role: input.role,
      passwordHash,
      organisationId,
      platformAdmin: input.platformAdmin ?? false,
    });
    await deps.audit.record(actor, { action: 'create', outcome: 'success', object: 'user', detail: user.id });
    return toPublicUser(user);
  } catch (error) {
    if (error instanceof DuplicateError) throw conflict(`username: "${input.username}" is already taken`, 'username');
    throw error;
  }
}
