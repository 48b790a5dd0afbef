import { DEFAULT_ORGANISATION_ID } from '../../shared/organisations.ts';
import type { OrganisationRecord } from './ports.ts';

/**
 * The organisation every store holds from the start: the accounts made before
 * organisations existed were moved into it, and an account created without
 * one belongs to it.
 */
export function defaultOrganisation(createdAt = new Date(0).toISOString()): OrganisationRecord {
  return { id: DEFAULT_ORGANISATION_ID, name: 'Standaardorganisatie', kind: 'arbodienst', mfaRequired: false, oidc: null, createdAt };
}
