import { summaryOf, type AssessmentTemplate, type TemplateSummary } from '../../shared/template/index.ts';
import { checkTemplate } from '../../shared/template/schema.ts';
import { SHIPPED_TEMPLATES } from '../../shared/template/shipped.ts';
import type { TemplateStore } from '../store/templatePort.ts';

/**
 * Every template version the workspace knows (docs/templates.md): the ones
 * shipped in the repository and the ones an operator imported into the store.
 * Versions never change once they exist, so each node keeps what it read.
 */

const SHIPPED = new Map(SHIPPED_TEMPLATES.map((template) => [template.version, template]));
const read = new WeakMap<TemplateStore, Map<number, AssessmentTemplate>>();

/** A stored version that no longer passes the checks (edited under the store): a fault to report, not a case to serve. */
export class InvalidStoredTemplateError extends Error {
  constructor(
    readonly version: number,
    readonly problems: string[],
  ) {
    super(`Stored template version ${version} is invalid: ${problems.join('; ')}`);
  }
}

export class UnknownTemplateError extends Error {
  constructor(readonly version: number) {
    super(`There is no template version ${version}`);
  }
}

/** A version, validated again when it is read from the store; null when neither shipped nor imported. */
export async function findTemplate(store: TemplateStore, version: number): Promise<AssessmentTemplate | null> {
  const shipped = SHIPPED.get(version);
  if (shipped) return shipped;
  let cache = read.get(store);
  if (!cache) read.set(store, (cache = new Map()));
  const known = cache.get(version);
  if (known) return known;
  const stored = await store.get(version);
  if (stored === null) return null;
  const check = checkTemplate(stored);
  if (!check.ok) throw new InvalidStoredTemplateError(version, check.problems);
  cache.set(version, check.template);
  return check.template;
}

/** A version a case names: its absence is a fault of the data, never of the request. */
export async function templateOf(store: TemplateStore, version: number): Promise<AssessmentTemplate> {
  const template = await findTemplate(store, version);
  if (!template) throw new UnknownTemplateError(version);
  return template;
}

/** Every version's number, shipped and imported, ascending. */
export async function templateVersions(store: TemplateStore): Promise<number[]> {
  return [...new Set([...SHIPPED.keys(), ...(await store.versions())])].sort((a, b) => a - b);
}

/** The version a new case gets: the highest number. */
export async function newestTemplate(store: TemplateStore): Promise<AssessmentTemplate> {
  return templateOf(store, (await templateVersions(store)).at(-1)!);
}

/** The versions as GET /api/templates lists them. */
export async function listTemplates(store: TemplateStore): Promise<TemplateSummary[]> {
  return Promise.all((await templateVersions(store)).map(async (version) => summaryOf(await templateOf(store, version))));
}

export type TemplateImport = { ok: true; template: AssessmentTemplate } | { ok: false; problems: string[] };

/** Adds a version from a parsed JSON file: refused with every problem named, or when the number exists (shipped ones too). */
export async function importTemplate(store: TemplateStore, value: unknown, now = new Date()): Promise<TemplateImport> {
  const check = checkTemplate(value);
  if (!check.ok) return check;
  const taken = { ok: false as const, problems: [`version: ${check.template.version} exists; a version never changes, give the file a new number`] };
  if (SHIPPED.has(check.template.version)) return taken;
  return (await store.add(check.template, now.toISOString())) ? check : taken;
}
