import type { RecordStore, UserRecord } from '../store/ports.ts';

/** Whether an account needs a second factor for a session: the one place that decides it. */
export interface SecondFactorPolicy {
  requiredFor(user: Pick<UserRecord, 'organisationId'>): Promise<boolean>;
}

/**
 * An account requires a second factor when the operator requires it of every
 * account (MFA_REQUIRED=true) or its organisation does (`mfaRequired`); then a
 * password alone never yields a session, and a session without a second factor
 * is refused on every channel (server/auth/Authenticator.ts).
 */
export function secondFactorPolicy(records: Pick<RecordStore, 'getOrganisation'>, operatorRequires: boolean): SecondFactorPolicy {
  return {
    async requiredFor(user) {
      if (operatorRequires) return true;
      return (await records.getOrganisation(user.organisationId))?.mfaRequired ?? false;
    },
  };
}

/** No account requires one (tests that build an Authenticator by hand). */
export const NO_SECOND_FACTOR_REQUIRED: SecondFactorPolicy = { requiredFor: async () => false };
