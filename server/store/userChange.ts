import { DEFAULT_ORGANISATION_ID } from '../../shared/organisations.ts';
import type { NewUser, OrganisationChange, UserChange, UserRecord } from './ports.ts';

/** The fields a change sets: one left undefined stays as it is (RecordStore.updateUser, updateOrganisation). */
export function definedFields<C extends UserChange | OrganisationChange>(change: C): C {
  return Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)) as C;
}

/** The account a new user is stored as (RecordStore.createUser): active, session version 0, the default organisation unless given. */
export function newUserRecord(user: NewUser, createdAt: string): UserRecord {
  return {
    ...user,
    organisationId: user.organisationId ?? DEFAULT_ORGANISATION_ID,
    platformAdmin: user.platformAdmin ?? false,
    createdAt,
    deactivatedAt: null,
    sessionVersion: 0,
  };
}
