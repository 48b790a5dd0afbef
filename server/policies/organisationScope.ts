import type { AuditActor } from '../audit/Audit.ts';
import { AppError } from '../errors.ts';
import type { UserRecord } from '../store/ports.ts';

/**
 * What an administrator manages (docs/security.md, "Organisations"): a
 * platform administrator every organisation and its accounts; an
 * organisation's administrator only the accounts of their own organisation,
 * and the cases one of whose physicians belongs to it.
 */
export type AdminScope = { platform: true } | { platform: false; organisationId: string };

/** An administrator acting: who (for the audit) and what they manage. */
export interface AdminActor extends AuditActor {
  scope: AdminScope;
}

export const PLATFORM_SCOPE: AdminScope = { platform: true };

export function scopeOf(user: Pick<UserRecord, 'platformAdmin' | 'organisationId'>): AdminScope {
  return user.platformAdmin ? PLATFORM_SCOPE : { platform: false, organisationId: user.organisationId };
}

export function inScope(scope: AdminScope, organisationId: string): boolean {
  return scope.platform || scope.organisationId === organisationId;
}

/** The organisation filter of what an administrator lists: none for the platform. */
export const organisationFilter = (scope: AdminScope): string | undefined => (scope.platform ? undefined : scope.organisationId);

/** A user outside the administrator's organisation is answered as if it did not exist (nothing about it leaks). */
export function userInScope(scope: AdminScope, user: UserRecord | null): UserRecord {
  if (!user || !inScope(scope, user.organisationId)) throw new AppError(404, 'user.not-found', 'No such user');
  return user;
}

/** Only a platform administrator (403 `organisation.platform-only`). */
export function requirePlatform(scope: AdminScope, what: string): void {
  if (!scope.platform) throw new AppError(403, 'organisation.platform-only', `Only a platform administrator may ${what}`);
}
