import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { formatDocName } from '../../shared/docNames.ts';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { CLIENT_DIR, useBrowser, waitForText } from '../helpers/browser.ts';
import { connectDoc, type CollabClient } from '../helpers/collabClient.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';

const SECTION = 'd240';
const OCCUPATIONAL = formatDocName({ caseId: DEMO_CASE_ID, part: 'occupational' });

/**
 * A position as any standard Yjs client may store it, but not as the browser
 * editor would: it once made the VA's read-only editor "repair" the BA's
 * document and send the repair, which the server refused and audited as the
 * VA trying to change the BA's position. (Nodes the editor does not have, a
 * heading say, no longer reach the store at all: the relay refuses them.)
 */
const STORED_ELSEWHERE = [
  {
    what: 'a list at the end (the editor would add an empty paragraph after it)',
    content: () => [paragraph('Belastbaar voor:'), bulletList(['tillen tot 10 kg', 'wisselend staan en zitten'])],
    paragraphs: 'Belastbaar voor:\ntillen tot 10 kg\nwisselend staan en zitten',
  },
];

describe("the other physician's column", () => {
  const browser = useBrowser();
  let server: TestServer;
  let baClient: CollabClient;

  beforeEach(async () => {
    server = await startTestServer({ clientDir: CLIENT_DIR });
    baClient = connectDoc(server.collabUrl, OCCUPATIONAL, await server.login('ba.demo'));
    await baClient.synced();
  });
  afterEach(async () => {
    baClient.destroy();
    await server.close();
  });

  it.each(STORED_ELSEWHERE)('shows what is stored and never sends a change to it: $what', async ({ content, paragraphs }) => {
    baClient.doc.getXmlFragment(SECTION).insert(0, content());
    const stored = baClient.doc.getXmlFragment(SECTION).toString();

    const va = await browser.newPhysician(server.url, 'va.demo');
    await va.openCase(DEMO_CASE_ID);
    await waitForText(va.editors.other(SECTION), paragraphs.split('\n').at(-1)!);
    const vaPresent = () => presentNames(baClient).includes('Victor Visser');
    await waitFor(vaPresent, { what: "the VA's presence on the BA's document" });

    await va.editors.typeAtEnd(va.editors.other(SECTION), 'VA schrijft mee');
    await va.page.keyboard.press('Enter');
    expect(await va.editors.textOf('other', SECTION)).toBe(paragraphs);

    // The server handles a connection's close after everything it sent before.
    await va.leaveCase();
    await waitFor(() => !vaPresent(), { what: 'the VA to leave the BA document' });
    expect(baClient.doc.getXmlFragment(SECTION).toString()).toBe(stored);
    expect(await server.stores.audit.list({ caseId: DEMO_CASE_ID, action: 'denied' })).toEqual([]);
    expect(va.pageErrors).toEqual([]);
  });
});

function paragraph(text: string): Y.XmlElement {
  const element = new Y.XmlElement('paragraph');
  element.insert(0, [new Y.XmlText(text)]);
  return element;
}

function bulletList(items: string[]): Y.XmlElement {
  const list = new Y.XmlElement('bulletList');
  list.insert(
    0,
    items.map((item) => {
      const listItem = new Y.XmlElement('listItem');
      listItem.insert(0, [paragraph(item)]);
      return listItem;
    }),
  );
  return list;
}

/** Names of the users whose presence (awareness) this client sees on its document. */
function presentNames(client: CollabClient): string[] {
  return [...client.provider.awareness.getStates().values()].flatMap((state) => {
    const name = (state as { user?: { name?: unknown } }).user?.name;
    return typeof name === 'string' ? [name] : [];
  });
}
