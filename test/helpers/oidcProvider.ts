import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type ProviderContext, type ProviderGrant } from 'oidc-provider';
import type { OidcSettings } from '../../shared/organisations.ts';
import { closeWhenDone } from './cleanup.ts';

export const TEST_CLIENT_ID = 'consultatiewerkplek';
export const TEST_CLIENT_SECRET = 'test-client-secret-of-the-workspace';

/** A person the provider knows: the account id typed into its login form, and the claims it gives. */
export interface ProviderPerson {
  preferred_username?: string;
  email?: string;
  name?: string;
}

export interface TestOidcProvider {
  /** The issuer identifier, `http://127.0.0.1:<port>`. */
  issuer: string;
  /** Settings for an organisation that uses this provider. */
  settings(overrides?: Partial<OidcSettings>): OidcSettings;
  /** How many times its discovery document was fetched. */
  discoveries(): number;
  /** Stops answering (the issuer is unreachable) until closed for good. */
  close(): Promise<void>;
}

/**
 * A real OpenID provider (oidc-provider 8) on 127.0.0.1, port 0, with its
 * development login form (any password; the login names the person) and
 * consent given for the workspace's client, so that signing in is one form.
 * A person not in `people` gets `preferred_username` = their login.
 */
export async function startOidcProvider(redirectUri: string, people: Record<string, ProviderPerson> = {}): Promise<TestOidcProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider: Provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT_ID,
        client_secret: TEST_CLIENT_SECRET,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'] },
    cookies: { keys: ['test-provider-cookie-key'] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, id) {
      const person = people[id] ?? { preferred_username: id };
      return { accountId: id, claims: () => ({ sub: id, ...person }) };
    },
    // The workspace is the organisation's own application: no consent screen.
    async loadExistingGrant(ctx: ProviderContext): Promise<ProviderGrant | undefined> {
      const accountId = ctx.oidc.session?.accountId;
      if (!accountId || !ctx.oidc.client) return undefined;
      const grant: ProviderGrant = new provider.Grant({ accountId, clientId: ctx.oidc.client.clientId });
      grant.addOIDCScope('openid profile email');
      await grant.save();
      return grant;
    },
  });
  let discoveries = 0;
  server.on('request', (req: IncomingMessage) => {
    if (req.url?.startsWith('/.well-known/openid-configuration')) discoveries++;
  });
  server.on('request', provider.callback());
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  closeWhenDone(close);
  return {
    issuer,
    settings: (overrides = {}) => ({
      discoveryUrl: issuer,
      clientId: TEST_CLIENT_ID,
      clientSecret: TEST_CLIENT_SECRET,
      usernameClaim: 'preferred_username',
      allowedRoles: ['bedrijfsarts', 'verzekeringsarts'],
      justInTimeRole: null,
      ...overrides,
    }),
    discoveries: () => discoveries,
    close,
  };
}
