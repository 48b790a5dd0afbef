import { z } from 'zod';
import {
  ID_PATTERN,
  MAX_CASE_TITLE_CHARS,
  MAX_DISPLAY_NAME_CHARS,
  MAX_EMPLOYER_CHARS,
  MAX_PASSWORD_CHARS,
  MAX_PSEUDONYM_CHARS,
  MAX_USERNAME_CHARS,
  MIN_USERNAME_CHARS,
} from './limits.ts';
import { PASSWORD_RULE, passwordProblem } from './passwordRule.ts';
import { ROLES } from './roles.ts';

/** Request bodies of the HTTP API, validated on the server (docs/security.md). */

/** Text that must not be blank, at most `max` characters once trimmed. */
export const RequiredText = (max: number) => z.string().trim().min(1, 'required').max(max);

/** A route parameter that must be an id (ID_PATTERN); `name` says which in the refusal ("not a dispute id"). */
export const IdParam = (name: string) => z.string().regex(ID_PATTERN, `not a ${name} id`);

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    new RegExp(`^[a-z0-9._-]{${MIN_USERNAME_CHARS},${MAX_USERNAME_CHARS}}$`),
    `${MIN_USERNAME_CHARS}–${MAX_USERNAME_CHARS} characters: letters, digits, dot, dash or underscore`,
  );

export const LoginInput = z.object({
  /** Account name, case-insensitive. */
  username: RequiredText(MAX_USERNAME_CHARS),
  /** Password as typed. */
  password: z.string().min(1, 'required').max(MAX_PASSWORD_CHARS),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const CreateUserInput = z
  .object({
    /** Login name. */
    username: Username,
    /** Display name shown to the other physician. */
    name: RequiredText(MAX_DISPLAY_NAME_CHARS),
    role: z.enum(ROLES, { message: `one of ${ROLES.join(', ')}` }),
    /** At least 10 characters, and passing the password rule (passwordRule.ts); stored only as a scrypt hash. */
    password: z.string().min(PASSWORD_RULE.minLength, `at least ${PASSWORD_RULE.minLength} characters`).max(MAX_PASSWORD_CHARS),
    /** The organisation that owns the account; by default the administrator's own. */
    organisationId: z.string().regex(ID_PATTERN, 'not an organisation id').optional(),
    /** Only a platform administrator creates another (role admin). */
    platformAdmin: z.boolean().optional(),
  })
  .superRefine(({ username, password }, context) => {
    const problem = passwordProblem(password, username);
    if (problem) context.addIssue({ code: 'custom', path: ['password'], message: problem });
  });
export type CreateUserInput = z.infer<typeof CreateUserInput>;

/** A calendar date, YYYY-MM-DD, that exists. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'not a valid date');

export const CreateCaseInput = z.object({
  /** Short working title; no names or diagnoses. */
  title: RequiredText(MAX_CASE_TITLE_CHARS),
  /** Pseudonymous employee reference; never a BSN or a name. */
  employeePseudonym: RequiredText(MAX_PSEUDONYM_CHARS).refine((value) => !/^\d{8,9}$/.test(value.replace(/[\s.-]/g, '')), 'looks like a BSN; use a pseudonym'),
  /** Employer's name. */
  employer: RequiredText(MAX_EMPLOYER_CHARS),
  /** First day of sickness. */
  firstSickDay: IsoDate.refine((value) => value <= new Date().toISOString().slice(0, 10), 'cannot be in the future'),
  /** Username of the bedrijfsarts. */
  ba: Username,
  /** Username of the verzekeringsarts. */
  va: Username,
});
export type CreateCaseInput = z.infer<typeof CreateCaseInput>;

export const CaseIdParam = IdParam('case');

/** The language of an exported report (`?lang=`): Dutch unless English is asked for. */
export const ExportLangQuery = z.enum(['nl', 'en'], { message: 'nl or en' }).default('nl');
