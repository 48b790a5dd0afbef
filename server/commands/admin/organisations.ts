import { randomUUID } from 'node:crypto';
import type { AdminOrganisation, CreateOrganisationInput, UpdateOrganisationInput } from '../../../shared/organisations.ts';
import { AppError, conflict } from '../../errors.ts';
import { inScope, requirePlatform, type AdminActor } from '../../policies/organisationScope.ts';
import { DuplicateError, type OrganisationRecord } from '../../store/ports.ts';
import type { CommandDeps } from '../deps.ts';

type Deps = Pick<CommandDeps, 'records' | 'audit'>;

/** An organisation for the administrator's screens: the issuer's client secret stays on the server. */
export function toAdminOrganisation(organisation: OrganisationRecord): AdminOrganisation {
  const { oidc } = organisation;
  return {
    id: organisation.id,
    name: organisation.name,
    kind: organisation.kind,
    mfaRequired: organisation.mfaRequired,
    sso: oidc
      ? {
          discoveryUrl: oidc.discoveryUrl,
          clientId: oidc.clientId,
          usernameClaim: oidc.usernameClaim,
          allowedRoles: oidc.allowedRoles,
          justInTimeRole: oidc.justInTimeRole,
        }
      : null,
    createdAt: organisation.createdAt,
  };
}

/** The organisations the administrator manages: all for the platform, their own otherwise. Audited as a read. */
export async function listOrganisations(deps: Deps, actor: AdminActor): Promise<AdminOrganisation[]> {
  const organisations = (await deps.records.listOrganisations()).filter((o) => inScope(actor.scope, o.id));
  await deps.audit.record(actor, { action: 'read', outcome: 'success', object: 'organisation-list', detail: `${organisations.length} organisations` });
  return organisations.map(toAdminOrganisation);
}

/** A new organisation (platform administrators only). */
export async function createOrganisation(deps: Deps, actor: AdminActor, input: CreateOrganisationInput): Promise<AdminOrganisation> {
  requirePlatform(actor.scope, 'create an organisation');
  try {
    const created = await deps.records.createOrganisation({ id: randomUUID(), ...input });
    await deps.audit.record(actor, { action: 'create', outcome: 'success', object: 'organisation', detail: created.id });
    return toAdminOrganisation(created);
  } catch (error) {
    if (error instanceof DuplicateError) throw conflict(`name: "${input.name}" is already an organisation`, 'name');
    throw error;
  }
}

export interface OrganisationTarget {
  organisationId: string;
  actor: AdminActor;
}

/**
 * Changes an organisation. Its own administrator may require a second factor
 * and set its issuer; renaming is the platform's. Audited with the names of
 * the fields changed, never a secret.
 */
export async function updateOrganisation(deps: Deps, target: OrganisationTarget, input: UpdateOrganisationInput): Promise<AdminOrganisation> {
  const { actor, organisationId } = target;
  if (!inScope(actor.scope, organisationId) || !(await deps.records.getOrganisation(organisationId)))
    throw new AppError(404, 'organisation.not-found', 'No such organisation');
  if (input.name !== undefined) requirePlatform(actor.scope, 'rename an organisation');
  try {
    const changed = await deps.records.updateOrganisation(organisationId, input);
    if (!changed) throw new AppError(404, 'organisation.not-found', 'No such organisation');
    await deps.audit.record(actor, {
      action: 'write',
      outcome: 'success',
      object: 'organisation',
      detail: `${organisationId}:${Object.keys(input).sort().join(',')}`,
    });
    return toAdminOrganisation(changed);
  } catch (error) {
    if (error instanceof DuplicateError) throw conflict(`name: "${input.name}" is already an organisation`, 'name');
    throw error;
  }
}
