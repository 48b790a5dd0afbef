import { describe, expect, it } from 'vitest';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { expectNoPageErrors, useBrowser, useWorkspaceServer } from '../helpers/browser.ts';
import { intersects } from '../helpers/pages/layout.ts';

const SECTION = 'd240';
/** Another section of the first group, so that the tests' texts on the shared server do not meet. */
const CARET_SECTION = 'd220';
/** The narrowest a physician's position may get beside the comment margin and still be read comfortably. */
const MIN_COLUMN_PX = 280;
const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
];

describe('the workspace layout on common screens', () => {
  const browser = useBrowser();
  const server = useWorkspaceServer();

  it('with comments present, both positions stay at least 280 px wide at 1440 and 1024 px, and the comments stay reachable', async () => {
    const { ba } = await browser.bothPhysicians(server().url);
    await ba.editors.typeInOwn(SECTION, 'Kan vier uur per dag werken met vaste pauzes en een vaste werkplek.');
    const threadId = await ba.comments.commentOn('occupational', SECTION, 'vier uur per dag', 'Nog toetsen bij de werkgever.');
    for (const size of VIEWPORTS) {
      await ba.page.setViewportSize(size);
      const widths = await ba.layout.columnWidths(SECTION);
      expect(widths, `columns at ${size.width} px`).toHaveLength(2);
      for (const width of widths) expect(width, `a column at ${size.width} px`).toBeGreaterThanOrEqual(MIN_COLUMN_PX);
      const thread = ba.comments.thread(threadId);
      await thread.scrollIntoViewIfNeeded();
      expect(await thread.isVisible()).toBe(true);
      const box = await ba.layout.box(thread);
      expect(box.right, `the thread inside the window at ${size.width} px`).toBeLessThanOrEqual(await ba.layout.viewportWidth());
      expect(await ba.layout.pageOverflows(), `no sideways scrolling at ${size.width} px`).toBe(false);
    }

    // The margin folds away by keyboard and keeps its count; choosing the commented words shows the thread again.
    const toggle = ba.page.getByTestId(`comment-margin-toggle-${SECTION}`);
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await toggle.focus();
    await ba.page.keyboard.press('Enter');
    await ba.comments.thread(threadId).waitFor({ state: 'hidden' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await toggle.innerText()).toContain('Opmerkingen (1)');
    await ba.editors.own(SECTION).locator(`[data-thread-id="${threadId}"]`).first().click();
    await ba.comments.thread(threadId).waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expectNoPageErrors(ba);
  });

  it('the overview table fits at 1024 px: no sideways scrolling of the page, the table inside its card', async () => {
    const ba = await browser.newPhysician(server().url, 'ba.demo');
    await ba.page.setViewportSize({ width: 1024, height: 768 });
    await ba.openCase(DEMO_CASE_ID);
    await ba.workspace.showOverview();
    const table = ba.page.locator('table.matrix');
    const card = ba.page.locator('section[aria-labelledby="matrix-heading"]');
    expect(await ba.layout.pageOverflows()).toBe(false);
    const [tableBox, cardBox] = [await ba.layout.box(table), await ba.layout.box(card)];
    expect(tableBox.left).toBeGreaterThanOrEqual(cardBox.left);
    expect(tableBox.right).toBeLessThanOrEqual(cardBox.right);
    expectNoPageErrors(ba);
  });

  it('the group navigation collapses by keyboard, gives its width to the content and stays collapsed after a reload', async () => {
    const ba = await browser.newPhysician(server().url, 'ba.demo');
    await ba.openCase(DEMO_CASE_ID);
    const toggle = ba.layout.navToggle;
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await ba.page.getByRole('button', { name: 'Navigatie inklappen' }).count()).toBe(1);
    const wide = (await ba.layout.box(ba.layout.main)).right - (await ba.layout.box(ba.layout.main)).left;

    await ba.page.getByRole('link', { name: 'Terug naar dossiers' }).focus();
    expect(await ba.layout.tabTo(toggle)).toBe(true);
    await ba.page.keyboard.press('Enter');
    await toggle.and(ba.page.locator('[aria-expanded="false"]')).waitFor();
    expect(await ba.page.getByRole('button', { name: 'Navigatie uitklappen' }).count()).toBe(1);
    await ba.workspace.navButton('overview').waitFor({ state: 'hidden' });
    const box = await ba.layout.box(ba.layout.main);
    expect(box.right - box.left).toBeGreaterThan(wide + 100);

    await ba.reload();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.focus();
    await ba.page.keyboard.press('Space');
    await toggle.and(ba.page.locator('[aria-expanded="true"]')).waitFor();
    await ba.workspace.navButton('overview').waitFor();
    await ba.reload();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expectNoPageErrors(ba);
  });

  it('a reload returns to the section one was in', async () => {
    const ba = await browser.newPhysician(server().url, 'ba.demo');
    await ba.openCase(DEMO_CASE_ID);
    await ba.workspace.showOverview();
    await ba.workspace.openFromMatrix('d350');
    await ba.page.waitForFunction(() => window.location.hash === '#section-d350');

    await ba.page.reload();
    await ba.workspace.navButton('sociaal').and(ba.page.locator('[aria-current="page"]')).waitFor();
    await ba.editors.own('d350').waitFor();
    await ba.page.waitForFunction(() => document.activeElement?.id === 'section-d350');
    const heading = await ba.layout.box(ba.workspace.sectionHeading('d350'));
    // Scrolled to the heading's top, give or take a fraction of a pixel.
    expect(heading.top).toBeGreaterThanOrEqual(-1);
    expect(heading.bottom).toBeLessThanOrEqual(await ba.page.evaluate(() => window.innerHeight));

    // Working in another section of the group moves the place along.
    await ba.editors.placeCaret(ba.editors.own('d720'), 'end');
    await ba.page.waitForFunction(() => window.location.hash === '#section-d720');
    await ba.page.reload();
    await ba.page.waitForFunction(() => document.activeElement?.id === 'section-d720');
    expectNoPageErrors(ba);
  });

  it("the other physician's caret label does not cover the line above the caret", async () => {
    const { ba, va } = await browser.bothPhysicians(server().url);
    const text =
      'Belastbaar voor licht werk in de ochtend, met vaste pauzes van een kwartier per uur, zonder tillen boven tien kilo, ' +
      'zonder nachtdiensten en met een rustige werkplek waar weinig geluid is en de werkdruk laag blijft gedurende de hele week.';
    await ba.editors.typeInOwn(CARET_SECTION, text);
    await va.editors.waitForExactText('other', CARET_SECTION, text);
    // The BA's caret on the second line of the paragraph.
    await ba.editors.placeCaret(ba.editors.own(CARET_SECTION), 'start');
    await ba.page.keyboard.press('ArrowDown');
    await ba.page.keyboard.press('ArrowRight');

    const theirs = va.editors.other(CARET_SECTION);
    await va.editors.caretsIn(theirs).first().waitFor();
    await expect.poll(async () => (await va.layout.caretLabelAndLinesAbove(theirs)).linesAbove.length, { timeout: 10_000 }).toBeGreaterThan(0);
    const { label, linesAbove } = await va.layout.caretLabelAndLinesAbove(theirs);
    expect(label.right - label.left).toBeGreaterThan(0);
    for (const line of linesAbove) expect(intersects(label, line), `label ${JSON.stringify(label)} over ${JSON.stringify(line)}`).toBe(false);
    expectNoPageErrors(ba, va);
  });
});
