import type { Redis } from 'ioredis';
import type { SecondFactorStore, StoredTotpFactor, TotpConfirmation } from '../secondFactorPort.ts';

/** Lua: opens an enrolment unless a confirmed factor exists. KEYS: factor hash, recovery set. ARGV: sealed secret, createdAt. Returns 1 or 0. */
const BEGIN = `
if redis.call('HEXISTS', KEYS[1], 'confirmedAt') == 1 then return 0 end
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('HSET', KEYS[1], 'sealedSecret', ARGV[1], 'createdAt', ARGV[2])
return 1`;

/** Lua: confirms the open enrolment holding this secret. KEYS: factor hash, recovery set. ARGV: sealed secret, confirmedAt, time step, code hashes… */
const CONFIRM = `
if redis.call('HEXISTS', KEYS[1], 'confirmedAt') == 1 then return 0 end
if redis.call('HGET', KEYS[1], 'sealedSecret') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'confirmedAt', ARGV[2], 'lastTimeStep', ARGV[3])
redis.call('DEL', KEYS[2])
for i = 4, #ARGV do redis.call('SADD', KEYS[2], ARGV[i]) end
return 1`;

/** Lua: takes a time step later than the last. KEYS: factor hash. ARGV: time step. */
const USE_STEP = `
if redis.call('HEXISTS', KEYS[1], 'confirmedAt') == 0 then return 0 end
local last = redis.call('HGET', KEYS[1], 'lastTimeStep')
if last and tonumber(last) >= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'lastTimeStep', ARGV[1])
return 1`;

/** Lua: takes a recovery code of a confirmed factor. KEYS: factor hash, recovery set. ARGV: code hash. */
const USE_CODE = `
if redis.call('HEXISTS', KEYS[1], 'confirmedAt') == 0 then return 0 end
return redis.call('SREM', KEYS[2], ARGV[1])`;

interface FactorCommands {
  cwBeginTotp(factorKey: string, recoveryKey: string, sealedSecret: string, createdAt: string): Promise<number>;
  cwConfirmTotp(factorKey: string, recoveryKey: string, ...args: string[]): Promise<number>;
  cwUseTimeStep(factorKey: string, timeStep: string): Promise<number>;
  cwUseRecoveryCode(factorKey: string, recoveryKey: string, codeHash: string): Promise<number>;
}

/**
 * The second factors in Redis. Keys, after the prefix:
 * - `totp:{userId}` hash sealedSecret, createdAt, confirmedAt (once confirmed), lastTimeStep
 * - `totp-recovery:{userId}` set of the unused recovery codes' hashes
 * Every check-and-change is one script, so nodes racing with one code cannot both take it.
 */
export class RedisSecondFactorStore implements SecondFactorStore {
  private readonly redis: Redis & FactorCommands;
  private readonly key;

  constructor(redis: Redis, prefix: string) {
    redis.defineCommand('cwBeginTotp', { numberOfKeys: 2, lua: BEGIN });
    redis.defineCommand('cwConfirmTotp', { numberOfKeys: 2, lua: CONFIRM });
    redis.defineCommand('cwUseTimeStep', { numberOfKeys: 1, lua: USE_STEP });
    redis.defineCommand('cwUseRecoveryCode', { numberOfKeys: 2, lua: USE_CODE });
    this.redis = redis as Redis & FactorCommands;
    this.key = {
      factor: (userId: string) => `${prefix}totp:${userId}`,
      recovery: (userId: string) => `${prefix}totp-recovery:${userId}`,
    };
  }

  async getTotp(userId: string): Promise<StoredTotpFactor | null> {
    const [[, fields], [, left]] = (await this.redis.multi().hgetall(this.key.factor(userId)).scard(this.key.recovery(userId)).exec()) as [
      [Error | null, Record<string, string>],
      [Error | null, number],
    ];
    if (!fields.sealedSecret || !fields.createdAt) return null;
    return {
      userId,
      sealedSecret: fields.sealedSecret,
      createdAt: fields.createdAt,
      confirmedAt: fields.confirmedAt ?? null,
      lastTimeStep: fields.lastTimeStep === undefined ? null : Number(fields.lastTimeStep),
      recoveryCodesLeft: left,
    };
  }

  async beginTotp(userId: string, sealedSecret: string, createdAt: string): Promise<boolean> {
    return (await this.redis.cwBeginTotp(this.key.factor(userId), this.key.recovery(userId), sealedSecret, createdAt)) === 1;
  }

  async confirmTotp(userId: string, confirmation: TotpConfirmation): Promise<boolean> {
    const args = [confirmation.sealedSecret, confirmation.confirmedAt, String(confirmation.timeStep), ...confirmation.recoveryCodeHashes];
    return (await this.redis.cwConfirmTotp(this.key.factor(userId), this.key.recovery(userId), ...args)) === 1;
  }

  async useTimeStep(userId: string, timeStep: number): Promise<boolean> {
    return (await this.redis.cwUseTimeStep(this.key.factor(userId), String(timeStep))) === 1;
  }

  async useRecoveryCode(userId: string, codeHash: string): Promise<boolean> {
    return (await this.redis.cwUseRecoveryCode(this.key.factor(userId), this.key.recovery(userId), codeHash)) === 1;
  }

  async removeTotp(userId: string): Promise<boolean> {
    return (await this.redis.del(this.key.factor(userId), this.key.recovery(userId))) > 0;
  }
}
