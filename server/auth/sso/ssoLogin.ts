import { randomUUID } from 'node:crypto';
import * as oidc from 'openid-client';
import type { Logger } from 'pino';
import { MAX_DISPLAY_NAME_CHARS, MAX_USERNAME_CHARS } from '../../../shared/limits.ts';
import type { OidcSettings } from '../../../shared/organisations.ts';
import { Username } from '../../../shared/schemas.ts';
import type { SsoFailure, SsoOrganisation } from '../../../shared/sso.ts';
import type { Audit, AuditActor } from '../../audit/Audit.ts';
import { DuplicateError, type OrganisationRecord, type RecordStore, type UserRecord } from '../../store/ports.ts';
import { errorCode, IssuerUnreachableError, type Issuers } from './issuers.ts';
import { sameString, type SsoTransaction, type SsoTransactions } from './ssoTransactions.ts';

/** What an account created just in time holds instead of a password hash: no password ever matches it (server/auth/passwords.ts reads only `scrypt$…`). */
export const SSO_ONLY_PASSWORD = 'sso-only';

/** The scopes asked of the issuer: the ID token, and the claims a username or a name may come from. */
const SSO_SCOPES = 'openid profile email';

/** What the sign-in flow uses; built once by the routes. */
export interface SsoDeps {
  records: RecordStore;
  audit: Audit;
  issuers: Issuers;
  transactions: SsoTransactions;
  /** `<public origin>/api/auth/sso/callback`: the only redirect URI the workspace registers with an issuer. */
  redirectUri: () => string;
  log: Logger;
}

export type SsoOutcome = { ok: true; user: UserRecord } | { ok: false; reason: SsoFailure };

/** The organisations whose accounts may sign in through their issuer, by name (the login page's buttons). */
export async function ssoOrganisations(records: RecordStore): Promise<SsoOrganisation[]> {
  const organisations = await records.listOrganisations();
  return organisations.filter((organisation) => organisation.oidc !== null).map(({ id, name }) => ({ organisationId: id, name }));
}

/**
 * Starts a sign-in at the organisation's issuer: the address to send the
 * browser to (authorization code flow, PKCE S256, state and nonce) and the
 * transaction the callback checks the answer against.
 */
export async function startSso(
  deps: SsoDeps,
  organisationId: string,
  origin: AuditActor,
): Promise<{ ok: true; location: string; transaction: SsoTransaction } | { ok: false; reason: SsoFailure }> {
  const organisation = await deps.records.getOrganisation(organisationId);
  if (!organisation?.oidc) return refuseAnonymous(deps, origin, 'not-configured');
  const config = await issuerOf(deps, organisation.id, organisation.oidc);
  if (!config) return refuseAnonymous(deps, origin, 'issuer-unreachable');
  const verifier = oidc.randomPKCECodeVerifier();
  const transaction = deps.transactions.create({ organisationId: organisation.id, state: oidc.randomState(), nonce: oidc.randomNonce(), verifier });
  const location = oidc.buildAuthorizationUrl(config, {
    redirect_uri: deps.redirectUri(),
    scope: SSO_SCOPES,
    state: transaction.state,
    nonce: transaction.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  return { ok: true, location: location.href, transaction };
}

/**
 * Checks the issuer's answer at the callback and finds the account: the
 * state against this browser's transaction (used once), the code exchanged
 * with the PKCE verifier, the ID token (issuer, audience, expiry, nonce), the
 * configured claim, then the account by that username in the transaction's
 * organisation only, its activity and role; an account is created just in
 * time only when the organisation sets a role for it. Every outcome is
 * audited (`detail: sso:<reason>`), never with a token or a code.
 */
export async function finishSso(deps: SsoDeps, callbackUrl: URL, sealed: string | null, origin: AuditActor): Promise<SsoOutcome> {
  const transaction = deps.transactions.open(sealed);
  const state = callbackUrl.searchParams.get('state');
  if (!transaction || state === null || !sameString(state, transaction.state)) return refuseAnonymous(deps, origin, 'state-mismatch');
  if (await deps.records.isTokenRevoked(transaction.id)) return refuseAnonymous(deps, origin, 'replayed');
  await deps.records.revokeToken(transaction.id, transaction.exp);

  const organisation = await deps.records.getOrganisation(transaction.organisationId);
  if (!organisation?.oidc) return refuseAnonymous(deps, origin, 'not-configured');
  if (callbackUrl.searchParams.has('error')) return refuseAnonymous(deps, origin, 'issuer-refused');
  const config = await issuerOf(deps, organisation.id, organisation.oidc);
  if (!config) return refuseAnonymous(deps, origin, 'issuer-unreachable');

  const grant = await exchange(deps, config, callbackUrl, transaction);
  if (!grant.ok) return refuseAnonymous(deps, origin, grant.reason);
  const claims = await claimsOf(deps, config, grant.tokens, organisation.oidc.usernameClaim);
  const username = Username.safeParse(claims[organisation.oidc.usernameClaim]);
  if (!username.success) return refuseAnonymous(deps, origin, 'claim-missing');
  return matchAccount(deps, organisation, username.data, displayName(claims), origin);
}

async function matchAccount(deps: SsoDeps, organisation: OrganisationRecord, username: string, name: string | null, origin: AuditActor): Promise<SsoOutcome> {
  const settings = organisation.oidc!;
  let user = await deps.records.findUserByUsername(username);
  // The row belongs to the organisation whose issuer signed the person in (its administrator reads it).
  const attempt: AuditActor = {
    ...origin,
    username: username.slice(0, MAX_USERNAME_CHARS),
    userId: user?.id ?? null,
    role: user?.role ?? null,
    organisationId: organisation.id,
  };
  if (user && user.organisationId !== organisation.id) return refuse(deps, { ...attempt, userId: null, role: null }, 'other-organisation');
  if (!user) {
    if (!settings.justInTimeRole) return refuse(deps, attempt, 'unknown-user');
    user = await createJustInTime(deps, organisation, settings.justInTimeRole, username, name, origin);
    if (!user) return refuse(deps, attempt, 'other-organisation');
  }
  const account: AuditActor = { ...attempt, userId: user.id, role: user.role };
  if (user.deactivatedAt !== null) return refuse(deps, account, 'deactivated');
  if (!settings.allowedRoles.includes(user.role)) return refuse(deps, account, 'role-not-allowed');
  await deps.audit.record({ ...account, username: user.username }, { action: 'login', outcome: 'success', object: 'session', detail: 'sso' });
  return { ok: true, user };
}

/** The account for a person the issuer knows and the workspace does not; null when another organisation took the username meanwhile. */
async function createJustInTime(
  deps: SsoDeps,
  organisation: OrganisationRecord,
  role: UserRecord['role'],
  username: string,
  name: string | null,
  origin: AuditActor,
): Promise<UserRecord | null> {
  try {
    const user = await deps.records.createUser({
      id: randomUUID(),
      username,
      name: name ?? username,
      role,
      passwordHash: SSO_ONLY_PASSWORD,
      organisationId: organisation.id,
    });
    await deps.audit.record(
      { ...origin, userId: user.id, username: user.username, role: user.role, organisationId: user.organisationId },
      { action: 'create', outcome: 'success', object: 'user', detail: `${user.id} sso-just-in-time` },
    );
    return user;
  } catch (error) {
    if (!(error instanceof DuplicateError)) throw error;
    const existing = await deps.records.findUserByUsername(username);
    return existing?.organisationId === organisation.id ? existing : null;
  }
}

type Tokens = Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;

async function exchange(
  deps: SsoDeps,
  config: oidc.Configuration,
  callbackUrl: URL,
  transaction: SsoTransaction,
): Promise<{ ok: true; tokens: Tokens } | { ok: false; reason: SsoFailure }> {
  try {
    const tokens = await oidc.authorizationCodeGrant(
      config,
      callbackUrl,
      { pkceCodeVerifier: transaction.verifier, expectedState: transaction.state, expectedNonce: transaction.nonce, idTokenExpected: true },
      { redirect_uri: deps.redirectUri() },
    );
    return { ok: true, tokens };
  } catch (error) {
    const reason = grantFailure(error);
    deps.log.warn({ cat: 'sso', organisationId: transaction.organisationId, code: errorCode(error), reason }, 'sso code exchange refused');
    return { ok: false, reason };
  }
}

/**
 * The ID token's claims, completed from the userinfo endpoint when the claim
 * naming the account or the name is not in it (issuers that keep profile
 * claims out of the ID token). The ID token's values win.
 */
async function claimsOf(deps: SsoDeps, config: oidc.Configuration, tokens: Tokens, claimName: string): Promise<Record<string, unknown>> {
  const claims = tokens.claims();
  if (!claims) return {};
  if ((claims[claimName] !== undefined && claims.name !== undefined) || !config.serverMetadata().userinfo_endpoint) return claims;
  try {
    return { ...(await oidc.fetchUserInfo(config, tokens.access_token, claims.sub)), ...claims };
  } catch (error) {
    deps.log.warn({ cat: 'sso', code: errorCode(error) }, 'sso userinfo request failed');
    return claims;
  }
}

function displayName(claims: Record<string, unknown>): string | null {
  const name = claims.name;
  return typeof name === 'string' && name.trim() ? name.trim().slice(0, MAX_DISPLAY_NAME_CHARS) : null;
}

/** The reason for a refused exchange: a nonce that is not this sign-in's, an issuer that did not answer, or any other refusal. */
function grantFailure(error: unknown): SsoFailure {
  if (claimOfComparison(error) === 'nonce') return 'nonce-mismatch';
  const code = errorCode(error);
  if (error instanceof TypeError || code === 'OAUTH_TIMEOUT' || code === 'OAUTH_ABORT') return 'issuer-unreachable';
  return 'issuer-refused';
}

/** openid-client wraps a failed claim comparison twice: ClientError → OperationProcessingError → { claim }. */
function claimOfComparison(error: unknown): string | null {
  let cause: unknown = error;
  for (let depth = 0; depth < 3 && cause && typeof cause === 'object'; depth++) {
    if ('claim' in cause && typeof cause.claim === 'string') return cause.claim;
    cause = 'cause' in cause ? cause.cause : null;
  }
  return null;
}

async function issuerOf(deps: SsoDeps, organisationId: string, settings: OidcSettings): Promise<oidc.Configuration | null> {
  try {
    return await deps.issuers.configFor(organisationId, settings);
  } catch (error) {
    if (!(error instanceof IssuerUnreachableError)) throw error;
    deps.log.warn({ cat: 'sso', organisationId, code: error.code }, 'sso issuer unreachable');
    return null;
  }
}

/** A refusal before the issuer named anyone: summed like other anonymous refusals (server/audit/AnonymousRefusals.ts). */
async function refuseAnonymous(deps: SsoDeps, origin: AuditActor, reason: SsoFailure): Promise<{ ok: false; reason: SsoFailure }> {
  await deps.audit.recordRefusal(origin, { action: 'login', outcome: 'denied', object: 'session', detail: `sso:${reason}` });
  return { ok: false, reason };
}

async function refuse(deps: SsoDeps, attempt: AuditActor, reason: SsoFailure): Promise<{ ok: false; reason: SsoFailure }> {
  await deps.audit.record(attempt, { action: 'login', outcome: 'failure', object: 'session', detail: `sso:${reason}` });
  return { ok: false, reason };
}
