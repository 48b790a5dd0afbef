import { z } from 'zod';
import type { SessionResponse } from './authSession.ts';

/** The second factor of local accounts (docs/security.md, "Second factor"): shapes and request schemas. */

/** Digits of a TOTP code (RFC 6238, as authenticator apps show them). */
export const TOTP_CODE_DIGITS = 6;
/** Recovery codes handed out at a confirmation, each valid once. */
export const RECOVERY_CODE_COUNT = 10;
/** A recovery code as shown: `xxxxx-xxxxx` (10 characters of a 32-letter alphabet, about 50 bits). */
export const RECOVERY_CODE_PATTERN = /^[a-z2-9]{5}-?[a-z2-9]{5}$/;
/** Longest code field accepted (a recovery code with its dash and some spaces). */
export const MAX_CODE_CHARS = 16;
/** Longest login challenge accepted. */
export const MAX_CHALLENGE_CHARS = 1024;

/** What the code field takes: 6 digits, or a recovery code; spaces are ignored, letters in any case. */
export const SecondFactorCode = z
  .string()
  .max(MAX_CODE_CHARS, `at most ${MAX_CODE_CHARS} characters`)
  .transform((code) => code.replace(/\s+/g, '').toLowerCase())
  .refine((code) => new RegExp(`^\\d{${TOTP_CODE_DIGITS}}$`).test(code) || RECOVERY_CODE_PATTERN.test(code), {
    message: `${TOTP_CODE_DIGITS} digits or a recovery code`,
  });

const Challenge = z.string().min(1, 'required').max(MAX_CHALLENGE_CHARS, `at most ${MAX_CHALLENGE_CHARS} characters`);

/** POST /api/auth/login/totp, POST /api/auth/login/enrol/confirm. */
export const ChallengeCodeInput = z.object({ challenge: Challenge, code: SecondFactorCode });
export type ChallengeCodeInput = z.infer<typeof ChallengeCodeInput>;

/** POST /api/auth/login/enrol. */
export const ChallengeInput = z.object({ challenge: Challenge });
export type ChallengeInput = z.infer<typeof ChallengeInput>;

/** POST /api/auth/totp/confirm, DELETE /api/auth/totp. */
export const CodeInput = z.object({ code: SecondFactorCode });
export type CodeInput = z.infer<typeof CodeInput>;

/**
 * A correct password that does not yet yield a session: `totp` asks for a
 * code of the confirmed factor, `enrol` for an enrolment first (the account's
 * organisation, or the operator, requires a second factor it does not have).
 */
export interface SecondFactorChallenge {
  secondFactor: 'totp' | 'enrol';
  /** Signed, short-lived; names the account. Not a session. */
  challenge: string;
  /** Seconds since the epoch after which the challenge is refused. */
  expiresAt: number;
}

/** What POST /api/auth/login answers: a session, or the second step. */
export type LoginAnswer = SessionResponse | SecondFactorChallenge;

export const isSecondFactorChallenge = (answer: LoginAnswer): answer is SecondFactorChallenge => 'secondFactor' in answer;

/** An enrolment begun: the secret for the authenticator app, as text, as an otpauth:// URL and as a QR code (SVG markup). */
export interface TotpEnrolment {
  secret: string;
  otpauthUrl: string;
  qrSvg: string;
}

/** A confirmed enrolment: the recovery codes, shown this once. */
export interface TotpConfirmed {
  recoveryCodes: string[];
}

/** GET /api/auth/totp: the account's second factor, without its secret. */
export interface SecondFactorStatus {
  totp: 'none' | 'pending' | 'confirmed';
  /** Whether the account's organisation or the operator requires a second factor. */
  required: boolean;
  recoveryCodesLeft: number;
}
