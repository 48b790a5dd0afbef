/** Why a version was taken: by hand, or automatically at a moment of the consultation. */
export type VersionReason = 'manual' | 'agreement' | 'dispute_closed' | 'session_concluded' | 'milestone';

export interface VersionMeta {
  /** Chosen by the caller (a UUID), so that it can be logged and announced before the store answers. */
  id: string;
  caseId: string;
  /** When it was taken: an ISO UTC timestamp as Date.toISOString writes it (versions are ordered by it). */
  at: string;
  /** The week of sickness at `at`. */
  week: number;
  label: string;
  reason: VersionReason;
  /**
   * Who took it: the user of a manual version, the user whose action caused an
   * automatic one, the user whose visit took a milestone version; null when
   * no user caused it (a server job).
   */
  by: { userId: string; name: string } | null;
  /** The Poortwachter week of a milestone version. */
  milestone?: number;
}

/** Each document's full state (Y.encodeStateAsUpdate) at the version's moment. */
export interface VersionStates {
  occupational: Uint8Array;
  insurance: Uint8Array;
  joint: Uint8Array;
}

export interface NewVersion extends VersionMeta {
  states: VersionStates;
}

export interface StoredVersion extends VersionMeta {
  states: VersionStates;
}

/**
 * Immutable versions of a case's three documents. There is no update or
 * delete: a version is evidence of what stood at a moment. The stored bytes
 * are copies, so a caller reusing its arrays changes nothing stored.
 */
export interface VersionStore {
  /** Stores the version; throws DuplicateError when its id is taken (by any case). */
  add(version: NewVersion): Promise<VersionMeta>;
  /**
   * Stores the version unless the case already holds one taken under `key`
   * (e.g. `milestone:6`), atomically even when several nodes race: then
   * nothing is stored and the existing version's meta is returned.
   */
  addOnce(key: string, version: NewVersion): Promise<{ version: VersionMeta; created: boolean }>;
  /** The case's versions, newest first (by `at`, then the last stored first), without their states. */
  list(caseId: string): Promise<VersionMeta[]>;
  /** The version with its states; null when unknown or of another case. */
  get(caseId: string, versionId: string): Promise<StoredVersion | null>;
}
