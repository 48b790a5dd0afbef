import type { SecondFactorStore, StoredTotpFactor, TotpConfirmation } from '../secondFactorPort.ts';

interface Entry {
  factor: Omit<StoredTotpFactor, 'recoveryCodesLeft'>;
  recoveryCodes: Set<string>;
}

/** The second factors in memory, for fast tests; not durable. Each method reads and writes without awaiting in between, so it is atomic. */
export class MemorySecondFactorStore implements SecondFactorStore {
  private readonly entries = new Map<string, Entry>();

  async getTotp(userId: string): Promise<StoredTotpFactor | null> {
    const entry = this.entries.get(userId);
    return entry ? { ...entry.factor, recoveryCodesLeft: entry.recoveryCodes.size } : null;
  }

  async beginTotp(userId: string, sealedSecret: string, createdAt: string): Promise<boolean> {
    if (this.entries.get(userId)?.factor.confirmedAt) return false;
    this.entries.set(userId, { factor: { userId, sealedSecret, createdAt, confirmedAt: null, lastTimeStep: null }, recoveryCodes: new Set() });
    return true;
  }

  async confirmTotp(userId: string, confirmation: TotpConfirmation): Promise<boolean> {
    const entry = this.entries.get(userId);
    if (!entry || entry.factor.confirmedAt !== null || entry.factor.sealedSecret !== confirmation.sealedSecret) return false;
    entry.factor = { ...entry.factor, confirmedAt: confirmation.confirmedAt, lastTimeStep: confirmation.timeStep };
    entry.recoveryCodes = new Set(confirmation.recoveryCodeHashes);
    return true;
  }

  async useTimeStep(userId: string, timeStep: number): Promise<boolean> {
    const entry = this.entries.get(userId);
    if (!entry?.factor.confirmedAt || (entry.factor.lastTimeStep !== null && timeStep <= entry.factor.lastTimeStep)) return false;
    entry.factor = { ...entry.factor, lastTimeStep: timeStep };
    return true;
  }

  async useRecoveryCode(userId: string, codeHash: string): Promise<boolean> {
    const entry = this.entries.get(userId);
    return Boolean(entry?.factor.confirmedAt) && entry!.recoveryCodes.delete(codeHash);
  }

  async removeTotp(userId: string): Promise<boolean> {
    return this.entries.delete(userId);
  }
}
