import { beforeEach, describe, expect, it } from 'vitest';
import { QUALIFIER_OPTIONS } from '../../shared/qualifiers.ts';
import { templateSections } from '../../shared/template/index.ts';
import { TEMPLATE_V1 } from '../../shared/template/shipped.ts';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { expectNothingSerious, scan } from '../helpers/axe.ts';
import { useBrowser, useWorkspaceServer } from '../helpers/browser.ts';
import type { TestServer } from '../helpers/testServer.ts';

const section = (id: string) => templateSections(TEMPLATE_V1).find((s) => s.id === id)!;
const flat = (text: string | null) => (text ?? '').replace(/\s+/g, ' ');

describe('a definition at every section (the words both physicians read)', () => {
  const browser = useBrowser();
  const workspace = useWorkspaceServer();
  let server: TestServer;
  beforeEach(() => {
    server = workspace();
  });

  it('opens beside the heading in Dutch and English, with the scale, what each level means for work, and the FML items; axe finds nothing serious', async () => {
    const [ba, va] = await Promise.all([browser.newPhysician(server.url, 'ba.demo'), browser.newPhysician(server.url, 'va.demo')]);
    await Promise.all([ba.openCase(DEMO_CASE_ID), va.openCase(DEMO_CASE_ID)]);
    const d240 = section('d240');
    const toggle = ba.page.getByTestId('definition-toggle-d240');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const panel = ba.page.getByTestId('definition-d240');
    expect(flat(await panel.textContent())).toContain(d240.definition.nl);
    expect(flat(await panel.textContent())).toContain(`FML-items: ${d240.fml.join(', ')}`);
    const levels = ba.page.getByTestId('definition-levels-d240');
    for (const option of QUALIFIER_OPTIONS['icf-d']) {
      expect(flat(await levels.textContent())).toContain(option.label.nl);
      expect(flat(await levels.textContent())).toContain(option.work.nl);
    }
    expectNothingSerious('the workspace with a definition open', await scan(ba.page));

    // The VA reads the same words.
    await va.page.getByTestId('definition-toggle-d240').click();
    expect(flat(await va.page.getByTestId('definition-d240').textContent())).toBe(flat(await panel.textContent()));

    await ba.workspace.chooseLanguage('en');
    expect(flat(await panel.textContent())).toContain(d240.definition.en);
    expect(flat(await panel.textContent())).toContain(`FML items: ${d240.fml.join(', ')}`);
    expect(flat(await levels.textContent())).toContain(QUALIFIER_OPTIONS['icf-d'][2]!.work.en);
    expect(flat(await panel.textContent())).not.toContain(d240.definition.nl);
    expectNothingSerious('the workspace with a definition open, in English', await scan(ba.page));

    // Escape closes it, from the keyboard.
    await toggle.focus();
    await ba.page.keyboard.press('Escape');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await panel.count()).toBe(0);
  });

  it('the overview shows the definitions on request', async () => {
    const ba = await browser.newPhysician(server.url, 'ba.demo');
    await ba.openCase(DEMO_CASE_ID);
    await ba.workspace.showOverview();
    const row = ba.workspace.matrixRow('e250');
    expect(flat(await row.textContent())).not.toContain(section('e250').definition.nl);
    await ba.page.getByTestId('matrix-definitions').check();
    expect(flat(await row.textContent())).toContain(section('e250').definition.nl);
    expect(flat(await ba.workspace.matrixRow('prognose').textContent())).toContain('Geen ICF-code');
    expectNothingSerious('the overview with definitions', await scan(ba.page));
  });
});
