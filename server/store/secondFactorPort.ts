/**
 * The second factor of local accounts (docs/security.md, "Second factor"):
 * one TOTP factor per account (RFC 6238), first unconfirmed (enrolment
 * started), then confirmed with a code; the last time step a code was accepted
 * for, so that a code is taken once; and the hashes of one-time recovery codes.
 * The secret is stored sealed (server/auth/secretBox.ts) and never logged or
 * audited; recovery codes only as hashes.
 */
export interface StoredTotpFactor {
  userId: string;
  /** The TOTP secret as the server sealed it; never the plain secret. */
  sealedSecret: string;
  /** When the enrolment began (ISO). */
  createdAt: string;
  /** When a code confirmed it (ISO); null while the enrolment is open, and then it is not a factor yet. */
  confirmedAt: string | null;
  /** The last time step a code was accepted for; a code of that step or an earlier one is refused. */
  lastTimeStep: number | null;
  /** How many recovery codes are still unused. */
  recoveryCodesLeft: number;
}

/** What confirms an open enrolment. */
export interface TotpConfirmation {
  /** The sealed secret the confirming code was checked against: a newer enrolment in between wins. */
  sealedSecret: string;
  confirmedAt: string;
  /** The time step of the confirming code (taken, as any accepted code). */
  timeStep: number;
  /** Hashes of the new recovery codes; they replace any earlier ones. */
  recoveryCodeHashes: readonly string[];
}

export interface SecondFactorStore {
  getTotp(userId: string): Promise<StoredTotpFactor | null>;
  /**
   * Opens an enrolment with a new sealed secret, replacing an open one (and
   * its recovery codes); false, and nothing changes, when the account has a
   * confirmed factor.
   */
  beginTotp(userId: string, sealedSecret: string, createdAt: string): Promise<boolean>;
  /**
   * Confirms the open enrolment, atomically: true only when it is still open
   * and holds `sealedSecret`; false (nothing changes) otherwise.
   */
  confirmTotp(userId: string, confirmation: TotpConfirmation): Promise<boolean>;
  /**
   * Takes a time step of the confirmed factor, atomically: true when it is
   * later than the last one taken (which it becomes); false for a replay, or
   * without a confirmed factor.
   */
  useTimeStep(userId: string, timeStep: number): Promise<boolean>;
  /** Takes a recovery code of the confirmed factor by its hash, once: true the first time, false after that or for an unknown hash. */
  useRecoveryCode(userId: string, codeHash: string): Promise<boolean>;
  /** Removes the factor (open or confirmed) with its recovery codes; false when there was none. */
  removeTotp(userId: string): Promise<boolean>;
}
