import { createHash } from 'node:crypto';
import * as oidc from 'openid-client';
import type { OidcSettings } from '../../../shared/organisations.ts';

/** How long an issuer's discovery document is used before it is fetched again. */
export const SSO_DISCOVERY_TTL_MS = 5 * 60 * 1000;

/** How long a request to an issuer (discovery, token, userinfo) may take. */
export const SSO_ISSUER_TIMEOUT_SECONDS = 5;

/** Hosts an issuer may be reached on over plain http: only this machine (a test or a local provider); anything else needs https. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Discovery did not get through (or the issuer's address is not allowed): the sign-in is refused as `issuer-unreachable`. */
export class IssuerUnreachableError extends Error {
  constructor(readonly code: string) {
    super(`OpenID issuer unreachable: ${code}`);
  }
}

interface Entry {
  fingerprint: string;
  fetchedAt: number;
  config: oidc.Configuration;
}

/**
 * The openid-client configuration of each organisation's issuer, from its
 * discovery document, kept for SSO_DISCOVERY_TTL_MS. An entry is keyed by
 * the organisation and checked against a fingerprint of its settings, so a
 * changed discovery URL, client id or secret takes effect at the next sign-in.
 * A failed discovery is not kept.
 */
export class Issuers {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  async configFor(organisationId: string, settings: OidcSettings): Promise<oidc.Configuration> {
    const fingerprint = fingerprintOf(settings);
    const kept = this.entries.get(organisationId);
    if (kept && kept.fingerprint === fingerprint && this.now() - kept.fetchedAt < SSO_DISCOVERY_TTL_MS) return kept.config;
    const config = await discover(settings);
    this.entries.set(organisationId, { fingerprint, fetchedAt: this.now(), config });
    return config;
  }
}

async function discover(settings: OidcSettings): Promise<oidc.Configuration> {
  const url = new URL(settings.discoveryUrl);
  const insecure = url.protocol === 'http:';
  if (insecure && !LOOPBACK_HOSTS.has(url.hostname)) throw new IssuerUnreachableError('http-not-allowed');
  try {
    return await oidc.discovery(url, settings.clientId, { client_secret: settings.clientSecret }, oidc.ClientSecretBasic(settings.clientSecret), {
      timeout: SSO_ISSUER_TIMEOUT_SECONDS,
      ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
    });
  } catch (error) {
    throw new IssuerUnreachableError(errorCode(error));
  }
}

/** An error's code for the log (never its message, which may repeat a response). */
export function errorCode(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.name : 'unknown';
}

function fingerprintOf(settings: OidcSettings): string {
  return createHash('sha256')
    .update(JSON.stringify([settings.discoveryUrl, settings.clientId, settings.clientSecret]))
    .digest('hex');
}
