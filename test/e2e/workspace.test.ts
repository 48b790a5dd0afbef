import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { formatDocName, type DocPart } from '../../shared/docNames.ts';
import { QUALIFIER_OPTIONS, QUALIFIERS_MAP } from '../../shared/qualifiers.ts';
import { TEMPLATE_V1 } from '../../shared/template/shipped.ts';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { expectNoDutch } from '../helpers/language.ts';
import { CLIENT_DIR, expectNoPageErrors, useBrowser, type PhysicianPage } from '../helpers/browser.ts';
import { sectionText } from '../helpers/collabClient.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';

/** The other side shows what was typed within this time after the typing ends. */
const CONVERGENCE_MS = 1000;

describe('the workspace in the browser, as two physicians use it', () => {
  const browser = useBrowser();
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer({ clientDir: CLIENT_DIR });
  });
  afterEach(async () => {
    await server?.close();
  });

  /** A section's text in the server's stored copy of a document (what a fresh client would load). */
  async function storedText(part: DocPart, section: string): Promise<string> {
    return sectionText(await storedDoc(part), section);
  }

  async function storedDoc(part: DocPart): Promise<Y.Doc> {
    const stored = await server.stores.docs.load(formatDocName({ caseId: DEMO_CASE_ID, part }));
    const doc = new Y.Doc();
    for (const update of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) Y.applyUpdate(doc, update);
    return doc;
  }

  it('concurrent typing of BA and VA in their own columns of three sections in two groups converges within a second', async () => {
    const { ba, va } = await browser.bothPhysicians(server.url);
    const texts = {
      ba: { d430: 'BA: tillen tot 10 kg, niet boven schouderhoogte.', d160: 'BA: aandacht 2 uur achtereen.', d240: 'BA: geen deadlines.' },
      va: { d430: 'VA: tillen tot 5 kg, af en toe.', d160: 'VA: aandacht een uur achtereen.', d240: 'VA: beperkt stressbestendig.' },
    };
    const write = async (physician: PhysicianPage, own: Record<'d430' | 'd160' | 'd240', string>) => {
      await physician.workspace.showGroup('dynamisch');
      await physician.editors.typeAtEnd(physician.editors.own('d430'), own.d430);
      await physician.workspace.showGroup('persoonlijk');
      await physician.editors.typeAtEnd(physician.editors.own('d160'), own.d160);
      await physician.editors.typeAtEnd(physician.editors.own('d240'), own.d240);
    };
    await Promise.all([write(ba, texts.ba), write(va, texts.va)]);

    // Both have finished typing; both look at the group they ended in.
    const start = Date.now();
    await Promise.all([
      ba.editors.waitForExactText('other', 'd160', texts.va.d160, CONVERGENCE_MS),
      ba.editors.waitForExactText('other', 'd240', texts.va.d240, CONVERGENCE_MS),
      va.editors.waitForExactText('other', 'd160', texts.ba.d160, CONVERGENCE_MS),
      va.editors.waitForExactText('other', 'd240', texts.ba.d240, CONVERGENCE_MS),
    ]);
    expect(Date.now() - start).toBeLessThanOrEqual(CONVERGENCE_MS);

    // The section typed first, in the other group, has converged too; each kept their own text.
    await Promise.all([ba.workspace.showGroup('dynamisch'), va.workspace.showGroup('dynamisch')]);
    await ba.editors.waitForExactText('other', 'd430', texts.va.d430, CONVERGENCE_MS);
    await va.editors.waitForExactText('other', 'd430', texts.ba.d430, CONVERGENCE_MS);
    expect(await ba.editors.textOf('own', 'd430')).toBe(texts.ba.d430);
    expect(await va.editors.textOf('own', 'd430')).toBe(texts.va.d430);
    expectNoPageErrors(ba, va);
  });

  it("the other physician's column rejects typing: it is not editable, shows nothing typed, and the server stores nothing of it", async () => {
    const { ba, va } = await browser.bothPhysicians(server.url);
    const baText = 'Belastbaar voor licht magazijnwerk, 4 uur per dag.';
    await ba.editors.typeInOwn('d240', baText);
    await ba.editors.chooseQualifier('d240', '2');
    await ba.workspace.waitUntilSaved();
    await va.editors.waitForExactText('other', 'd240', baText);
    await va.editors.waitForOtherQualifier('d240', '2');

    const theirs = va.editors.other('d240');
    expect(await theirs.getAttribute('aria-readonly')).toBe('true');
    expect(await theirs.getAttribute('aria-readonly')).toBe('true');
    // No toolbar and no choice of qualifier in the other's column: the qualifier is only shown.
    expect(await va.editors.qualifier('occupational', 'd240').evaluate((element) => element.tagName)).toBe('OUTPUT');
    expect(await va.workspace.section('d240').getByRole('toolbar').count()).toBe(2);

    await va.editors.typeAtEnd(theirs, ' VA schrijft mee');
    await va.page.keyboard.press('Enter');
    await va.page.keyboard.press('Backspace');
    await va.page.keyboard.press('Control+b');
    await va.page.keyboard.type('vet');
    await va.page.keyboard.press('Control+a');
    await va.page.keyboard.press('Delete');
    expect(await va.editors.textOf('other', 'd240')).toBe(baText);

    // Leaving closes the VA's connections; the server handles a close after everything sent before it.
    await va.leaveCase();
    await ba.workspace.presence('va').and(ba.page.locator('[data-online="false"]')).waitFor();
    expect(await storedText('occupational', 'd240')).toBe(baText);
    expect((await storedDoc('occupational')).getMap(QUALIFIERS_MAP).toJSON()).toEqual({ d240: '2' });
    expect(await server.stores.audit.list({ caseId: DEMO_CASE_ID, action: 'denied' })).toEqual([]);
    expect(await ba.editors.textOf('own', 'd240')).toBe(baText);
    expectNoPageErrors(ba, va);
  });

  it('qualifiers sync both ways with a minor and a major difference marker, also in the overview matrix, which jumps to a section', async () => {
    const { ba, va } = await browser.bothPhysicians(server.url);
    await ba.editors.typeInOwn('d175', 'Lost eenvoudige problemen zelfstandig op.');
    // Text that looks like markup is text all the same.
    await ba.editors.typeInOwn('d220', '<2 taken>');

    await ba.editors.chooseQualifier('d175', '2');
    await va.editors.waitForOtherQualifier('d175', '2');
    await Promise.all([ba.editors.waitForDifference('d175', 'none'), va.editors.waitForDifference('d175', 'none')]);

    // Adjacent levels: a minor difference (shared/qualifiers.ts).
    await va.editors.chooseQualifier('d175', '3');
    await ba.editors.waitForOtherQualifier('d175', '3');
    await Promise.all([ba.editors.waitForDifference('d175', 'minor'), va.editors.waitForDifference('d175', 'minor')]);
    expect(await ba.editors.qualifier('insurance', 'd175').innerText()).toBe('3 ernstig probleem (50–95%)');

    // Two levels apart: major.
    await ba.editors.chooseQualifier('d175', '1');
    await va.editors.waitForOtherQualifier('d175', '1');
    await Promise.all([ba.editors.waitForDifference('d175', 'major'), va.editors.waitForDifference('d175', 'major')]);

    // Equal again elsewhere: no difference there.
    await ba.editors.chooseQualifier('d160', '0');
    await va.editors.chooseQualifier('d160', '0');
    await Promise.all([ba.editors.waitForOtherQualifier('d160', '0'), va.editors.waitForOtherQualifier('d160', '0')]);
    await va.editors.waitForDifference('d160', 'none');

    for (const physician of [ba, va]) {
      await physician.workspace.showOverview();
      await physician.workspace.matrixRow('d175').and(physician.page.locator('[data-difference="major"]')).waitFor();
      expect(await physician.workspace.matrixRow('d160').getAttribute('data-difference')).toBe('none');
      expect(await physician.workspace.matrixRow('d220').getAttribute('data-difference')).toBe('none');
      expect(await physician.workspace.matrixCell('qualifier-ba', 'd175').innerText()).toBe('1');
      expect(await physician.workspace.matrixCell('qualifier-va', 'd175').innerText()).toBe('3');
      expect(await physician.workspace.matrixCell('filled-ba', 'd175').innerText()).toContain('ja');
      expect(await physician.workspace.matrixCell('filled-va', 'd175').innerText()).toBe('nee');
      expect(await physician.workspace.matrixCell('filled-ba', 'd160').innerText()).toBe('nee');
      expect(await physician.workspace.matrixCell('filled-ba', 'd220').innerText()).toContain('ja');
    }

    // The matrix follows live changes: the VA writes and changes the qualifier while the BA looks at it.
    await va.workspace.showGroup('persoonlijk');
    await va.editors.typeInOwn('d175', 'Lost problemen op met ondersteuning.');
    await va.editors.chooseQualifier('d175', '2');
    await ba.workspace.matrixRow('d175').and(ba.page.locator('[data-difference="minor"]')).waitFor();
    await ba.workspace.matrixCell('filled-va', 'd175').filter({ hasText: 'ja' }).waitFor();
    expect(await ba.workspace.matrixCell('qualifier-va', 'd175').innerText()).toBe('2');

    // Choosing a section in the matrix opens its group and puts focus on its heading.
    await ba.workspace.openFromMatrix('d430');
    await ba.workspace.navButton('dynamisch').and(ba.page.locator('[aria-current="page"]')).waitFor();
    await ba.workspace.sectionHeading('d430').waitFor();
    expect(await ba.workspace.focusedId()).toBe('section-d430');

    // Coming back to that group later through the navigation leaves focus where the physician put it.
    await ba.workspace.showGroup('persoonlijk');
    await ba.workspace.showGroup('dynamisch');
    expect(await ba.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('nav-dynamisch');
    expectNoPageErrors(ba, va);
  });
  it('a reload keeps the texts of all three kinds of editors and the qualifiers, and so does a fresh browser', async () => {
    const { ba, va } = await browser.bothPhysicians(server.url);
    const own = { ba: 'Kan 4 uur per dag werken.', va: 'Kan 2 uur per dag werken.' };
    const joint = { ba: 'Opbouw in 6 weken', va: ' naar 4 uur per dag.' };
    await ba.editors.typeInOwn('d230', own.ba);
    await va.editors.typeInOwn('d230', own.va);
    await ba.editors.typeAtEnd(ba.editors.joint('d230'), joint.ba);
    await va.editors.waitForExactText('joint', 'd230', joint.ba);
    await va.editors.typeAtEnd(va.editors.joint('d230'), joint.va);
    await ba.editors.waitForExactText('joint', 'd230', joint.ba + joint.va);
    await ba.editors.chooseQualifier('d230', '1');
    await va.editors.chooseQualifier('d230', '2');
    await Promise.all([ba.editors.waitForOtherQualifier('d230', '2'), va.editors.waitForOtherQualifier('d230', '1')]);
    await Promise.all([ba.workspace.waitUntilSaved(), va.workspace.waitUntilSaved()]);

    const expectEverything = async (physician: PhysicianPage) => {
      await physician.editors.waitForExactText('occupational', 'd230', own.ba);
      await physician.editors.waitForExactText('insurance', 'd230', own.va);
      await physician.editors.waitForExactText('joint', 'd230', joint.ba + joint.va);
      await expect.poll(() => qualifierValue(physician, 'occupational', 'd230')).toBe('1');
      await expect.poll(() => qualifierValue(physician, 'insurance', 'd230')).toBe('2');
      await physician.editors.waitForDifference('d230', 'minor');
    };
    await Promise.all([ba.reload(), va.reload()]);
    await expectEverything(ba);
    await expectEverything(va);

    // A browser without a local copy (IndexedDB) shows only what the server kept.
    const fresh = await browser.newPhysician(server.url, 'ba.demo');
    await fresh.openCase(DEMO_CASE_ID);
    await expectEverything(fresh);
    expect(await storedText('joint', 'd230')).toBe(joint.ba + joint.va);
    expectNoPageErrors(ba, va, fresh);
  });

  it('both typing in the same paragraph of the joint draft converge to one text holding both contributions', async () => {
    const { ba, va } = await browser.bothPhysicians(server.url);
    const start = 'Samen: werkhervatting in eigen werk.';
    await ba.editors.typeAtEnd(ba.editors.joint('d220'), start);
    await va.editors.waitForExactText('joint', 'd220', start);

    // At the same time: the BA at the start of the paragraph, the VA at its end.
    const atStart = 'BA vooraf: ';
    const atEnd = ' VA erna: met begeleiding.';
    await Promise.all([ba.editors.placeCaret(ba.editors.joint('d220'), 'start'), va.editors.placeCaret(va.editors.joint('d220'), 'end')]);
    await Promise.all([ba.page.keyboard.type(atStart), va.page.keyboard.type(atEnd)]);
    const expected = atStart + start + atEnd;
    await ba.editors.waitForExactText('joint', 'd220', expected, CONVERGENCE_MS);
    await va.editors.waitForExactText('joint', 'd220', expected, CONVERGENCE_MS);

    // Both at the very same place (the end): whatever the order, both sides end with the same text and every character.
    const baMore = ' [BA: 3 dagen]';
    const vaMore = ' [VA: 2 dagen]';
    await Promise.all([ba.editors.placeCaret(ba.editors.joint('d220'), 'end'), va.editors.placeCaret(va.editors.joint('d220'), 'end')]);
    await Promise.all([ba.page.keyboard.type(baMore), va.page.keyboard.type(vaMore)]);
    const length = expected.length + baMore.length + vaMore.length;
    const bothTexts = async () => Promise.all([ba.editors.textOf('joint', 'd220'), va.editors.textOf('joint', 'd220')]);
    await expect.poll(async () => (await bothTexts()).map((text) => text.length), { timeout: CONVERGENCE_MS }).toEqual([length, length]);
    const [baText, vaText] = await bothTexts();
    expect(vaText).toBe(baText);
    expect(baText.startsWith(expected)).toBe(true);
    expect(sorted(baText.slice(expected.length))).toBe(sorted(baMore + vaMore));
    await Promise.all([ba.workspace.waitUntilSaved(), va.workspace.waitUntilSaved()]);
    expect(await storedText('joint', 'd220')).toBe(baText);
    expectNoPageErrors(ba, va);
  });

  it('undo in the joint draft undoes only your own changes, on both screens; redo brings them back', async () => {
    const { ba, va } = await browser.bothPhysicians(server.url);
    const baText = 'Voorstel BA: 4 uur per dag.';
    const vaText = ' Aanvulling VA: na 6 weken evalueren.';
    await Promise.all([ba.workspace.showGroup('sociaal'), va.workspace.showGroup('sociaal')]);
    await ba.editors.typeAtEnd(ba.editors.joint('d350'), baText);
    await va.editors.waitForExactText('joint', 'd350', baText);
    await va.editors.typeAtEnd(va.editors.joint('d350'), vaText);
    await ba.editors.waitForExactText('joint', 'd350', baText + vaText);

    await ba.editors.joint('d350').click();
    await pressUntil(ba, 'Control+z', 'joint', 'd350', vaText);
    await va.editors.waitForExactText('joint', 'd350', vaText);

    await pressUntil(ba, 'Control+y', 'joint', 'd350', baText + vaText);
    await va.editors.waitForExactText('joint', 'd350', baText + vaText);

    // The VA's undo, too, touches only the VA's text; Ctrl+Shift+Z redoes it.
    await va.editors.joint('d350').click();
    await pressUntil(va, 'Control+z', 'joint', 'd350', baText);
    await ba.editors.waitForExactText('joint', 'd350', baText);
    await pressUntil(va, 'Control+Shift+z', 'joint', 'd350', baText + vaText);
    await ba.editors.waitForExactText('joint', 'd350', baText + vaText);
    expectNoPageErrors(ba, va);
  });

  it('undo in your own column leaves the text the other physician has typed in theirs alone', async () => {
    const { ba, va } = await browser.bothPhysicians(server.url);
    await ba.editors.typeInOwn('d160', 'BA eerst.');
    await va.editors.typeInOwn('d160', 'VA daarna.');
    await ba.editors.waitForExactText('other', 'd160', 'VA daarna.');
    await ba.editors.own('d160').click();
    await pressUntil(ba, 'Control+z', 'own', 'd160', '');
    await va.editors.waitForExactText('other', 'd160', '');
    expect(await va.editors.textOf('own', 'd160')).toBe('VA daarna.');
    expect(await ba.editors.textOf('other', 'd160')).toBe('VA daarna.');
  });

  it('a section undone to empty stays one empty paragraph on both screens and in the store, and takes new text as a fresh section does', async () => {
    const { ba, va } = await browser.bothPhysicians(server.url);
    // The VA works in the same joint draft: every move of the VA's caret updates the BA's editor, and back.
    await ba.editors.typeAtEnd(ba.editors.joint('d240'), 'Eerste voorstel.');
    await va.editors.waitForExactText('joint', 'd240', 'Eerste voorstel.');
    await va.editors.joint('d240').click();
    await ba.editors.typeInOwn('d240', 'Eerste standpunt.');
    await va.editors.waitForExactText('other', 'd240', 'Eerste standpunt.');

    await ba.editors.joint('d240').click();
    await pressUntil(ba, 'Control+z', 'joint', 'd240', '');
    await ba.editors.own('d240').click();
    await pressUntil(ba, 'Control+z', 'own', 'd240', '');
    await va.editors.waitForExactText('joint', 'd240', '');
    await va.editors.waitForExactText('other', 'd240', '');
    // Carets moving about: each move updates the editors, which must not write anything.
    await va.page.keyboard.press('ArrowLeft');
    await va.editors.joint('d240').click();
    await ba.editors.joint('d240').click();
    await ba.editors.own('d240').click();
    await Promise.all([ba.workspace.waitUntilSaved(), va.workspace.waitUntilSaved()]);
    expect(await storedText('joint', 'd240')).toBe('');
    expect(await storedText('occupational', 'd240')).toBe('');

    await ba.editors.typeAtEnd(ba.editors.own('d240'), 'Nieuw standpunt.');
    await ba.editors.typeAtEnd(ba.editors.joint('d240'), 'Nieuw voorstel.');
    for (const physician of [ba, va]) {
      await physician.editors.waitForExactText('occupational', 'd240', 'Nieuw standpunt.');
      await physician.editors.waitForExactText('joint', 'd240', 'Nieuw voorstel.');
    }
    await ba.workspace.waitUntilSaved();
    expect(await storedText('joint', 'd240')).toBe('Nieuw voorstel.');
    expect(await storedText('occupational', 'd240')).toBe('Nieuw standpunt.');

    await va.leaveCase();
    expect(await server.stores.audit.list({ caseId: DEMO_CASE_ID, action: 'denied' })).toEqual([]);
    expectNoPageErrors(ba, va);
  });

  it('bold from the toolbar and from Ctrl+B reaches the other physician as bold text', async () => {
    const { ba, va } = await browser.bothPhysicians(server.url);
    await ba.editors.typeAtEnd(ba.editors.own('d240'), 'Normaal ');
    await ba.workspace.section('d240').getByRole('toolbar').first().getByRole('button', { name: 'Vet' }).click();
    await ba.page.keyboard.type('vet via knop');
    await ba.page.keyboard.press('Control+b');
    await ba.page.keyboard.type(' weer normaal ');
    await ba.page.keyboard.press('Control+b');
    await ba.page.keyboard.type('vet via sneltoets');

    const theirs = va.editors.other('d240');
    await va.editors.waitForExactText('other', 'd240', 'Normaal vet via knop weer normaal vet via sneltoets');
    await expect.poll(() => theirs.locator('strong').allInnerTexts()).toEqual(['vet via knop', 'vet via sneltoets']);

    // In the joint draft, the VA's bold shows for the BA.
    await va.editors.typeAtEnd(va.editors.joint('d240'), 'Gezamenlijk ');
    await va.page.keyboard.press('Control+b');
    await va.page.keyboard.type('belangrijk');
    await expect.poll(() => ba.editors.joint('d240').locator('strong').allInnerTexts()).toEqual(['belangrijk']);
    expectNoPageErrors(ba, va);
  });

  it("presence: each sees the other online and in which section; the other's named caret shows only in the editor it is in", async () => {
    const { ba, va } = await browser.bothPhysicians(server.url);
    for (const physician of [ba, va]) {
      await physician.workspace.presence('ba').and(physician.page.locator('[data-online="true"]')).waitFor();
      await physician.workspace.presence('va').and(physician.page.locator('[data-online="true"]')).waitFor();
    }

    await ba.editors.typeAtEnd(ba.editors.own('d175'), 'Hier ben ik.');
    await va.workspace.presence('ba').and(va.page.locator('[data-section="d175"]')).waitFor();
    expect(await va.workspace.presence('ba').innerText()).toContain('d175 Problemen oplossen');
    const caret = va.editors.caretsIn(va.editors.other('d175'));
    await caret.waitFor();
    expect(await caret.locator('.collab-caret__label').innerText()).toBe('Anna Bakker');
    expect(await va.editors.allCarets.count()).toBe(1);

    // The BA moves to the joint draft of another section: the caret moves with the BA.
    await ba.editors.typeAtEnd(ba.editors.joint('d220'), 'En nu hier.');
    await va.workspace.presence('ba').and(va.page.locator('[data-section="d220"]')).waitFor();
    await va.editors.caretsIn(va.editors.joint('d220')).waitFor();
    await va.editors.caretsIn(va.editors.other('d175')).waitFor({ state: 'detached' });
    expect(await va.editors.allCarets.count()).toBe(1);

    // And the VA's caret in the VA's own column shows for the BA, in that editor only.
    await va.editors.typeAtEnd(va.editors.own('d160'), 'VA hier.');
    await ba.workspace.presence('va').and(ba.page.locator('[data-section="d160"]')).waitFor();
    await ba.editors.caretsIn(ba.editors.other('d160')).filter({ hasText: 'Victor Visser' }).waitFor();
    expect(await ba.editors.allCarets.count()).toBe(1);
    // The BA's caret stays where the BA left it.
    expect(await va.editors.caretsIn(va.editors.joint('d220')).count()).toBe(1);
    expect(await va.editors.allCarets.count()).toBe(1);

    // Looking at the overview, the BA is online but in no section.
    await ba.workspace.showOverview();
    await va.workspace.presence('ba').and(va.page.locator('[data-section=""][data-online="true"]')).waitFor();

    // Leaving the case ends the presence at once.
    await va.leaveCase();
    await ba.workspace.presence('va').and(ba.page.locator('[data-online="false"]')).waitFor();
    await ba.editors.allCarets.first().waitFor({ state: 'detached' });
    expectNoPageErrors(ba, va);
  });

  it('Alt+ArrowDown from the last section of a group moves into the next group and focuses that heading; Alt+ArrowUp goes back', async () => {
    const { ba } = await browser.bothPhysicians(server.url);
    const persoonlijk = TEMPLATE_V1.groups[0]!;
    const last = persoonlijk.sections.at(-1)!.id;
    const next = TEMPLATE_V1.groups[1]!.sections[0]!.id;

    await ba.editors.own(last).click();
    await ba.page.keyboard.press('Alt+ArrowDown');
    await ba.workspace.navButton(TEMPLATE_V1.groups[1]!.id).and(ba.page.locator('[aria-current="page"]')).waitFor();
    await expect.poll(() => ba.workspace.focusedId()).toBe(`section-${next}`);
    expect(await ba.workspace.section(last).count()).toBe(0);

    await ba.page.keyboard.press('Alt+ArrowUp');
    await ba.workspace.navButton(persoonlijk.id).and(ba.page.locator('[aria-current="page"]')).waitFor();
    await expect.poll(() => ba.workspace.focusedId()).toBe(`section-${last}`);
    await ba.page.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => ba.workspace.focusedId()).toBe(`section-${persoonlijk.sections.at(-2)!.id}`);

    // After choosing a group in the navigation, the keys go through that group, not back to the section left behind.
    const dynamisch = TEMPLATE_V1.groups.find((group) => group.id === 'dynamisch')!;
    await ba.workspace.showGroup(dynamisch.id);
    await ba.page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => ba.workspace.focusedId()).toBe(`section-${dynamisch.sections[0]!.id}`);
    await ba.page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => ba.workspace.focusedId()).toBe(`section-${dynamisch.sections[1]!.id}`);
    expect(await ba.workspace.navButton(dynamisch.id).getAttribute('aria-current')).toBe('page');
    expectNoPageErrors(ba);
  });

  it('after choosing English the workspace, its editors and the overview show no Dutch interface text', async () => {
    const { ba, va } = await browser.bothPhysicians(server.url);
    await ba.editors.typeInOwn('d240', 'Tekst van de BA.');
    await va.editors.typeAtEnd(va.editors.own('d240'), 'Tekst van de VA.');
    await ba.editors.chooseQualifier('d240', '2');
    await ba.editors.caretsIn(ba.editors.other('d240')).waitFor();

    await ba.workspace.chooseLanguage('en');
    await ba.workspace.navButton('persoonlijk').filter({ hasText: 'Personal functioning' }).waitFor();
    expect(await ba.workspace.navButton('dynamisch').innerText()).toBe('Dynamic movements');
    expect(await ba.workspace.section('d240').getByRole('heading', { level: 3 }).allInnerTexts()).toEqual([
      'Position of the occupational physician your column',
      'Position of the insurance physician read only',
      'Joint draft',
    ]);
    expect(await ba.workspace.connection.innerText()).toContain('connected');
    expect(await ba.editors.qualifier('occupational', 'd240').locator('option').allInnerTexts()).toEqual([
      'no choice',
      ...QUALIFIER_OPTIONS['icf-d'].map((option) => option.label.en),
    ]);
    expect(await ba.editors.difference('d240').innerText()).toBe('no difference');
    expect(await ba.workspace.section('d240').getByRole('button', { name: 'Bold' }).count()).toBe(2);
    await expectNoDutch(ba, /Tekst van de [BV]A\./g);

    await ba.workspace.showOverview();
    await expectNoDutch(ba, /Tekst van de [BV]A\./g);

    // The choice holds after a reload.
    await ba.reload();
    await ba.workspace.navButton('persoonlijk').filter({ hasText: 'Personal functioning' }).waitFor();
    await expectNoDutch(ba, /Tekst van de [BV]A\./g);
    expectNoPageErrors(ba, va);
  });
});

/** What a qualifier field holds: the select's value in one's own column, the output's data-value in the other's. */
async function qualifierValue(physician: PhysicianPage, part: 'occupational' | 'insurance', section: string): Promise<string> {
  return physician.editors
    .qualifier(part, section)
    .evaluate((element) => (element instanceof HTMLSelectElement ? element.value : (element.getAttribute('data-value') ?? '')));
}

/**
 * Presses an undo or redo shortcut in the focused editor until it shows
 * `expected` (at most `maxPresses` times). The undo manager groups changes made
 * less than 500 ms apart into one step, so on a busy machine a typed sentence
 * may take more than one step, as it does for a physician who pauses. Other
 * physicians' text cannot come back by pressing more: a step that took it
 * away fails the test.
 */
async function pressUntil(physician: PhysicianPage, key: string, column: 'own' | 'joint', section: string, expected: string, maxPresses = 10): Promise<void> {
  for (let presses = 0; presses < maxPresses && (await physician.editors.textOf(column, section)) !== expected; presses++)
    await physician.page.keyboard.press(key);
  await physician.editors.waitForExactText(column, section, expected);
}

function sorted(text: string): string {
  return [...text].sort().join('');
}
