import { expect } from 'vitest';
import { en } from '../../client/src/i18n/en.ts';
import { nl } from '../../client/src/i18n/nl.ts';
import { QUALIFIER_OPTIONS } from '../../shared/qualifiers.ts';
import { TEMPLATE_V1 } from '../../shared/template/shipped.ts';
import type { PhysicianPage } from './browser.ts';

/**
 * Every Dutch interface string (nl.ts, the template's group and section names,
 * the qualifier labels) that differs from its English counterpart, as the
 * words a user would read.
 */
const DUTCH_STRINGS: string[] = (() => {
  const strings = new Set<string>();
  const walk = (dutch: unknown, english: unknown) => {
    if (typeof dutch === 'string') {
      if (dutch === english) return;
      for (const fragment of dutch.split(/\{\{[^}]*\}\}/)) {
        const trimmed = fragment.replace(/^[\s:,.·()—"]+|[\s:,.·()—"]+$/g, '');
        if (trimmed.length >= 3 && !(typeof english === 'string' && english.includes(trimmed))) strings.add(trimmed);
      }
      return;
    }
    if (dutch && typeof dutch === 'object') for (const [key, value] of Object.entries(dutch)) walk(value, (english as Record<string, unknown>)?.[key]);
  };
  walk(nl, en);
  for (const group of TEMPLATE_V1.groups) {
    walk(group.label.nl, group.label.en);
    for (const section of group.sections) walk(section.label.nl, section.label.en);
  }
  for (const options of Object.values(QUALIFIER_OPTIONS)) for (const option of options) walk(option.label.nl, option.label.en);
  return [...strings];
})();

/** The demo case's own data (title, employer) is Dutch and stays so. */
const DEMO_DATA = /Magazijnmedewerker — terugkeer na uitval|Logistiek Noord B\.V\./g;

/**
 * Checks everything a user reads or hears on the page — the text, and labels,
 * titles, placeholders and options — for Dutch interface strings. `typed`
 * matches what the physicians wrote in the test, which stays as written.
 */
export async function expectNoDutch(physician: PhysicianPage, typed?: RegExp): Promise<void> {
  const shown = await physician.page.evaluate(() => {
    const texts = [document.title, document.body.innerText];
    for (const element of document.querySelectorAll('[aria-label], [title], [placeholder], option')) {
      for (const attribute of ['aria-label', 'title', 'placeholder']) texts.push(element.getAttribute(attribute) ?? '');
      if (element instanceof HTMLOptionElement && element.lang !== 'nl') texts.push(element.text);
    }
    return texts.join('\n');
  });
  const text = typed ? shown.replace(DEMO_DATA, '').replace(typed, '') : shown.replace(DEMO_DATA, '');
  const found = DUTCH_STRINGS.filter((dutch) => new RegExp(`(^|[^\\p{L}])${escapeRegExp(dutch)}($|[^\\p{L}])`, 'u').test(text));
  expect(found, 'Dutch interface strings on the English page').toEqual([]);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
