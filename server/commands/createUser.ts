import { randomUUID } from 'node:crypto';
import type { PublicUser } from '../../shared/api.ts';
import type { CreateUserInput } from '../../shared/schemas.ts';
import type { AuditActor } from '../audit/Audit.ts';
import { hashPassword } from '../auth/passwords.ts';
import { conflict } from '../errors.ts';
import { DuplicateError } from '../store/ports.ts';
import type { CommandDeps } from './deps.ts';
import { toPublicUser } from './views.ts';

/** Creates an account (administrators, and the admin command line). */
export async function createUser(deps: Pick<CommandDeps, 'records' | 'audit'>, actor: AuditActor, input: CreateUserInput): Promise<PublicUser> {
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await deps.records.createUser({ id: randomUUID(), username: input.username, name: input.name, role: input.role, passwordHash });
    await deps.audit.record(actor, { action: 'create', outcome: 'success', object: 'user', detail: user.id });
    return toPublicUser(user);
  } catch (error) {
    if (error instanceof DuplicateError) throw conflict(`username: "${input.username}" is already taken`, 'username');
    throw error;
  }
}
