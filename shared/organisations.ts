import { z } from 'zod';
import { ROLES, type Role } from './roles.ts';

/**
 * Organisations (docs/domain.md, "Organisations"): the arbodienst a
 * bedrijfsarts works for (or their own practice), UWV or the private insurer
 * a verzekeringsarts works for. An organisation owns its accounts; its
 * administrators manage only those.
 */
export const ORGANISATION_KINDS = ['arbodienst', 'uwv', 'verzekeraar', 'zelfstandig'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** The organisation existing accounts were moved into when organisations were introduced. */
export const DEFAULT_ORGANISATION_ID = 'default';

export const MAX_ORGANISATION_NAME_CHARS = 120;

/**
 * An organisation's OpenID Connect issuer, for "Inloggen via <organisatie>":
 * the discovery URL, the client registered with it, the ID token claim that
 * holds the workspace username, the account roles that may sign in this way,
 * and, when set, the role of an account created just in time for a person
 * the issuer knows and the workspace does not.
 */
export interface OidcSettings {
  discoveryUrl: string;
  clientId: string;
  clientSecret: string;
  usernameClaim: string;
  allowedRoles: Role[];
  justInTimeRole: Role | null;
}

/** An organisation as the administrator's screens show it (the OIDC client secret never leaves the server). */
export interface AdminOrganisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  mfaRequired: boolean;
  sso: { discoveryUrl: string; clientId: string; usernameClaim: string; allowedRoles: Role[]; justInTimeRole: Role | null } | null;
  createdAt: string;
}

const Name = z.string().trim().min(1, 'required').max(MAX_ORGANISATION_NAME_CHARS, `at most ${MAX_ORGANISATION_NAME_CHARS} characters`);
const Kind = z.enum(ORGANISATION_KINDS, { message: `one of ${ORGANISATION_KINDS.join(', ')}` });
const RoleField = z.enum(ROLES, { message: `one of ${ROLES.join(', ')}` });

export const OidcSettingsInput = z
  .object({
    discoveryUrl: z.url({ protocol: /^https?$/, message: 'an http(s) URL' }).max(500),
    clientId: z.string().min(1, 'required').max(200),
    clientSecret: z.string().min(1, 'required').max(500),
    usernameClaim: z.string().min(1, 'required').max(100).default('preferred_username'),
    allowedRoles: z.array(RoleField).min(1, 'at least one role').max(ROLES.length),
    justInTimeRole: RoleField.nullable().default(null),
  })
  .refine((oidc) => oidc.justInTimeRole === null || oidc.allowedRoles.includes(oidc.justInTimeRole), {
    path: ['justInTimeRole'],
    message: 'must be one of the allowed roles',
  });

/** POST /api/organisations (platform administrator). */
export const CreateOrganisationInput = z.object({
  name: Name,
  kind: Kind,
  mfaRequired: z.boolean().default(false),
  oidc: OidcSettingsInput.nullable().default(null),
});
export type CreateOrganisationInput = z.infer<typeof CreateOrganisationInput>;

/** PATCH /api/organisations/:organisationId: fields left out stay. */
export const UpdateOrganisationInput = z
  .object({ name: Name, mfaRequired: z.boolean(), oidc: OidcSettingsInput.nullable() })
  .partial()
  .refine((change) => Object.keys(change).length > 0, 'nothing to change');
export type UpdateOrganisationInput = z.infer<typeof UpdateOrganisationInput>;
