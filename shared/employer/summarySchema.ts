import { z } from 'zod';
import { MAX_SUMMARY_SECTION_CHARS } from '../limits.ts';
import { SectionIdParam } from '../workflowSchemas.ts';

/**
 * `PUT /api/cases/:id/employer-summary`: the whole draft, section id -> the
 * BA's plain text. Which ids the case's template has is the server's check
 * (it depends on the case); the length is checked here and in the editor.
 */
export const EmployerSummaryInput = z
  .object({
    sections: z.record(SectionIdParam, z.string().max(MAX_SUMMARY_SECTION_CHARS, `at most ${MAX_SUMMARY_SECTION_CHARS} characters`)),
  })
  .strict();
export type EmployerSummaryInput = z.infer<typeof EmployerSummaryInput>;
