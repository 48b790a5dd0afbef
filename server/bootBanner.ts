import type { Logger } from 'pino';
import { DEMO_PASSWORD, DEMO_USERS } from './seed.ts';

/** What the boot tells the person who started the server: where it runs and, while they exist, the demo logins. */
export function printBanner(url: string, demoAccounts: readonly string[]): void {
  const lines = [`\n  Consultatiewerkplek / consultation workspace: ${url}\n`];
  if (demoAccounts.length > 0) {
    lines.push(`  Demo logins (password "${DEMO_PASSWORD}"):`);
    for (const user of DEMO_USERS) if (demoAccounts.includes(user.username)) lines.push(`    ${user.username.padEnd(15)} ${user.role}`);
    lines.push('');
  }
  process.stderr.write(`${lines.join('\n')}\n`);
}

/**
 * In production, demo accounts with their published password must not exist:
 * said in the log (for whoever watches it) and on stderr (for whoever started
 * the server), every boot, until they are gone.
 */
export function warnDemoAccountsInProduction(log: Logger, demoAccounts: readonly string[]): void {
  log.error({ cat: 'boot', accounts: demoAccounts }, 'demo accounts with a published password exist in production');
  const rule = '!'.repeat(76);
  process.stderr.write(
    [
      '',
      rule,
      '  WARNING: NODE_ENV=production, and this store has the demo accounts',
      `  ${demoAccounts.join(', ')}`,
      `  whose password ("${DEMO_PASSWORD}") is published. Anyone can sign in with them.`,
      '  Start production on a fresh store with DEMO_SEED=false.',
      rule,
      '',
      '',
    ].join('\n'),
  );
}
