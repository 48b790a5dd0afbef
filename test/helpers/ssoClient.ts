/**
 * Walks a single sign-on as a browser would, without one: follows the
 * redirects by hand (so a test can change an address on the way), keeps each
 * host's cookies, and fills in the test provider's login form.
 */
export class SsoWalker {
  private readonly jars = new Map<string, Map<string, string>>();

  /** GET without following redirects; cookies sent and kept per host. */
  async get(url: string): Promise<Response> {
    return this.send(url, { method: 'GET' });
  }

  /** The redirect target of a response (absolute). */
  static locationOf(response: Response, base: string): string {
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) throw new Error(`expected a redirect, got ${response.status}`);
    return new URL(location, base).href;
  }

  /**
   * From the issuer's authorization address to the workspace's callback
   * address: the provider's login form filled in with `login`. Returns the
   * callback address with the code, not yet visited.
   */
  async signInAtProvider(authorizationUrl: string, login: string): Promise<string> {
    let url = authorizationUrl;
    for (let step = 0; step < MAX_PROVIDER_STEPS; step++) {
      const response = await this.get(url);
      if (response.status === 200) {
        const html = await response.text();
        const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
        if (!action || !html.includes('name="login"')) throw new Error(`unexpected provider page at ${url}`);
        const posted = await this.send(new URL(action, url).href, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ prompt: 'login', login, password: 'any' }).toString(),
        });
        url = SsoWalker.locationOf(posted, url);
        continue;
      }
      const next = SsoWalker.locationOf(response, url);
      if (new URL(next).origin !== new URL(authorizationUrl).origin) return next;
      url = next;
    }
    throw new Error('the provider did not send the browser back');
  }

  /** The value of a cookie this walker holds for the host of `url`. */
  cookie(url: string, name: string): string | null {
    return this.jars.get(new URL(url).host)?.get(name) ?? null;
  }

  setCookie(url: string, name: string, value: string | null): void {
    const jar = this.jarOf(url);
    if (value === null) jar.delete(name);
    else jar.set(name, value);
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    const jar = this.jarOf(url);
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { Cookie: cookie } : {}) },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index).trim();
      const value = pair!.slice(index + 1).trim();
      const expired = attributes.some((attribute) => /^\s*expires=/i.test(attribute) && Date.parse(attribute.split('=')[1]!) <= Date.now());
      if (!value || expired) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  }

  private jarOf(url: string): Map<string, string> {
    const host = new URL(url).host;
    let jar = this.jars.get(host);
    if (!jar) this.jars.set(host, (jar = new Map()));
    return jar;
  }
}

/** Redirects and forms at the provider before it sends the browser back: a handful; more is a loop. */
const MAX_PROVIDER_STEPS = 10;
