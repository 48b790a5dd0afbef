import type { Redis } from 'ioredis';
import type { AssessmentTemplate } from '../../../shared/template/types.ts';
import type { TemplateStore } from '../templatePort.ts';

/**
 * Imported template versions in Redis: the hash `templates` (after the
 * prefix), version -> JSON, written only with HSETNX so a version is never
 * replaced.
 */
export class RedisTemplateStore implements TemplateStore {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.key = `${prefix}templates`;
  }

  async add(template: AssessmentTemplate): Promise<boolean> {
    return (await this.redis.hsetnx(this.key, String(template.version), JSON.stringify(template))) === 1;
  }

  async get(version: number): Promise<unknown> {
    const json = await this.redis.hget(this.key, String(version));
    return json === null ? null : JSON.parse(json);
  }

  async versions(): Promise<number[]> {
    return (await this.redis.hkeys(this.key)).map(Number).sort((a, b) => a - b);
  }
}
