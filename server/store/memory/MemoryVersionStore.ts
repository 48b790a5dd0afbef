import { DuplicateError, type NewVersion, type StoredVersion, type VersionMeta, type VersionStore } from '../ports.ts';
import { checkNewVersion, checkOnceKey, copyStates, metaOf } from '../versionRules.ts';

interface Entry {
  version: StoredVersion;
  /** Insertion order, for versions taken at the same instant. */
  seq: number;
}

/**
 * Versions in memory for fast tests; not durable. Each method checks and
 * stores without awaiting in between, so a racing addOnce sees the other's
 * version. Byte arrays are copied in and out.
 */
export class MemoryVersionStore implements VersionStore {
  private readonly versions = new Map<string, Entry>();
  /** `<caseId> <key>` -> version id. */
  private readonly once = new Map<string, string>();

  async add(version: NewVersion): Promise<VersionMeta> {
    return this.store(version);
  }

  async addOnce(key: string, version: NewVersion): Promise<{ version: VersionMeta; created: boolean }> {
    checkOnceKey(key);
    const onceKey = `${version.caseId} ${key}`;
    const existing = this.once.get(onceKey);
    if (existing !== undefined) return { version: metaOf(this.versions.get(existing)!.version), created: false };
    const meta = this.store(version);
    this.once.set(onceKey, version.id);
    return { version: meta, created: true };
  }

  async list(caseId: string): Promise<VersionMeta[]> {
    return [...this.versions.values()]
      .filter((entry) => entry.version.caseId === caseId)
      .sort((a, b) => (a.version.at < b.version.at ? 1 : a.version.at > b.version.at ? -1 : b.seq - a.seq))
      .map((entry) => metaOf(entry.version));
  }

  async get(caseId: string, versionId: string): Promise<StoredVersion | null> {
    const entry = this.versions.get(versionId);
    if (!entry || entry.version.caseId !== caseId) return null;
    return { ...metaOf(entry.version), states: copyStates(entry.version.states) };
  }

  private store(version: NewVersion): VersionMeta {
    checkNewVersion(version);
    if (this.versions.has(version.id)) throw new DuplicateError('version id');
    const meta = metaOf(version);
    this.versions.set(version.id, { version: { ...meta, states: copyStates(version.states) }, seq: this.versions.size });
    return metaOf(meta);
  }
}
