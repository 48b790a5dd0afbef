import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { DEMO_CASE_ID, DEMO_PASSWORD } from '../../server/seed.ts';
import { startTestServer, type TestServer } from './testServer.ts';
import { Comments } from './pages/comments.ts';
import { FIRST_SECTION, UI_TIMEOUT_MS } from './pages/common.ts';
import { Disputes } from './pages/disputes.ts';
import { Editors } from './pages/editors.ts';
import { Notifications } from './pages/notifications.ts';
import { EmployerSummaryPage, History } from './pages/history.ts';
import { Layout } from './pages/layout.ts';
import { Sessions } from './pages/sessions.ts';
import { SectionWorkflow } from './pages/workflow.ts';
import { WorkQueuePage } from './pages/workQueue.ts';
import { WorkspaceView } from './pages/workspace.ts';

export { waitForText, type EditorPart, type PositionPart } from './pages/common.ts';

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

/**
 * One browser per test file; every physician or visitor gets a fresh context
 * (own cookies, own storage), closed after each test. `serviceWorkers:
 * 'block'` keeps the service worker out, so that every request is the network's.
 */
export function useBrowser(options: { serviceWorkers?: 'allow' | 'block' } = {}) {
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
    const context = await browser.newContext({ locale: 'nl-NL', ...options });
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

/**
 * A signed-in physician (or reviewer): the case list and the case workspace.
 * Each feature of the workspace has its own page object (test/helpers/pages):
 * `ba.editors.typeInOwn(...)`, `ba.workflow.propose(...)`, `va.sessions.show()`.
 */
export class PhysicianPage extends WorkspacePage {
  /** The editors of the sections: text, carets, selections, qualifiers. */
  readonly editors = new Editors(this);
  /** The workspace around them: connection, navigation, overview, presence, language. */
  readonly workspace = new WorkspaceView(this);
  /** A section's workflow: flag, proposal, signatures. */
  readonly workflow = new SectionWorkflow(this);
  readonly disputes = new Disputes(this);
  readonly sessions = new Sessions(this);
  readonly comments = new Comments(this);
  /** The history view (versions, comparison, log) and the employer summary. */
  readonly history = new History(this);
  readonly employer = new EmployerSummaryPage(this);
  /** The notifications across cases: the top bar's count, toasts, the inbox and the e-mail setting. */
  readonly notifications = new Notifications(this);
  /** The case list as a work queue: search, filters, sorting, pages. */
  readonly queue = new WorkQueuePage(this);
  /** Column widths, overflow, the navigation's toggle, keyboard moves. */
  readonly layout = new Layout(this);

  /** This user's role in the case, learned when the case opens (a reviewer opens it with openCaseAsReviewer). */
  role: 'ba' | 'va' | 'reviewer' | null = null;

  /** Opens a case from the case list and waits until both columns show the server's content. */
  async openCase(caseId: string): Promise<void> {
    await this.page.locator(`a.case-link[href="/cases/${encodeURIComponent(caseId)}"]`).click();
    await this.waitForWorkspace();
  }

  /** An independent reviewer opens a case they review: every editor is there, read-only. */
  async openCaseAsReviewer(caseId: string): Promise<void> {
    await this.page.locator(`a.case-link[href="/cases/${encodeURIComponent(caseId)}"]`).click();
    await this.page.getByTestId('reviewer-notice').waitFor();
    await this.workspace.connection.and(this.page.locator('[data-state="connected"]')).waitFor();
    for (const part of ['occupational', 'insurance', 'joint'] as const) await this.editors.editor(part, FIRST_SECTION).waitFor();
    this.role = 'reviewer';
  }

  /** Reloads the page (a fresh client state) and waits for the workspace to be live again. */
  async reload(): Promise<void> {
    await this.page.reload();
    await this.waitForWorkspace();
  }

  /** The editors of the first group are shown and all three documents are live. */
  async waitForWorkspace(section = FIRST_SECTION): Promise<void> {
    await this.workspace.connection.and(this.page.locator('[data-state="connected"]')).waitFor();
    for (const part of ['occupational', 'insurance', 'joint'] as const) await this.editors.editor(part, section).waitFor();
    const own = await this.editors.editor('occupational', section).getAttribute('aria-readonly');
    this.role = own === 'false' ? 'ba' : 'va';
  }

  /** Back to the case list, which closes the case's documents. */
  async leaveCase(): Promise<void> {
    await this.page.getByRole('link', { name: 'Terug naar dossiers' }).click();
    await this.caseListHeading.waitFor();
  }

  /** The open modal dialog. */
  get dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  /** Follows a download link and returns what the browser saved. */
  async download(link: Locator): Promise<{ filename: string; content: Buffer }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), link.click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { filename: download.suggestedFilename(), content: Buffer.concat(chunks) };
  }
}
