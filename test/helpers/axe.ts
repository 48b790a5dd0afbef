import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Violations at these impacts fail the test; the others are listed in the test output. */
const BLOCKING = new Set(['serious', 'critical']);

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe-core in the page (WCAG 2.x A and AA, plus best practices). */
export async function scan(page: Page): Promise<Violation[]> {
  // The app's Content-Security-Policy forbids inline scripts (addScriptTag); evaluation through the
  // DevTools protocol is not subject to it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    // axe-core is injected above; its types are not part of the page's.
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    interface AxeViolation {
      id: string;
      impact: string | null;
      help: string;
      nodes: { target: unknown[] }[];
    }
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  });
}

/** Fails on serious and critical violations; reports the others so they are not lost. `where` names the screen. */
export function expectNothingSerious(where: string, violations: Violation[]): void {
  const minor = violations.filter((violation) => !BLOCKING.has(violation.impact ?? ''));
  if (minor.length > 0) console.info(`axe on ${where}, not blocking:\n${listed(minor)}`);
  expect(listed(violations.filter((violation) => BLOCKING.has(violation.impact ?? ''))), `axe on ${where}`).toBe('');
}

function listed(violations: Violation[]): string {
  return violations.map((v) => `- [${v.impact}] ${v.id}: ${v.help}\n    ${v.targets.slice(0, 5).join('\n    ')}`).join('\n');
}
