import { describe, expect, it } from 'vitest';
import { RECOVERY_CODE_COUNT } from '../../shared/secondFactor.ts';
import { DEMO_PASSWORD } from '../../server/seed.ts';
import { expectNothingSerious, scan } from '../helpers/axe.ts';
import { useBrowser, useWorkspaceServer, waitForText } from '../helpers/browser.ts';
import { SecondFactorPage } from '../helpers/pages/secondFactor.ts';
import { codeAt } from '../helpers/totp.ts';

/** Two-step verification as a physician meets it: set up from the account menu, then asked for at every login. */
describe('two-step verification in the browser', () => {
  const browser = useBrowser();
  const workspace = useWorkspaceServer();

  it('set up from the account menu with the QR code, the recovery codes shown once, then a login asks for the code', async () => {
    const server = workspace();
    const ba = await browser.newPhysician(server.url, 'ba.demo');
    const twoStep = new SecondFactorPage(ba);
    await twoStep.openFromMenu();
    await waitForText(ba.page.locator('.second-factor-page'), 'Tweestapsverificatie staat uit.');
    expectNothingSerious('two-step page, off', await scan(ba.page));

    await ba.page.getByRole('button', { name: 'Tweestapsverificatie instellen' }).click();
    await twoStep.qrCode.waitFor();
    const box = await twoStep.qrCode.boundingBox();
    expect(box!.width).toBeGreaterThan(100);
    // The image is the server's QR code, loaded (not a broken image).
    expect(await twoStep.qrCode.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const secret = await twoStep.shownSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expectNothingSerious('enrolment with the QR code', await scan(ba.page));

    await twoStep.enterCode(secret, 'Instellen');
    await twoStep.recoveryCodes.first().waitFor();
    expect(await twoStep.recoveryCodes.count()).toBe(RECOVERY_CODE_COUNT);
    const recovery = (await twoStep.recoveryCodes.allInnerTexts()).map((code) => code.trim());
    expectNothingSerious('recovery codes', await scan(ba.page));
    await twoStep.keptRecoveryCodes();
    await waitForText(ba.page.locator('.second-factor-page'), 'Tweestapsverificatie staat aan.');

    // A new browser: the password leads to the code step, which offers a recovery code too.
    const visitor = await browser.newVisitor(server.url);
    await visitor.logIn('ba.demo', DEMO_PASSWORD);
    const step = new SecondFactorPage(visitor);
    await step.codeStep.waitFor();
    expect(await visitor.caseListHeading.count()).toBe(0);
    expectNothingSerious('login code step', await scan(visitor.page));
    await visitor.page.getByRole('button', { name: 'Gebruik een herstelcode' }).click();
    await visitor.page.getByLabel('Herstelcode').waitFor();
    await visitor.page.getByRole('button', { name: 'Gebruik de code uit de app' }).click();

    // The code that confirmed the enrolment was taken: the app's next one logs in.
    await visitor.page.getByLabel('Code uit de authenticator-app').fill(codeAt(secret, 1) === '000000' ? '111111' : '000000');
    await visitor.page.getByRole('button', { name: 'Bevestigen' }).click();
    await waitForText(visitor.alert, 'Onjuiste of al gebruikte code.');
    await step.enterCode(secret, 'Bevestigen', 1);
    await visitor.caseListHeading.waitFor();
    expect(recovery.every((code) => /^[a-z2-9]{5}-[a-z2-9]{5}$/.test(code))).toBe(true);
    expect(ba.pageErrors).toEqual([]);
    expect(visitor.pageErrors).toEqual([]);
  });

  it('an organisation that requires it: the password leads to the enrolment, and its code to the case list', async () => {
    const server = workspace();
    await server.stores.records.updateOrganisation('demo-uwv', { mfaRequired: true });
    const visitor = await browser.newVisitor(server.url);
    await visitor.logIn('va.demo', DEMO_PASSWORD);
    await waitForText(visitor.page.locator('.login'), 'Uw organisatie vereist tweestapsverificatie.');
    const step = new SecondFactorPage(visitor);
    await step.qrCode.waitFor();
    expectNothingSerious('enrolment at login', await scan(visitor.page));
    await step.enterCode(await step.shownSecret(), 'Instellen');
    await step.recoveryCodes.first().waitFor();
    await step.keptRecoveryCodes();
    await visitor.caseListHeading.waitFor();
    expect(visitor.pageErrors).toEqual([]);
  });
});
