import { z } from 'zod';
import { CASE_ID_PATTERN } from './docNames.ts';
import { PASSWORD_RULE, passwordProblem } from './passwordRule.ts';
import { ROLES } from './roles.ts';

/** Request bodies of the HTTP API, validated on the server (DESIGN §6). */

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,64}$/, '3–64 characters: letters, digits, dot, dash or underscore');

export const LoginInput = z.object({
  /** Account name, case-insensitive. */
  username: z.string().trim().min(1, 'required').max(64),
  /** Password as typed. */
  password: z.string().min(1, 'required').max(1024),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const CreateUserInput = z
  .object({
    /** Login name. */
    username: Username,
    /** Display name shown to the other physician. */
    name: z.string().trim().min(1, 'required').max(120),
    role: z.enum(ROLES, { message: `one of ${ROLES.join(', ')}` }),
    /** At least 10 characters, and passing the password rule (passwordRule.ts); stored only as a scrypt hash. */
    password: z.string().min(PASSWORD_RULE.minLength, `at least ${PASSWORD_RULE.minLength} characters`).max(1024),
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
  title: z.string().trim().min(1, 'required').max(200),
  /** Pseudonymous employee reference; never a BSN or a name. */
  employeePseudonym: z
    .string()
    .trim()
    .min(1, 'required')
    .max(64)
    .refine((value) => !/^\d{8,9}$/.test(value.replace(/[\s.-]/g, '')), 'looks like a BSN; use a pseudonym'),
  /** Employer's name. */
  employer: z.string().trim().min(1, 'required').max(200),
  /** First day of sickness. */
  firstSickDay: IsoDate.refine((value) => value <= new Date().toISOString().slice(0, 10), 'cannot be in the future'),
  /** Username of the bedrijfsarts. */
  ba: Username,
  /** Username of the verzekeringsarts. */
  va: Username,
});
export type CreateCaseInput = z.infer<typeof CreateCaseInput>;

export const CaseIdParam = z.string().regex(CASE_ID_PATTERN, 'not a case id');
