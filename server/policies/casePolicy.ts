import type { CaseRole } from '../../shared/roles.ts';
import type { MemberRecord, UserRecord } from '../store/ports.ts';

/** The user's role in a case, or null when they are not a member. */
export function caseRoleOf(user: Pick<UserRecord, 'id'>, members: MemberRecord[]): CaseRole | null {
  return members.find((member) => member.userId === user.id)?.caseRole ?? null;
}

/**
 * Members see their cases. An administrator sees the case record (to manage
 * membership) but is never a member, so never reaches the documents.
 */
export function canReadCase(user: Pick<UserRecord, 'id' | 'role'>, members: MemberRecord[]): boolean {
  return user.role === 'admin' || caseRoleOf(user, members) !== null;
}

export function canAdminister(user: Pick<UserRecord, 'role'>): boolean {
  return user.role === 'admin';
}
