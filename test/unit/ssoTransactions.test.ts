import { describe, expect, it } from 'vitest';
import { SSO_TRANSACTION_TTL_SECONDS, SsoTransactions } from '../../server/auth/sso/ssoTransactions.ts';

const SECRET = 'a-session-secret-long-enough-for-the-test';
const FIELDS = { organisationId: 'demo-arbo', state: 'state-value', nonce: 'nonce-value', verifier: 'verifier-value' };

/** The started sign-in's cookie: only this workspace's untouched, unexpired seal opens. */
describe('SSO transaction cookie', () => {
  it('opens what it sealed, until it expires', () => {
    let now = 1_700_000_000;
    const transactions = new SsoTransactions(SECRET, () => now);
    const transaction = transactions.create(FIELDS);
    expect(transaction).toMatchObject({ ...FIELDS, exp: now + SSO_TRANSACTION_TTL_SECONDS });
    const sealed = transactions.seal(transaction);
    expect(transactions.open(sealed)).toEqual(transaction);
    now += SSO_TRANSACTION_TTL_SECONDS - 1;
    expect(transactions.open(sealed)).toEqual(transaction);
    now += 1;
    expect(transactions.open(sealed)).toBeNull();
  });

  it('each transaction has its own id, so that it can be used once', () => {
    const transactions = new SsoTransactions(SECRET);
    expect(transactions.create(FIELDS).id).not.toBe(transactions.create(FIELDS).id);
  });

  it('refuses a changed body, a changed signature, another secret and what is not a seal', () => {
    const transactions = new SsoTransactions(SECRET);
    const sealed = transactions.seal(transactions.create(FIELDS));
    const [body, signature] = sealed.split('.') as [string, string];
    const changed = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), state: 'chosen' })).toString('base64url');
    expect(transactions.open(`${changed}.${signature}`)).toBeNull();
    expect(transactions.open(`${body}.${signature.slice(0, -2)}AA`)).toBeNull();
    expect(new SsoTransactions(`${SECRET}-other`).open(sealed)).toBeNull();
    for (const value of [null, '', 'no-dot', `${sealed}.extra`, `${body}.`, 'x'.repeat(5000)]) expect(transactions.open(value)).toBeNull();
  });

  it('refuses a well-signed value without the fields', () => {
    const transactions = new SsoTransactions(SECRET);
    const sealed = transactions.seal({ ...transactions.create(FIELDS), nonce: 42 } as never);
    expect(transactions.open(sealed)).toBeNull();
  });
});
