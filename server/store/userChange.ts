import type { UserChange } from './ports.ts';

/** The fields a change sets: one left undefined stays as it is (RecordStore.updateUser). */
export function definedFields(change: UserChange): UserChange {
  return Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)) as UserChange;
}
