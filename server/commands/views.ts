import type { CaseMember, CaseSummary, PublicUser } from '../../shared/api.ts';
import type { CaseRecord, MemberRecord, RecordStore, UserRecord } from '../store/ports.ts';

export function toPublicUser(user: UserRecord): PublicUser {
  return { id: user.id, username: user.username, name: user.name, role: user.role };
}

/** What names a case wherever it is shown or printed: its title, the employee's pseudonym, the employer, the first sick day, its template. */
export function caseHeaderOf(record: CaseRecord): Omit<CaseSummary, 'members'> {
  const { id, title, employeePseudonym, employer, firstSickDay, templateVersion } = record;
  return { id, title, employeePseudonym, employer, firstSickDay, templateVersion };
}

/** A case as the API shows it, with its members' display names. */
export async function toCaseSummary(records: RecordStore, record: CaseRecord, members: MemberRecord[]): Promise<CaseSummary> {
  const named: CaseMember[] = await Promise.all(
    members.map(async (member) => ({
      userId: member.userId,
      name: (await records.findUserById(member.userId))?.name ?? '—',
      caseRole: member.caseRole,
    })),
  );
  return { ...caseHeaderOf(record), members: named };
}
