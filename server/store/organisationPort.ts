import type { OidcSettings, OrganisationKind } from '../../shared/organisations.ts';

/** Organisations as the record store keeps them (RecordStore's organisation methods, docs/domain.md#organisations). */
export interface OrganisationRecord {
  id: string;
  name: string;
  kind: OrganisationKind;
  /** A password alone never yields a session for this organisation's accounts. */
  mfaRequired: boolean;
  oidc: OidcSettings | null;
  createdAt: string;
}

export type NewOrganisation = Omit<OrganisationRecord, 'createdAt'>;
export type OrganisationChange = Partial<Pick<OrganisationRecord, 'name' | 'mfaRequired' | 'oidc'>>;
