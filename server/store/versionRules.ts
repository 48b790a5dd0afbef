import type { NewVersion, VersionMeta, VersionStates } from './ports.ts';

/**
 * What every VersionStore adapter checks and copies the same way, so that the
 * three keep one contract.
 */

/**
 * Refuses a version whose `at` is not an ISO UTC timestamp as Date.toISOString
 * writes it: the adapters order by it (SQLite as text, Redis as a score), and
 * only that one form orders the same both ways.
 */
export function checkNewVersion(version: NewVersion): void {
  const time = Date.parse(version.at);
  if (Number.isNaN(time) || new Date(time).toISOString() !== version.at) throw new RangeError(`version ${version.id}: at must be an ISO UTC timestamp`);
  if (!Number.isInteger(version.week)) throw new RangeError(`version ${version.id}: week must be a whole number`);
}

/** The idempotency key of an addOnce must name something. */
export function checkOnceKey(key: string): void {
  if (key === '') throw new RangeError('an addOnce key must not be empty');
}

/** The meta of a version alone, without an absent milestone (so that it reads back equal from every adapter). */
export function metaOf(version: VersionMeta): VersionMeta {
  const { id, caseId, at, week, label, reason, by, milestone } = version;
  const meta: VersionMeta = { id, caseId, at, week, label, reason, by: by ? { userId: by.userId, name: by.name } : null };
  if (milestone !== undefined) meta.milestone = milestone;
  return meta;
}

/** Fresh copies of the three states: neither the caller's arrays nor the stored ones are shared. */
export function copyStates(states: VersionStates): VersionStates {
  return { occupational: states.occupational.slice(), insurance: states.insurance.slice(), joint: states.joint.slice() };
}
