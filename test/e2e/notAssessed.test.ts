import { describe, expect, it } from 'vitest';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { expectNoPageErrors, useBrowser, useWorkspaceServer } from '../helpers/browser.ts';
import { position, writeDoc } from '../helpers/docWriter.ts';
import { waitFor } from '../helpers/waitFor.ts';

/** Sections of the first group: one the BA marks, one nobody writes on. */
const MARKED = 'd220';
const EMPTY = 'd230';
const REASON = 'niet relevant voor dit werk';

describe('"niet beoordeeld" in the workspace', () => {
  const browser = useBrowser();
  const server = useWorkspaceServer();

  it('the BA marks a section with a reason by keyboard; the VA sees it read-only and the overview tells it from an empty section', async () => {
    const { ba, va } = await browser.bothPhysicians(server().url);
    await writeDoc(server(), await server().login('va.demo'), DEMO_CASE_ID, 'insurance', position(MARKED, 'VA-d220: meerdere taken gaan goed.', '1'));

    const toggle = ba.page.getByTestId(`not-assessed-occupational-${MARKED}-toggle`);
    await toggle.focus();
    await ba.page.keyboard.press('Space');
    expect(await toggle.isChecked()).toBe(true);
    await ba.page.getByLabel('Reden (optioneel)').fill(REASON);
    // The other physician's column has no checkbox: the state only.
    expect(await ba.page.getByTestId(`not-assessed-insurance-${MARKED}-toggle`).count()).toBe(0);

    const shown = va.page.getByTestId(`not-assessed-occupational-${MARKED}`);
    await waitFor(async () => (await shown.count()) === 1 && (await shown.innerText()) === `Niet beoordeeld — ${REASON}`, { what: "the BA's mark at the VA" });
    expect(await va.page.getByTestId(`not-assessed-occupational-${MARKED}-toggle`).count()).toBe(0);

    await ba.workspace.showOverview();
    const marked = ba.page.getByTestId(`matrix-filled-ba-${MARKED}`);
    await waitFor(async () => (await marked.innerText()).includes(REASON), { what: 'the mark in the overview' });
    expect(await marked.innerText()).toBe(`niet beoordeeld — ${REASON}`);
    expect(await ba.page.getByTestId(`matrix-difference-${MARKED}`).innerText()).toBe('BA beoordeelde niet, de ander wel');
    const empty = ba.page.getByTestId(`matrix-filled-ba-${EMPTY}`);
    expect(await empty.innerText()).toBe('nee');
    expect(await empty.locator('[data-not-assessed]').count()).toBe(0);
    expectNoPageErrors(ba, va);
  });
});
