import { randomUUID } from 'node:crypto';
import { DEFAULT_ORGANISATION_ID } from '../shared/organisations.ts';
import type { Role } from '../shared/roles.ts';
import { newestTemplate } from './templates/catalog.ts';
import { hashPassword } from './auth/passwords.ts';
import { DuplicateError, type NewOrganisation, type Stores } from './store/ports.ts';

/** The demo's two organisations: the BA's arbodienst and the VA's UWV office. */
export const DEMO_ORGANISATIONS: readonly NewOrganisation[] = [
  { id: 'demo-arbo', name: 'Arbodienst Demo', kind: 'arbodienst', mfaRequired: false, oidc: null },
  { id: 'demo-uwv', name: 'UWV Demo', kind: 'uwv', mfaRequired: false, oidc: null },
];

/**
 * The demo users of docs/contract.md; each has the password `demo`. The
 * administrator stays in the default organisation and administers the
 * platform, so it manages every account as it did before organisations.
 */
export const DEMO_USERS: readonly { username: string; name: string; role: Role; organisationId: string; platformAdmin?: boolean }[] = [
  { username: 'ba.demo', name: 'Anna Bakker', role: 'bedrijfsarts', organisationId: 'demo-arbo' },
  { username: 'va.demo', name: 'Victor Visser', role: 'verzekeringsarts', organisationId: 'demo-uwv' },
  { username: 'reviewer.demo', name: 'Renée de Roos', role: 'verzekeringsarts', organisationId: 'demo-uwv' },
  { username: 'outsider.demo', name: 'Otto Oudeman', role: 'bedrijfsarts', organisationId: 'demo-arbo' },
  // Invited into nothing: a physician of the demo case invites them (docs/domain.md#the-arbeidsdeskundige).
  { username: 'ad.demo', name: 'Aart de Deskundige', role: 'arbeidsdeskundige', organisationId: 'demo-uwv' },
  { username: 'admin.demo', name: 'Beheerder', role: 'admin', organisationId: DEFAULT_ORGANISATION_ID, platformAdmin: true },
];

export const DEMO_PASSWORD = 'demo';
export const DEMO_CASE_ID = 'demo';

/** ISO date `weeks` weeks before `today`. */
function weeksAgo(today: Date, weeks: number): string {
  return new Date(today.getTime() - weeks * 7 * 24 * 3600 * 1000).toISOString().slice(0, 10);
}

/**
 * Seeds an empty store with the demo users and the demo case. Does nothing when
 * any user exists, so it never touches real data.
 */
export async function seedDemo(stores: Stores, today = new Date()): Promise<boolean> {
  if ((await stores.records.countUsers()) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ids = new Map<string, string>();
  try {
    for (const organisation of DEMO_ORGANISATIONS) await stores.records.createOrganisation(organisation);
    for (const user of DEMO_USERS) {
      const id = randomUUID();
      ids.set(user.username, id);
      await stores.records.createUser({ id, ...user, passwordHash });
    }
  } catch (error) {
    // Several nodes starting on one empty Redis: the first to create an organisation seeds, the others stand aside.
    if (error instanceof DuplicateError) return false;
    throw error;
  }
  await stores.records.createCase(
    {
      id: DEMO_CASE_ID,
      title: 'Magazijnmedewerker — terugkeer na uitval',
      employeePseudonym: 'WN-2026-0147',
      employer: 'Logistiek Noord B.V.',
      firstSickDay: weeksAgo(today, 36),
      templateVersion: (await newestTemplate(stores.templates)).version,
    },
    [
      { caseId: DEMO_CASE_ID, userId: ids.get('ba.demo')!, caseRole: 'ba' },
      { caseId: DEMO_CASE_ID, userId: ids.get('va.demo')!, caseRole: 'va' },
    ],
  );
  return true;
}

/**
 * The demo accounts present in the store. Their password is published (in
 * the README), so in production each is an open door: the boot warns.
 */
export async function demoAccountsIn(stores: Stores): Promise<string[]> {
  const found = await Promise.all(DEMO_USERS.map(async (user) => ((await stores.records.findUserByUsername(user.username)) ? user.username : null)));
  return found.filter((username): username is string => username !== null);
}
