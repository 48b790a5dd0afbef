import type { CaseMember, CaseSummary, PublicUser } from '../../shared/api.ts';
import type { CaseRecord, MemberRecord, RecordStore, UserRecord } from '../store/ports.ts';

export function toPublicUser(user: UserRecord): PublicUser {
  return { id: user.id, username: user.username, name: user.name, role: user.role };
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
  return {
    id: record.id,
    title: record.title,
    employeePseudonym: record.employeePseudonym,
    employer: record.employer,
    firstSickDay: record.firstSickDay,
    templateVersion: record.templateVersion,
    members: named,
  };
}
