import v1 from './versions/v1.json' with { type: 'json' };
import { checkTemplate } from './schema.ts';
import type { AssessmentTemplate } from './types.ts';

/**
 * The template versions shipped in the repository (shared/template/versions/),
 * validated like an imported file. Every store knows them without an import;
 * an operator adds later versions with `npm run admin -- import-template`.
 */
export const SHIPPED_TEMPLATES: readonly AssessmentTemplate[] = [v1].map((file) => {
  const check = checkTemplate(file);
  if (!check.ok) throw new Error(`shipped template ${String(file.version)} is invalid: ${check.problems.join('; ')}`);
  return check.template;
});

/** The shipped v1: the ids and labels of the external contract (docs/contract.md). */
export const TEMPLATE_V1: AssessmentTemplate = SHIPPED_TEMPLATES[0]!;
