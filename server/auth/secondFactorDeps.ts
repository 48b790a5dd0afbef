import type { SecondFactorStore } from '../store/ports.ts';
import type { RecordStore } from '../store/ports.ts';
import { LoginChallenges } from './loginChallenge.ts';
import { RecoveryCodes } from './recoveryCodes.ts';
import { SecretBox } from './secretBox.ts';
import { secondFactorPolicy, type SecondFactorPolicy } from './secondFactorPolicy.ts';

/** What the second-factor commands use (server/commands/secondFactor/). */
export interface SecondFactorDeps {
  store: SecondFactorStore;
  policy: SecondFactorPolicy;
  challenges: LoginChallenges;
  /** Seals the TOTP secrets at rest. */
  secrets: SecretBox;
  recoveryCodes: RecoveryCodes;
  /** Seconds since the epoch: the TOTP clock. */
  nowSeconds: () => number;
}

/** Built once by createApp, from the token secret (every key here is derived from it for its own purpose). */
export function createSecondFactorDeps(
  store: SecondFactorStore,
  records: Pick<RecordStore, 'getOrganisation'>,
  serverSecret: string,
  operatorRequires: boolean,
): SecondFactorDeps {
  return {
    store,
    policy: secondFactorPolicy(records, operatorRequires),
    challenges: new LoginChallenges(serverSecret),
    secrets: new SecretBox(serverSecret, 'totp-secret'),
    recoveryCodes: new RecoveryCodes(serverSecret),
    nowSeconds: () => Math.floor(Date.now() / 1000),
  };
}
