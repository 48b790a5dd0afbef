import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { DEMO_CASE_ID, DEMO_PASSWORD } from '../../server/seed.ts';
import { startTestServer, type TestServer } from './testServer.ts';
import { waitFor } from './waitFor.ts';

/** The built client (`npm run build:client`), which the browser tests' servers serve. */
export const CLIENT_DIR = fileURLToPath(new URL('../../dist/client', import.meta.url));

/**
 * One workspace server with the built client for the whole describe block
 * (started before its tests, closed after them); the getter gives it to a test.
 */
export function useWorkspaceServer(): () => TestServer {
  let server: TestServer | null = null;
  beforeAll(async () => {
    server = await startTestServer({ clientDir: CLIENT_DIR });
  });
  afterAll(async () => {
    await server?.close();
    server = null;
  });
  return () => {
    if (!server) throw new Error('useWorkspaceServer(): the server only runs inside the tests of its describe block');
    return server;
  };
}

/** Debian's Chromium; the tests never download a browser. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless, and without Chromium's own traffic: the test server on 127.0.0.1 is all it talks to. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** How long a user would reasonably wait for something to show up (every wait's default). */
const UI_TIMEOUT_MS = 10_000;

/** The section shown first (the first group of the template). */
const FIRST_SECTION = 'd240';

/** The document behind an editor: the BA's position, the VA's, or the joint draft (DESIGN §3). */
export type EditorPart = 'occupational' | 'insurance' | 'joint';

/** The documents that hold one physician's position (and qualifiers). */
export type PositionPart = Exclude<EditorPart, 'joint'>;

/**
 * One browser per test file; every physician or visitor gets a fresh context
 * (own cookies, own storage), closed after each test.
 */
export function useBrowser() {
  let browser: Browser | null = null;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
    browser = null;
  });

  const newContext = async (): Promise<BrowserContext> => {
    if (!browser) throw new Error('useBrowser(): the browser is not running (call it at the top of a test file)');
    const context = await browser.newContext({ locale: 'nl-NL' });
    context.setDefaultTimeout(UI_TIMEOUT_MS);
    contexts.push(context);
    return context;
  };

  /** A physician in a fresh browser, logged in through the real login form, looking at the case list. */
  const newPhysician = async (url: string, username: string, password = DEMO_PASSWORD): Promise<PhysicianPage> => {
    const physician = new PhysicianPage(await (await newContext()).newPage(), url);
    await physician.goto('/');
    await physician.logIn(username, password);
    await physician.caseListHeading.waitFor();
    return physician;
  };

  return {
    /** An anonymous visitor in a fresh browser, arriving at `path` (a bookmark, say). */
    async newVisitor(url: string, path = '/'): Promise<WorkspacePage> {
      const visitor = new WorkspacePage(await (await newContext()).newPage(), url);
      await visitor.goto(path);
      return visitor;
    },
    newPhysician,
    /** ba.demo and va.demo, each in their own browser, with a case open (the demo case unless told), checked to be its BA and VA. */
    async bothPhysicians(url: string, caseId = DEMO_CASE_ID): Promise<{ ba: PhysicianPage; va: PhysicianPage }> {
      const [ba, va] = await Promise.all([newPhysician(url, 'ba.demo'), newPhysician(url, 'va.demo')]);
      await Promise.all([ba.openCase(caseId), va.openCase(caseId)]);
      expect([ba.role, va.role]).toEqual(['ba', 'va']);
      return { ba, va };
    },
  };
}

/** No uncaught error in any of these pages: a healthy client has none. */
export function expectNoPageErrors(...pages: WorkspacePage[]): void {
  for (const page of pages) expect(page.pageErrors, `page errors of the ${page instanceof PhysicianPage ? page.role : 'visitor'}`).toEqual([]);
}

/** Any page of the workspace, signed in or not. */
export class WorkspacePage {
  /** Uncaught errors in the page: a healthy client has none. */
  readonly pageErrors: string[] = [];

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    page.on('pageerror', (error) => this.pageErrors.push(`${error.message} ${error.stack ?? ''}`));
  }

  get loginForm(): Locator {
    return this.page.getByRole('form', { name: 'Inloggen' });
  }

  get alert(): Locator {
    return this.page.getByRole('alert');
  }

  get caseListHeading(): Locator {
    return this.page.getByRole('heading', { name: 'Mijn dossiers' });
  }

  async goto(path: string): Promise<void> {
    await this.page.goto(new URL(path, this.baseUrl).href);
  }

  /** Fills in and submits the login form, as a user would. */
  async logIn(username: string, password: string): Promise<void> {
    await this.page.getByLabel('Gebruikersnaam').fill(username);
    await this.page.getByLabel('Wachtwoord').fill(password);
    await this.page.getByRole('button', { name: 'Inloggen' }).click();
  }
}

/** A signed-in physician: the case list and the case workspace. */
export class PhysicianPage extends WorkspacePage {
  /** Opens a case from the case list and waits until both columns show the server's content. */
  async openCase(caseId: string): Promise<void> {
    await this.page.locator(`a.case-link[href="/cases/${encodeURIComponent(caseId)}"]`).click();
    await this.waitForWorkspace();
  }

  /** Reloads the page (a fresh client state) and waits for the workspace to be live again. */
  async reload(): Promise<void> {
    await this.page.reload();
    await this.waitForWorkspace();
  }

  /** This user's role in the case, learned when the case opens (a reviewer opens it with openCaseAsReviewer). */
  role: 'ba' | 'va' | 'reviewer' | null = null;

  editor(part: EditorPart, section: string): Locator {
    return this.page.getByTestId(`editor-${part}-${section}`);
  }

  get ownPart(): PositionPart {
    return this.role === 'va' ? 'insurance' : 'occupational';
  }

  get otherPart(): PositionPart {
    return this.role === 'va' ? 'occupational' : 'insurance';
  }

  ownEditor(section: string): Locator {
    return this.editor(this.ownPart, section);
  }

  otherEditor(section: string): Locator {
    return this.editor(this.otherPart, section);
  }

  jointEditor(section: string): Locator {
    return this.editor('joint', section);
  }

  /**
   * The text of a section's position, one line per paragraph (list items
   * included), without the carets and name labels the editor overlays on it.
   */
  async textOf(column: EditorPart | 'own' | 'other', section: string): Promise<string> {
    const part = column === 'own' ? this.ownPart : column === 'other' ? this.otherPart : column;
    return this.editor(part, section).evaluate((editor) => {
      const copy = editor.cloneNode(true) as HTMLElement;
      for (const caret of copy.querySelectorAll('.collab-caret')) caret.remove();
      return [...copy.querySelectorAll('p')].map((paragraph) => paragraph.textContent ?? '').join('\n');
    });
  }

  /** Types at the end of the physician's own position and waits for the editor to show it. */
  async typeInOwn(section: string, text: string): Promise<void> {
    await this.typeAtEnd(this.ownEditor(section), text);
    await waitForText(this.ownEditor(section), text);
  }

  /** Types into an editor the way a user would: click into it, go to the end, type. */
  async typeAtEnd(editor: Locator, text: string): Promise<void> {
    await this.placeCaret(editor, 'end');
    await this.page.keyboard.type(text);
  }

  /** Types at the very start of an editor: click into it, Ctrl+Home, type. */
  async typeAtStart(editor: Locator, text: string): Promise<void> {
    await this.placeCaret(editor, 'start');
    await this.page.keyboard.type(text);
  }

  /** Clicks into an editor and puts the caret at its start (Ctrl+Home) or end (Ctrl+End). */
  async placeCaret(editor: Locator, where: 'start' | 'end'): Promise<void> {
    await editor.click();
    await this.page.keyboard.press(where === 'end' ? 'Control+End' : 'Control+Home');
    await caretSettled(editor, where);
  }

  /** The case's connection indicator: `data-state`, and `data-pending` unconfirmed changes. */
  get connection(): Locator {
    return this.page.getByTestId('connection-indicator');
  }

  /** The editors of the first group are shown and all three documents are live. */
  async waitForWorkspace(section = FIRST_SECTION): Promise<void> {
    await this.connection.and(this.page.locator('[data-state="connected"]')).waitFor();
    for (const part of ['occupational', 'insurance', 'joint'] as const) await this.editor(part, section).waitFor();
    const own = await this.editor('occupational', section).getAttribute('contenteditable');
    this.role = own === 'true' ? 'ba' : 'va';
  }

  /**
   * Waits until a section's position shows exactly `text` (see textOf) and
   * returns how long that took; `what` names it in the error.
   */
  async waitForExactText(column: EditorPart | 'own' | 'other', section: string, text: string, timeoutMs = UI_TIMEOUT_MS): Promise<number> {
    const start = Date.now();
    let shown = '';
    try {
      await waitFor(async () => (shown = await this.textOf(column, section)) === text, { timeoutMs, what: 'the text' });
    } catch (error) {
      throw new Error(`Expected the ${column} editor of ${section} (${this.role}) to show ${JSON.stringify(text)}; it shows ${JSON.stringify(shown)}`, {
        cause: error,
      });
    }
    return Date.now() - start;
  }

  /** Waits until the service worker controls the page, so the app shell opens without a network. */
  async offlineReady(): Promise<void> {
    await this.page.waitForFunction(async () => {
      await navigator.serviceWorker.ready;
      return navigator.serviceWorker.controller !== null;
    });
  }

  /** Every change of this browser has been confirmed as durable by the server. */
  async waitUntilSaved(): Promise<void> {
    await this.connection.and(this.page.locator('[data-state="connected"][data-pending="0"]')).waitFor();
  }

  // ---- Navigation ---------------------------------------------------------

  navButton(view: string): Locator {
    return this.page.getByTestId(`nav-${view}`);
  }

  /** Shows one group of the template (or `overview`, the matrix), as a click in the navigation does. */
  async showGroup(view: string): Promise<void> {
    await this.navButton(view).click();
    await this.navButton(view).and(this.page.locator('[aria-current="page"]')).waitFor();
  }

  async showOverview(): Promise<void> {
    await this.showGroup('overview');
    await this.page.locator('table.matrix').waitFor();
  }

  section(section: string): Locator {
    return this.page.getByTestId(`section-${section}`);
  }

  /** The section's heading: where focus lands after a jump. */
  sectionHeading(section: string): Locator {
    return this.page.locator(`h2[id="section-${section}"]`);
  }

  /** The id of the element that has focus ('' for none). */
  async focusedId(): Promise<string> {
    return this.page.evaluate(() => document.activeElement?.id ?? '');
  }

  // ---- Qualifiers and differences ----------------------------------------

  /** A select in the physician's own column, an output in the other's. */
  qualifier(part: PositionPart, section: string): Locator {
    return this.page.getByTestId(`qualifier-${part}-${section}`);
  }

  /** Chooses an ICF qualifier for a section in the physician's own column ('' for none). */
  async chooseQualifier(section: string, code: string): Promise<void> {
    await this.qualifier(this.ownPart, section).selectOption(code);
  }

  /** Waits until the other physician's qualifier of a section shows `code`. */
  async waitForOtherQualifier(section: string, code: string): Promise<void> {
    await this.qualifier(this.otherPart, section)
      .and(this.page.locator(`[data-value="${code}"]`))
      .waitFor();
  }

  /** The section's difference marker; `data-level` is none, minor or major. */
  difference(section: string): Locator {
    return this.page.getByTestId(`difference-${section}`);
  }

  async waitForDifference(section: string, level: 'none' | 'minor' | 'major'): Promise<void> {
    await this.difference(section)
      .and(this.page.locator(`[data-level="${level}"]`))
      .waitFor();
  }

  // ---- Overview matrix ----------------------------------------------------

  matrixRow(section: string): Locator {
    return this.page.getByTestId(`matrix-row-${section}`);
  }

  matrixCell(kind: 'filled-ba' | 'filled-va' | 'qualifier-ba' | 'qualifier-va', section: string): Locator {
    return this.page.getByTestId(`matrix-${kind}-${section}`);
  }

  /** Chooses a section in the matrix (the button with its name). */
  async openFromMatrix(section: string): Promise<void> {
    await this.matrixRow(section).getByRole('button').click();
  }

  // ---- Presence and carets ------------------------------------------------

  /** The header's entry for a physician: `data-online`, `data-section`. */
  presence(role: 'ba' | 'va'): Locator {
    return this.page.getByTestId(`presence-${role}`);
  }

  /** The other physician's carets drawn in one editor. */
  caretsIn(editor: Locator): Locator {
    return editor.locator('.collab-caret');
  }

  /** Every other physician's caret on the page. */
  get allCarets(): Locator {
    return this.page.locator('.collab-caret');
  }

  // ---- Language -----------------------------------------------------------

  /** Switches the interface language with the picker in the top bar. */
  async chooseLanguage(language: 'nl' | 'en'): Promise<void> {
    await this.page.locator('label.language select').selectOption(language);
    await this.page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
  }

  // ---- Workflow: sections (issue 4) ---------------------------------------

  /** An independent reviewer opens a case they review: every editor is there, read-only. */
  async openCaseAsReviewer(caseId: string): Promise<void> {
    await this.page.locator(`a.case-link[href="/cases/${encodeURIComponent(caseId)}"]`).click();
    await this.page.getByTestId('reviewer-notice').waitFor();
    await this.connection.and(this.page.locator('[data-state="connected"]')).waitFor();
    for (const part of ['occupational', 'insurance', 'joint'] as const) await this.editor(part, FIRST_SECTION).waitFor();
    this.role = 'reviewer';
  }

  /** A section's status chip in its card: `data-status`, `data-persistent`. */
  statusChip(section: string): Locator {
    return this.page.getByTestId(`status-${section}`);
  }

  async waitForStatus(section: string, status: string): Promise<void> {
    await this.statusChip(section)
      .and(this.page.locator(`[data-status="${status}"]`))
      .waitFor();
  }

  /** A button in a section's card, by its exact name. */
  sectionButton(section: string, name: string): Locator {
    return this.section(section).getByRole('button', { name, exact: true });
  }

  /** The open modal dialog. */
  get dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  /** Flags a disagreement through the section's dialog. */
  async flagDisagreement(section: string, rationale: string, kind = 'capacity'): Promise<void> {
    await this.sectionButton(section, 'Onenigheid melden').click();
    await this.dialog.getByLabel('Soort verschil').selectOption(kind);
    await this.dialog.getByLabel('Toelichting').fill(rationale);
    await this.dialog.getByRole('button', { name: 'Melden', exact: true }).click();
    await this.dialog.waitFor({ state: 'detached' });
    await this.waitForStatus(section, 'disagreement');
  }

  /** Proposes the section's joint draft (as the server stores it) as the agreed position. */
  async proposeAgreement(section: string): Promise<void> {
    const button = this.section(section).getByRole('button', { name: /^(Concept voorstellen als gezamenlijk standpunt|Opnieuw voorstellen)$/ });
    await button.click();
    await this.waitForStatus(section, 'proposed');
  }

  /** The proposal shown in a section: its text, and whether the draft changed since (`data-changed`). */
  proposalText(section: string): Locator {
    return this.page.getByTestId(`proposal-text-${section}`);
  }

  proposalDiff(section: string): Locator {
    return this.page.getByTestId(`proposal-diff-${section}`);
  }

  async signAgreement(section: string): Promise<void> {
    await this.sectionButton(section, 'Ondertekenen').click();
  }

  // ---- Workflow: disputes --------------------------------------------------

  async showDisputes(): Promise<void> {
    await this.showGroup('disputes');
    await this.page.getByTestId('disputes-panel').waitFor();
  }

  /** Every dispute shown, open ones first. */
  get disputes(): Locator {
    return this.page.locator('article[data-dispute-id]');
  }

  /** A stage in a dispute's timeline: `data-state` reached, skipped or pending; `data-overdue`. */
  timelineStage(dispute: Locator, stage: 'opened' | 'peer_review' | 'formal_route' | 'closed'): Locator {
    return dispute.getByTestId(`timeline-${stage}`);
  }

  async waitForStage(dispute: Locator, stage: 'opened' | 'peer_review' | 'formal_route' | 'closed', state: 'reached' | 'skipped' | 'pending'): Promise<void> {
    await this.timelineStage(dispute, stage)
      .and(this.page.locator(`[data-state="${state}"]`))
      .waitFor();
  }

  /** Back to the case list, which closes the case's documents. */
  async leaveCase(): Promise<void> {
    await this.page.getByRole('link', { name: 'Terug naar dossiers' }).click();
    await this.caseListHeading.waitFor();
  }

  // ---- Consultation sessions (issue 5) -----------------------------------

  async showSessions(): Promise<void> {
    await this.showGroup('sessions');
    await this.sessionsPanel.waitFor();
  }

  get sessionsPanel(): Locator {
    return this.page.getByTestId('sessions-panel');
  }

  /** A session in the sessions view: `data-status` scheduled, live, concluded or cancelled. */
  sessionCard(sessionId: string): Locator {
    return this.page.getByTestId(`session-${sessionId}`);
  }

  /** The sessions listed under one status (the live one has its own panel, liveSession). */
  sessionsIn(status: 'scheduled' | 'concluded' | 'cancelled'): Locator {
    return this.page.getByTestId(`sessions-${status}`).locator('article[data-session-id]');
  }

  async waitForSessionStatus(sessionId: string, status: 'scheduled' | 'concluded' | 'cancelled'): Promise<void> {
    await this.sessionsIn(status)
      .and(this.page.locator(`[data-session-id="${sessionId}"]`))
      .waitFor();
  }

  /** A local date and time `minutes` from now, as the date and time inputs take them in this browser. */
  async localDateTime(minutes: number): Promise<{ date: string; time: string }> {
    return this.page.evaluate((minutes) => {
      const at = new Date(Date.now() + minutes * 60_000);
      const pad = (n: number) => String(n).padStart(2, '0');
      return { date: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`, time: `${pad(at.getHours())}:${pad(at.getMinutes())}` };
    }, minutes);
  }

  /** Fills in the date, time, duration and mode of the open schedule or reschedule dialog. */
  async fillSessionTiming(timing: { date: string; time: string; duration?: number; mode?: string }): Promise<void> {
    await this.dialog.getByLabel('Datum').fill(timing.date);
    await this.dialog.getByLabel('Begintijd').fill(timing.time);
    if (timing.duration !== undefined) await this.dialog.getByLabel('Duur (minuten)').fill(String(timing.duration));
    if (timing.mode !== undefined) await this.dialog.getByLabel('Vorm').selectOption(timing.mode);
  }

  /** The checkbox of a section in the open dialog's agenda ("d240 …"). */
  agendaCheckbox(section: string): Locator {
    return this.dialog.getByRole('checkbox', { name: new RegExp(`^${section} `) });
  }

  /** Submits the open schedule dialog and returns the id of the session it planned. */
  async submitSchedule(): Promise<string> {
    const before = new Set(await this.sessionsIn('scheduled').evaluateAll((articles) => articles.map((a) => a.getAttribute('data-session-id'))));
    await this.dialog.getByRole('button', { name: 'Plannen', exact: true }).click();
    await this.dialog.waitFor({ state: 'detached' });
    let id: string | null = null;
    await waitFor(
      async () => {
        const now = await this.sessionsIn('scheduled').evaluateAll((articles) => articles.map((a) => a.getAttribute('data-session-id')));
        id = now.find((candidate) => candidate && !before.has(candidate)) ?? null;
        return id !== null;
      },
      { timeoutMs: UI_TIMEOUT_MS, what: 'the new session' },
    );
    return id!;
  }

  /** The live session's panel: `data-session-id`, and `data-current` the agenda item both screens show. */
  get liveSession(): Locator {
    return this.page.getByTestId('live-session');
  }

  async waitForCurrentItem(section: string): Promise<void> {
    await this.liveSession.and(this.page.locator(`[data-current="${section}"]`)).waitFor();
    await this.page
      .getByTestId('live-item')
      .and(this.page.locator(`[data-section="${section}"]`))
      .waitFor();
  }

  /** A physician in the live session's presence list: `data-present`. */
  sessionPresence(role: 'ba' | 'va'): Locator {
    return this.page.getByTestId(`session-presence-${role}`);
  }

  async waitForPresent(role: 'ba' | 'va', present = true): Promise<void> {
    await this.sessionPresence(role)
      .and(this.page.locator(`[data-present="${present}"]`))
      .waitFor();
  }

  /** An item in the live session's agenda: `data-current`, `data-outcome`. */
  agendaItem(section: string): Locator {
    return this.page.getByTestId(`agenda-item-${section}`);
  }

  async waitForOutcome(section: string, outcome: 'agreed' | 'still_disagree' | 'escalated' | 'deferred'): Promise<void> {
    await this.agendaItem(section)
      .and(this.page.locator(`[data-outcome="${outcome}"]`))
      .waitFor();
  }

  /** Records the outcome (by its Dutch label) of the current agenda item, with notes for the minutes. */
  async recordOutcome(label: string, notes: string): Promise<void> {
    const form = this.page.getByTestId('outcome-form');
    await form.getByRole('radio', { name: label, exact: true }).check();
    await form.getByLabel('Notities voor het verslag').fill(notes);
    await form.getByRole('button', { name: /^Uitkomst (vastleggen|bijwerken)$/ }).click();
  }

  /** Follows a download link and returns what the browser saved. */
  async download(link: Locator): Promise<{ filename: string; content: Buffer }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), link.click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { filename: download.suggestedFilename(), content: Buffer.concat(chunks) };
  }

  // ---- Margin comments (issue 5) ------------------------------------------

  /**
   * Selects the first occurrence of `words` in an editor, as a drag of the
   * mouse over them would: a browser selection, also in a read-only editor.
   */
  async selectWords(editor: Locator, words: string): Promise<void> {
    await editor.evaluate((element, words) => {
      const found = findWords(element, words);
      const range = document.createRange();
      range.setStart(found.start.node, found.start.offset);
      range.setEnd(found.end.node, found.end.offset);
      const selection = document.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);

      function findWords(root: Element, text: string) {
        // The other physician's caret and its name label are no text of the document.
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
          acceptNode: (node) => (node.parentElement?.closest('.collab-caret') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
        });
        const nodes: Text[] = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
        const all = nodes.map((node) => node.data).join('');
        const from = all.indexOf(text);
        if (from < 0) throw new Error(`"${text}" is not in the editor: "${all}"`);
        const at = (index: number, end: boolean) => {
          let passed = 0;
          for (const node of nodes) {
            if (index < passed + node.length || (end && index === passed + node.length)) return { node, offset: index - passed };
            passed += node.length;
          }
          throw new Error('past the end');
        };
        return { start: at(from, false), end: at(from + text.length, true) };
      }
    }, words);
  }

  /**
   * In an editable editor, selects `words` (or puts the caret right before
   * them, `caretBefore`) through the editor itself, and focuses it.
   */
  async selectInOwn(editor: Locator, words: string, { caretBefore = false } = {}): Promise<void> {
    await this.selectWords(editor, words);
    await editor.evaluate((element, caretBefore) => {
      // Tiptap puts its editor on the ProseMirror element.
      interface View {
        posAtDOM(node: Node, offset: number): number;
      }
      const editor = (
        element as unknown as { editor: { view: View; chain(): { focus(): { setTextSelection(range: { from: number; to: number }): { run(): boolean } } } } }
      ).editor;
      const range = document.getSelection()!.getRangeAt(0);
      const from = editor.view.posAtDOM(range.startContainer, range.startOffset);
      const to = caretBefore ? from : editor.view.posAtDOM(range.endContainer, range.endOffset);
      editor.chain().focus().setTextSelection({ from, to }).run();
    }, caretBefore);
  }

  /** The button that starts a thread on the selection in one editor. */
  commentButton(part: EditorPart, section: string): Locator {
    return this.page.getByTestId(`comment-add-${part}-${section}`);
  }

  /** Selects `words` in an editor, starts a thread on them with `text`, and returns the new thread's id. */
  async commentOn(part: EditorPart, section: string, words: string, text: string): Promise<string> {
    await this.selectWords(this.editor(part, section), words);
    await this.commentButton(part, section).click();
    const form = this.page.getByTestId('new-thread');
    await form.getByLabel('Uw opmerking').fill(text);
    await form.getByRole('button', { name: 'Plaatsen' }).click();
    await form.waitFor({ state: 'detached' });
    const thread = this.threadsIn(section).filter({ hasText: text }).first();
    await thread.waitFor();
    return (await thread.getAttribute('data-thread-id'))!;
  }

  /** The threads in a section's margin, in the order of their text. */
  threadsIn(section: string): Locator {
    return this.section(section).getByTestId('thread');
  }

  /** A thread in the margin: `data-state` open or resolved, `data-detached`, `data-unread`. */
  thread(threadId: string): Locator {
    return this.page.locator(`article[data-testid="thread"][data-thread-id="${threadId}"]`);
  }

  /** The comments of a thread, oldest first. */
  commentsOf(threadId: string): Locator {
    return this.thread(threadId).getByTestId('comment');
  }

  async replyTo(threadId: string, text: string): Promise<void> {
    const form = this.thread(threadId).getByTestId('thread-reply');
    await form.getByLabel('Uw antwoord').fill(text);
    await form.getByRole('button', { name: 'Antwoorden' }).click();
    await this.commentsOf(threadId).filter({ hasText: text }).waitFor();
  }

  /**
   * The text an editor highlights for a thread, without carets: the words the
   * thread is anchored to as this browser resolves its anchor now.
   */
  async highlightedText(editor: Locator, threadId: string): Promise<string> {
    return editor.evaluate((element, threadId) => {
      const copy = element.cloneNode(true) as HTMLElement;
      for (const caret of copy.querySelectorAll('.collab-caret')) caret.remove();
      return [...copy.querySelectorAll(`[data-thread-id="${threadId}"]`)].map((span) => span.textContent ?? '').join('');
    }, threadId);
  }

  /** Waits until an editor highlights exactly `text` for a thread. */
  async waitForHighlight(editor: Locator, threadId: string, text: string): Promise<void> {
    let shown = '';
    try {
      await waitFor(async () => (shown = await this.highlightedText(editor, threadId)) === text, { timeoutMs: UI_TIMEOUT_MS, what: 'the highlight' });
    } catch (error) {
      throw new Error(`Expected thread ${threadId} to highlight ${JSON.stringify(text)} (${this.role}); it highlights ${JSON.stringify(shown)}`, {
        cause: error,
      });
    }
  }

  /** The case header's comments button: `data-count` is this user's unread comments in the case. */
  get commentsUnread(): Locator {
    return this.page.getByTestId('comments-unread');
  }

  async waitForUnread(count: number): Promise<void> {
    await this.commentsUnread.and(this.page.locator(`[data-count="${count}"]`)).waitFor();
  }

  /** The case's inbox of comments (the navigation's "Opmerkingen"). */
  async showComments(): Promise<void> {
    await this.showGroup('comments');
    await this.page.getByTestId('comments-inbox').waitFor();
  }

  /** The threads in the inbox, in its order (unread first); `data-unread`, `data-state`. */
  get inboxThreads(): Locator {
    return this.page.getByTestId('inbox-thread');
  }

  /** Opens a thread from the inbox: it is marked read, and its text is shown. */
  async openFromInbox(threadId: string): Promise<void> {
    await this.inboxThreads
      .and(this.page.locator(`[data-thread-id="${threadId}"]`))
      .getByRole('button')
      .click();
    await this.thread(threadId).waitFor();
  }
}

/**
 * Waits until the editor has taken over the caret that a click and Ctrl+Home
 * or Ctrl+End moved: the browser moves its selection at once, the editor
 * reads it on the next `selectionchange`, and a test types faster than that.
 * (An editor update in between used to put the caret back; see
 * client/src/editor/caretFirst.ts.)
 */
async function caretSettled(editor: Locator, where: 'start' | 'end'): Promise<void> {
  if ((await editor.getAttribute('contenteditable')) !== 'true') return;
  await editor.evaluate(async (element, where) => {
    // Tiptap puts its editor on the ProseMirror element; Selection.atStart/atEnd are static, inherited by every selection class.
    interface Selection {
      empty: boolean;
      head: number;
      constructor: { atStart(doc: unknown): Selection; atEnd(doc: unknown): Selection };
    }
    const editor = (element as unknown as { editor: { state: { doc: unknown; selection: Selection } } }).editor;
    // Time rather than frames: a loaded machine renders few frames a second.
    for (const deadline = Date.now() + 5000; Date.now() < deadline;) {
      const { doc, selection } = editor.state;
      const target = where === 'end' ? selection.constructor.atEnd(doc) : selection.constructor.atStart(doc);
      if (selection.empty && selection.head === target.head) return;
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    throw new Error(`the editor's caret did not reach the ${where}`);
  }, where);
}

/** Waits until `locator` shows `text` (auto-waiting), with the text it did show in the error. */
export async function waitForText(locator: Locator, text: string, timeout = UI_TIMEOUT_MS): Promise<void> {
  try {
    await locator.filter({ hasText: text }).waitFor({ timeout });
  } catch (error) {
    const shown = await locator.innerText({ timeout: 1000 }).catch(() => '<not found>');
    throw new Error(`Expected ${String(locator)} to show ${JSON.stringify(text)} within ${timeout} ms; it shows ${JSON.stringify(shown)}`, {
      cause: error,
    });
  }
}
