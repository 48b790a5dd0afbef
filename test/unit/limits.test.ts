import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CommentInput } from '../../shared/comments.ts';
import { exhaustive } from '../../shared/exhaustive.ts';
import * as limits from '../../shared/limits.ts';
import { CaseIdParam, LoginInput } from '../../shared/schemas.ts';
import {
  CancelSessionInput,
  DeclineSessionInput,
  DisputeIdParam,
  FlagInput,
  FormalRouteInput,
  FormalRouteOutcomeInput,
  OpenDisputeInput,
  OpinionInput,
  OutcomeInput,
  ReopenInput,
  SessionIdParam,
} from '../../shared/workflowSchemas.ts';

/**
 * The page's fields take these limits as maxLength; the schemas must refuse
 * exactly past them, or the browser and the server disagree on what fits.
 */
const TEXT_LIMITS: [string, z.ZodType, Record<string, unknown>, string, number][] = [
  ['flag rationale', FlagInput, { kind: 'hours' }, 'rationale', limits.MAX_RATIONALE_CHARS],
  ['reopen reason', ReopenInput, {}, 'reason', limits.MAX_REASON_CHARS],
  ['cancel reason', CancelSessionInput, {}, 'reason', limits.MAX_REASON_CHARS],
  ['decline reason', DeclineSessionInput, {}, 'reason', limits.MAX_DECLINE_REASON_CHARS],
  ['dispute question', OpenDisputeInput, { sections: ['d240'], reason: 'explicit' }, 'question', limits.MAX_QUESTION_CHARS],
  ['dispute explanation', OpenDisputeInput, { sections: ['d240'], reason: 'explicit', question: 'Q' }, 'explanation', limits.MAX_EXPLANATION_CHARS],
  ['reviewer opinion', OpinionInput, {}, 'text', limits.MAX_OPINION_CHARS],
  [
    'formal route question',
    FormalRouteInput,
    { kind: 'deskundigenoordeel', requestedBy: 'employer', requestedOn: '2026-01-05' },
    'question',
    limits.MAX_QUESTION_CHARS,
  ],
  ['formal route outcome', FormalRouteOutcomeInput, { decidedOn: '2026-01-05' }, 'text', limits.MAX_FORMAL_ROUTE_OUTCOME_CHARS],
  ['session notes', OutcomeInput, { section: 'd240', outcome: 'deferred' }, 'notes', limits.MAX_NOTES_CHARS],
  ['comment', CommentInput, {}, 'text', limits.MAX_COMMENT_CHARS],
  ['login username', LoginInput, { password: 'x' }, 'username', limits.MAX_USERNAME_CHARS],
  ['login password', LoginInput, { username: 'x' }, 'password', limits.MAX_PASSWORD_CHARS],
];

describe('named text limits', () => {
  it.each(TEXT_LIMITS)('%s: accepts its limit, refuses one character more', (_name, schema, rest, field, max) => {
    expect(schema.safeParse({ ...rest, [field]: 'x'.repeat(max) }).success).toBe(true);
    expect(schema.safeParse({ ...rest, [field]: 'x'.repeat(max + 1) }).success).toBe(false);
  });
});

describe('one id pattern', () => {
  it.each([
    ['case', CaseIdParam],
    ['dispute', DisputeIdParam],
    ['session', SessionIdParam],
  ] as const)('a %s id is up to MAX_ID_CHARS letters, digits, dash or underscore', (name, schema) => {
    expect(schema.safeParse('a'.repeat(limits.MAX_ID_CHARS)).success).toBe(true);
    for (const bad of ['', 'a'.repeat(limits.MAX_ID_CHARS + 1), 'a b', 'a/b', 'a.b']) {
      const result = schema.safeParse(bad);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(`not a ${name} id`);
    }
  });
});

describe('exhaustive', () => {
  it('names only the discriminant of a value outside its union, never the rest (it may be medical text)', () => {
    const stray = { type: 'disagreement.renamed', rationale: 'Belastbaar 4 uur' } as unknown as never;
    expect(() => exhaustive(stray)).toThrow('Unhandled case: type disagreement.renamed');
    expect(() => exhaustive(stray)).not.toThrow(/Belastbaar/);
  });
});
