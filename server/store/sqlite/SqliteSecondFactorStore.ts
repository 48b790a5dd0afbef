import type { SecondFactorStore, StoredTotpFactor, TotpConfirmation } from '../secondFactorPort.ts';
import type { SqliteDatabase } from './openDatabase.ts';

interface FactorRow {
  user_id: string;
  sealed_secret: string;
  created_at: string;
  confirmed_at: string | null;
  last_time_step: number | null;
  recovery_codes_left: number;
}

/**
 * The second factors in the workspace database, on the main connection as
 * the records are (written seldom). Each change is one statement or one
 * transaction, so two nodes' logins cannot both take the same code.
 */
export class SqliteSecondFactorStore implements SecondFactorStore {
  private readonly sql;
  private readonly beginTx: (userId: string, sealedSecret: string, createdAt: string) => boolean;
  private readonly confirmTx: (userId: string, confirmation: TotpConfirmation) => boolean;
  private readonly removeTx: (userId: string) => boolean;

  constructor(db: SqliteDatabase) {
    this.sql = {
      get: db.prepare<[string], FactorRow>(
        `SELECT f.*, (SELECT COUNT(*) FROM totp_recovery_codes r WHERE r.user_id = f.user_id) AS recovery_codes_left
         FROM totp_factors f WHERE f.user_id = ?`,
      ),
      confirmed: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM totp_factors WHERE user_id = ? AND confirmed_at IS NOT NULL'),
      put: db.prepare(
        `INSERT INTO totp_factors (user_id, sealed_secret, created_at, confirmed_at, last_time_step) VALUES (?, ?, ?, NULL, NULL)
         ON CONFLICT (user_id) DO UPDATE SET sealed_secret = excluded.sealed_secret, created_at = excluded.created_at,
           confirmed_at = NULL, last_time_step = NULL`,
      ),
      confirm: db.prepare(
        `UPDATE totp_factors SET confirmed_at = ?, last_time_step = ?
         WHERE user_id = ? AND confirmed_at IS NULL AND sealed_secret = ?`,
      ),
      useStep: db.prepare(
        `UPDATE totp_factors SET last_time_step = ?
         WHERE user_id = ? AND confirmed_at IS NOT NULL AND (last_time_step IS NULL OR last_time_step < ?)`,
      ),
      useCode: db.prepare(
        `DELETE FROM totp_recovery_codes WHERE user_id = ? AND code_hash = ?
           AND EXISTS (SELECT 1 FROM totp_factors WHERE user_id = ? AND confirmed_at IS NOT NULL)`,
      ),
      clearCodes: db.prepare('DELETE FROM totp_recovery_codes WHERE user_id = ?'),
      addCode: db.prepare('INSERT INTO totp_recovery_codes (user_id, code_hash) VALUES (?, ?)'),
      remove: db.prepare('DELETE FROM totp_factors WHERE user_id = ?'),
    };
    this.beginTx = db.transaction((userId: string, sealedSecret: string, createdAt: string) => {
      if (this.sql.confirmed.get(userId)!.n > 0) return false;
      this.sql.clearCodes.run(userId);
      this.sql.put.run(userId, sealedSecret, createdAt);
      return true;
    });
    this.confirmTx = db.transaction((userId: string, confirmation: TotpConfirmation) => {
      const { changes } = this.sql.confirm.run(confirmation.confirmedAt, confirmation.timeStep, userId, confirmation.sealedSecret);
      if (changes !== 1) return false;
      this.sql.clearCodes.run(userId);
      for (const hash of new Set(confirmation.recoveryCodeHashes)) this.sql.addCode.run(userId, hash);
      return true;
    });
    this.removeTx = db.transaction((userId: string) => {
      this.sql.clearCodes.run(userId);
      return this.sql.remove.run(userId).changes > 0;
    });
  }

  async getTotp(userId: string): Promise<StoredTotpFactor | null> {
    const row = this.sql.get.get(userId);
    return row
      ? {
          userId: row.user_id,
          sealedSecret: row.sealed_secret,
          createdAt: row.created_at,
          confirmedAt: row.confirmed_at,
          lastTimeStep: row.last_time_step,
          recoveryCodesLeft: row.recovery_codes_left,
        }
      : null;
  }

  async beginTotp(userId: string, sealedSecret: string, createdAt: string): Promise<boolean> {
    return this.beginTx(userId, sealedSecret, createdAt);
  }

  async confirmTotp(userId: string, confirmation: TotpConfirmation): Promise<boolean> {
    return this.confirmTx(userId, confirmation);
  }

  async useTimeStep(userId: string, timeStep: number): Promise<boolean> {
    return this.sql.useStep.run(timeStep, userId, timeStep).changes === 1;
  }

  async useRecoveryCode(userId: string, codeHash: string): Promise<boolean> {
    return this.sql.useCode.run(userId, codeHash, userId).changes === 1;
  }

  async removeTotp(userId: string): Promise<boolean> {
    return this.removeTx(userId);
  }
}
