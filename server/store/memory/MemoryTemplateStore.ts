import type { AssessmentTemplate } from '../../../shared/template/types.ts';
import type { TemplateStore } from '../templatePort.ts';

/** Imported template versions in memory, for fast tests; kept as JSON so nothing shares an object with a caller. */
export class MemoryTemplateStore implements TemplateStore {
  private readonly byVersion = new Map<number, string>();

  async add(template: AssessmentTemplate): Promise<boolean> {
    if (this.byVersion.has(template.version)) return false;
    this.byVersion.set(template.version, JSON.stringify(template));
    return true;
  }

  async get(version: number): Promise<unknown> {
    const json = this.byVersion.get(version);
    return json === undefined ? null : JSON.parse(json);
  }

  async versions(): Promise<number[]> {
    return [...this.byVersion.keys()].sort((a, b) => a - b);
  }
}
