import { auditStoreContract } from './auditStoreContract.ts';
import { commentCommitContract } from './commentCommitContract.ts';
import { commentStoreContract } from './commentStoreContract.ts';
import { docStoreContract } from './docStoreContract.ts';
import { employerSummaryContract } from './employerSummaryContract.ts';
import type { MakeStores } from './fixture.ts';
import { notificationStoreContract } from './notificationStoreContract.ts';
import { organisationContract } from './organisationContract.ts';
import { recordStoreContract } from './recordStoreContract.ts';
import { secondFactorContract } from './secondFactorContract.ts';
import { sessionStoreContract } from './sessionStoreContract.ts';
import { templateStoreContract } from './templateStoreContract.ts';
import { versionStoreContract } from './versionStoreContract.ts';
import { workflowIntegrityContract } from './workflowIntegrityContract.ts';
import { workflowStoreContract } from './workflowStoreContract.ts';

export {
  auditStoreContract,
  commentCommitContract,
  commentStoreContract,
  docStoreContract,
  employerSummaryContract,
  notificationStoreContract,
  organisationContract,
  recordStoreContract,
  secondFactorContract,
  sessionStoreContract,
  templateStoreContract,
  versionStoreContract,
  workflowIntegrityContract,
  workflowStoreContract,
};
export type { MakeStores, StoreFixture } from './fixture.ts';

/** Every port's contract against one adapter (CONTRIBUTING.md, "Adding a store adapter"). */
export function storeContract(name: string, makeStores: MakeStores): void {
  docStoreContract(name, makeStores);
  recordStoreContract(name, makeStores);
  organisationContract(name, makeStores);
  auditStoreContract(name, makeStores);
  workflowStoreContract(name, makeStores);
  workflowIntegrityContract(name, makeStores);
  commentStoreContract(name, makeStores);
  commentCommitContract(name, makeStores);
  versionStoreContract(name, makeStores);
  employerSummaryContract(name, makeStores);
  notificationStoreContract(name, makeStores);
  secondFactorContract(name, makeStores);
  sessionStoreContract(name, makeStores);
  templateStoreContract(name, makeStores);
}
