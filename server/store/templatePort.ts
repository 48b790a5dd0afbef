import type { AssessmentTemplate } from '../../shared/template/types.ts';

/**
 * The template versions an operator imported (docs/templates.md). The shipped
 * versions are not stored: every store knows them from the repository
 * (shared/template/versions/). A version, once added, never changes, so a
 * node may keep what it read for as long as it runs.
 */
export interface TemplateStore {
  /** Adds a version; false (and nothing changes) when the number is taken. */
  add(template: AssessmentTemplate, importedAt: string): Promise<boolean>;
  /** The version as imported, as stored JSON (the catalog validates it again at load); null when there is none. */
  get(version: number): Promise<unknown>;
  /** Every imported version's number, ascending. */
  versions(): Promise<number[]>;
}
