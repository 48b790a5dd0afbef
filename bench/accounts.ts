import type { Logger } from 'pino';
import { Audit, type AuditActor } from '../server/audit/Audit.ts';
import { hashPassword } from '../server/auth/passwords.ts';
import { TokenService } from '../server/auth/tokens.ts';
import { createCase } from '../server/commands/createCase.ts';
import { seedDemo } from '../server/seed.ts';
import type { Stores } from '../server/store/ports.ts';
import type { Role } from '../shared/roles.ts';

/**
 * Accounts for the benchmark: N cases, each with its own BA and VA. Users are
 * written with the admin command line's store calls but share one password
 * hash: scrypt at N=2^17 costs about 0.35 s a hash here, and hashing (and
 * logging in) 2N users one by one would take minutes of the 10-minute budget.
 * Tokens are issued with the server's own TokenService and JWT_SECRET, so the
 * server checks each one exactly as it checks a login's token (signature,
 * expiry, revocation, user, membership); one real login over HTTP is checked
 * as well (run.ts).
 */
export const BENCH_PASSWORD = 'bench-password-1';
export const BENCH_JWT_SECRET = 'bench-secret-that-is-at-least-32-characters-long';
const ACTOR: AuditActor = { userId: null, username: 'bench', role: 'admin', ip: 'bench', userAgent: 'bench' };

export interface Physician {
  userId: string;
  username: string;
  role: Role;
}

export interface Consultation {
  caseId: string;
  ba: Physician;
  va: Physician;
}

export async function provision(stores: Stores, log: Logger, count: number): Promise<Consultation[]> {
  await seedDemo(stores);
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const audit = new Audit(stores.audit, log);
  const consultations: Consultation[] = [];
  for (let i = 0; i < count; i++) {
    const ba = await createPhysician(stores, `bench.ba${i}`, 'bedrijfsarts', passwordHash);
    const va = await createPhysician(stores, `bench.va${i}`, 'verzekeringsarts', passwordHash);
    const caseId = `bench${i}`;
    await createCase(
      { records: stores.records, audit, templates: stores.templates },
      ACTOR,
      {
        title: `Benchmark ${i}`,
        employeePseudonym: `WN-BENCH-${i}`,
        employer: 'Benchmark B.V.',
        firstSickDay: '2026-01-05',
        ba: ba.username,
        va: va.username,
      },
      caseId,
    );
    consultations.push({ caseId, ba, va });
  }
  return consultations;
}

async function createPhysician(stores: Stores, username: string, role: Role, passwordHash: string): Promise<Physician> {
  const user = await stores.records.createUser({ id: crypto.randomUUID(), username, name: username, role, passwordHash });
  return { userId: user.id, username, role };
}

const tokens = new TokenService(BENCH_JWT_SECRET, 3600);

export function tokenFor(physician: Physician): string {
  return tokens.issue(physician.userId, physician.role).token;
}
