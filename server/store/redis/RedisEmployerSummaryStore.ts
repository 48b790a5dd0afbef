import type { Redis } from 'ioredis';
import {
  copySections,
  type EmployerSummaryStore,
  type NewSummaryRelease,
  type StoredSummaryDraft,
  type StoredSummaryRelease,
  type SummaryAuthor,
  type SummaryReleaseMeta,
} from '../employerSummaryPort.ts';

/**
 * Lua: numbers and stores a release in one step, so that two nodes releasing
 * at once get distinct numbers. Releases are never removed, so the count is
 * the last number. Returns the new version.
 * KEYS: the case's releases hash. ARGV: the release JSON.
 */
const RELEASE = `
local version = redis.call('HLEN', KEYS[1]) + 1
if redis.call('HSETNX', KEYS[1], tostring(version), ARGV[1]) == 0 then
  return redis.error_reply('employer summary release ' .. version .. ' exists')
end
return version
`;

interface ReleaseCommands {
  cwReleaseEmployerSummary(releasesKey: string, json: string): Promise<number>;
}

/** A release as stored: its number is the hash field. */
interface ReleaseJson {
  releasedAt: string;
  releasedBy: SummaryAuthor;
  sections: Record<string, string>;
}

/**
 * The employer summaries in Redis. Keys, after the prefix:
 * - `employer-summary-draft:{caseId}` the draft as JSON
 * - `employer-summary-releases:{caseId}` hash version -> release JSON; only the script above writes it, never twice to one field
 */
export class RedisEmployerSummaryStore implements EmployerSummaryStore {
  private readonly redis: Redis & ReleaseCommands;
  private readonly key;

  constructor(redis: Redis, prefix: string) {
    redis.defineCommand('cwReleaseEmployerSummary', { numberOfKeys: 1, lua: RELEASE });
    this.redis = redis as Redis & ReleaseCommands;
    this.key = {
      draft: (caseId: string) => `${prefix}employer-summary-draft:${caseId}`,
      releases: (caseId: string) => `${prefix}employer-summary-releases:${caseId}`,
    };
  }

  async saveDraft(draft: StoredSummaryDraft): Promise<void> {
    await this.redis.set(this.key.draft(draft.caseId), JSON.stringify({ ...draft, sections: copySections(draft.sections) }));
  }

  async getDraft(caseId: string): Promise<StoredSummaryDraft | null> {
    const json = await this.redis.get(this.key.draft(caseId));
    if (json === null) return null;
    const draft = JSON.parse(json) as StoredSummaryDraft;
    return { caseId, sections: copySections(draft.sections), updatedAt: draft.updatedAt, updatedBy: author(draft.updatedBy) };
  }

  async release(release: NewSummaryRelease): Promise<StoredSummaryRelease> {
    const stored: ReleaseJson = { releasedAt: release.releasedAt, releasedBy: author(release.releasedBy), sections: copySections(release.sections) };
    const version = await this.redis.cwReleaseEmployerSummary(this.key.releases(release.caseId), JSON.stringify(stored));
    return { caseId: release.caseId, version, ...stored };
  }

  async listReleases(caseId: string): Promise<SummaryReleaseMeta[]> {
    const all = await this.redis.hgetall(this.key.releases(caseId));
    return Object.entries(all)
      .map(([version, json]) => parseRelease(caseId, Number(version), json))
      .sort((a, b) => a.version - b.version)
      .map(({ sections: _sections, ...meta }) => meta);
  }

  async latestRelease(caseId: string): Promise<StoredSummaryRelease | null> {
    const key = this.key.releases(caseId);
    // Releases are numbered without gaps and never removed: the count names the newest.
    const count = await this.redis.hlen(key);
    if (count === 0) return null;
    const json = await this.redis.hget(key, String(count));
    return json === null ? null : parseRelease(caseId, count, json);
  }
}

function author(by: SummaryAuthor): SummaryAuthor {
  return { userId: by.userId, name: by.name };
}

function parseRelease(caseId: string, version: number, json: string): StoredSummaryRelease {
  const release = JSON.parse(json) as ReleaseJson;
  return { caseId, version, releasedAt: release.releasedAt, releasedBy: author(release.releasedBy), sections: copySections(release.sections) };
}
