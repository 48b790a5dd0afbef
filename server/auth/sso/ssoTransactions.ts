import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

/** The cookie that carries a started sign-in from the start route to the callback. */
export const SSO_TRANSACTION_COOKIE = 'cw_sso';

/** How long a started sign-in may take at the issuer before its answer is refused. */
export const SSO_TRANSACTION_TTL_SECONDS = 10 * 60;

/** More than any sealed transaction needs (five short fields): a longer cookie is not read. */
const MAX_SEALED_CHARS = 2048;

/**
 * What the callback needs to check the issuer's answer: which organisation,
 * the state and nonce sent, and the PKCE verifier whose challenge was sent.
 * `id` makes a transaction single-use (it is marked used at the callback).
 */
export interface SsoTransaction {
  id: string;
  organisationId: string;
  state: string;
  nonce: string;
  verifier: string;
  /** Seconds since the epoch. */
  exp: number;
}

/**
 * Seals a started sign-in into an HMAC-signed cookie value, so that any node
 * can check the callback (no server-side session) and the browser cannot
 * change it. The key is derived from the session secret (JWT_SECRET) for this
 * purpose only. The values are not secret from the browser that started the
 * sign-in: PKCE protects the code against others, not against that browser.
 */
export class SsoTransactions {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly now: () => number = () => Math.floor(Date.now() / 1000),
  ) {
    this.key = createHmac('sha256', secret).update('consultation-workspace/sso-transaction/v1').digest();
  }

  create(fields: Omit<SsoTransaction, 'id' | 'exp'>): SsoTransaction {
    return { ...fields, id: randomUUID(), exp: this.now() + SSO_TRANSACTION_TTL_SECONDS };
  }

  seal(transaction: SsoTransaction): string {
    const body = Buffer.from(JSON.stringify(transaction)).toString('base64url');
    return `${body}.${this.sign(body).toString('base64url')}`;
  }

  /** The transaction of a well-signed, unexpired cookie value; null otherwise. */
  open(sealed: string | null): SsoTransaction | null {
    if (!sealed || sealed.length > MAX_SEALED_CHARS) return null;
    const [body, signature, extra] = sealed.split('.');
    if (!body || !signature || extra !== undefined) return null;
    const given = Buffer.from(signature, 'base64url');
    const expected = this.sign(body);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const transaction = parse(body);
    return transaction && transaction.exp > this.now() ? transaction : null;
  }

  private sign(body: string): Buffer {
    return createHmac('sha256', this.key).update(body).digest();
  }
}

function parse(body: string): SsoTransaction | null {
  try {
    const value = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<SsoTransaction>;
    const strings = [value.id, value.organisationId, value.state, value.nonce, value.verifier];
    return strings.every((field) => typeof field === 'string') && typeof value.exp === 'number' ? (value as SsoTransaction) : null;
  } catch {
    return null;
  }
}

/** Whether two strings are equal, in time that does not depend on where they differ. */
export function sameString(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
