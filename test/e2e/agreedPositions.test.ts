import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_DIR, expectNoPageErrors, useBrowser, waitForText } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';

describe('an agreed position in the browser: text, qualifier and fingerprint', () => {
  const browser = useBrowser();
  let server: TestServer | null = null;

  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('shows the agreed qualifier instead of the difference, the short fingerprint with the full one on demand, and after reopening the agreement with its reason', async () => {
    server = await startTestServer({ clientDir: CLIENT_DIR });
    const { ba, va } = await browser.bothPhysicians(server.url);
    await Promise.all([ba.workflow.waitForStatus('d175', 'open'), va.workflow.waitForStatus('d175', 'open')]);

    // The physicians' own qualifiers lie far apart; the joint draft settles on one.
    await ba.editors.chooseQualifier('d175', '1');
    await va.editors.chooseQualifier('d175', '3');
    await ba.page.getByTestId('difference-d175').and(ba.page.locator('[data-level="major"]')).waitFor();
    await ba.workflow.flag('d175', 'BA ziet een lichte, VA een ernstige beperking.');
    const text = 'Samen: lost eenvoudige problemen zelfstandig op.';
    await ba.editors.typeAtEnd(ba.editors.joint('d175'), text);
    await ba.page.getByTestId('qualifier-joint-d175').selectOption('2');
    await ba.workspace.waitUntilSaved();
    await ba.workflow.propose('d175');
    await va.workflow.waitForStatus('d175', 'proposed');
    await va.workflow.sign('d175');

    for (const physician of [ba, va]) {
      await physician.workflow.waitForStatus('d175', 'agreed');
      // The difference marker is gone: the agreed qualifier stands in its place, and with the agreed text.
      expect(await physician.page.getByTestId('difference-d175').count()).toBe(0);
      await waitForText(physician.workflow.agreedQualifier('d175'), 'Overeengekomen kwalificatie: 2 matig probleem (25–49%)');
      expect(await physician.page.getByTestId('agreement-qualifier-d175').innerText()).toBe('2 matig probleem (25–49%)');
      expect(await physician.page.getByTestId('agreement-text-d175').innerText()).toBe(text);
      // Why there was a disagreement stays readable.
      await waitForText(physician.page.getByTestId('last-flag-d175'), 'BA ziet een lichte, VA een ernstige beperking.');
    }

    const short = await va.workflow.fingerprint('d175', 'short').innerText();
    expect(short).toMatch(/^[0-9a-f]{12}$/);
    expect(await va.workflow.fingerprint('d175', 'full').count()).toBe(0);
    await va.workflow.sectionButton('d175', 'Volledig kenmerk tonen').click();
    const full = await va.workflow.fingerprint('d175', 'full').innerText();
    expect(full).toMatch(/^[0-9a-f]{64}$/);
    expect(full.startsWith(short)).toBe(true);

    // Reopened, the section is open again and its difference shows; the agreement stays in its history with the reason.
    const reason = 'Nieuwe informatie van de behandelaar.';
    await va.workflow.reopen('d175', reason);
    for (const physician of [ba, va]) {
      await physician.workflow.waitForStatus('d175', 'open');
      await physician.page.getByTestId('difference-d175').and(physician.page.locator('[data-level="major"]')).waitFor();
      expect(await physician.page.getByTestId('agreement-d175').count()).toBe(0);
      const history = physician.workflow.history('d175');
      await waitForText(history, 'Heropend door Victor Visser (verzekeringsarts)');
      expect(await physician.page.getByTestId('history-reason-d175').innerText()).toBe(reason);
      await waitForText(history, text);
      await waitForText(history, short);
    }
    expectNoPageErrors(ba, va);
  });
});
