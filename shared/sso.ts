/**
 * Single sign-on through an organisation's OpenID Connect issuer
 * (docs/security.md, "Single sign-on"): the login page's list, and the
 * reasons a sign-in through an issuer is refused, which the callback puts in
 * the login page's address and the page shows in words.
 */

/** A row of GET /api/auth/sso: an organisation whose accounts may sign in through its issuer. */
export interface SsoOrganisation {
  organisationId: string;
  name: string;
}

/** Why a sign-in through an issuer was refused; stable ids (audit detail `sso:<reason>`, the login page's `?sso-error=`). */
export const SSO_FAILURES = [
  /** The issuer's person has no account in the workspace, and the organisation creates none just in time. */
  'unknown-user',
  /** The username is an account of another organisation: never a match. */
  'other-organisation',
  /** The account's role is not among the organisation's allowed roles. */
  'role-not-allowed',
  'deactivated',
  /** No sign-in was started in this browser, it expired, or its state does not match the answer. */
  'state-mismatch',
  /** The same answer came a second time. */
  'replayed',
  /** The ID token is not for the sign-in this browser started. */
  'nonce-mismatch',
  /** The issuer's claim that names the account is missing, or is no valid username. */
  'claim-missing',
  /** The issuer answered with an error (the person cancelled, say) or refused the code. */
  'issuer-refused',
  /** Discovery or the token request did not get through. */
  'issuer-unreachable',
  /** The organisation does not exist or has no issuer (any more). */
  'not-configured',
] as const;
export type SsoFailure = (typeof SSO_FAILURES)[number];

/** The query parameter of the login page that carries a refusal's reason. */
export const SSO_FAILURE_PARAM = 'sso-error';

export function isSsoFailure(value: unknown): value is SsoFailure {
  return typeof value === 'string' && (SSO_FAILURES as readonly string[]).includes(value);
}
