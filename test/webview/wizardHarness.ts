// Loads the BUILT wizard bundle (dist/webview/wizard.js) into real headless
// Chromium, in a page shaped like a VS Code webview (the same CSP, theme
// variables, a theme class on <body>), with the real host side answering: the
// page's `acquireVsCodeApi().postMessage` goes to a WizardSession in this
// process over the real message protocol, and the session's messages come back
// as window `message` events, as VS Code delivers them.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Frame, Page } from 'playwright-core';
import { WizardSession } from '../../src/extension/wizard/wizardSession';
import type { WizardToWebview, WizardView } from '../../src/protocol';
import type { NodeServices } from '../unit/wizard/nodeServices';
import { CHROMIUM, CHROMIUM_ARGS, webviewPageHtml } from './webviewPage';

/** The built bundle under test. */
export const WIZARD_BUNDLE = join(__dirname, '..', '..', 'dist', 'webview', 'wizard.js');
const NONCE = 'd2l6YXJkbm9uY2U=';

/** Options of a test page. */
export interface WizardPageOptions {
  theme?: 'dark' | 'light';
  /** Webview state the page finds in getState (as after a reload). */
  state?: unknown;
  width?: number;
  height?: number;
}

function pageHtml(opts: WizardPageOptions, origin: string): string {
  return webviewPageHtml({
    app: 'wizard',
    title: 'wizard test',
    nonce: NONCE,
    cspSource: origin,
    theme: opts.theme,
    state: opts.state,
    postMessage: 'window.__toHost(JSON.parse(JSON.stringify(m)))',
  });
}

/** A browser and a local server for the wizard's pages. */
export class WizardHarness {
  private server: Server | undefined;
  private browser: Browser | undefined;
  private origin = '';
  private readonly pending = new Map<string, WizardPageOptions>();
  private seq = 0;

  /** Starts the server on 127.0.0.1 (ephemeral port) and Chromium. */
  async start(): Promise<void> {
    if (!existsSync(WIZARD_BUNDLE)) throw new Error(`${WIZARD_BUNDLE} is missing: build first (node esbuild.mjs)`);
    const bundle = readFileSync(WIZARD_BUNDLE);
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/wizard.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
      const opts = this.pending.get(url.searchParams.get('id') ?? '');
      if (url.pathname === '/' && opts)
        return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pageHtml(opts, this.origin));
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  }

  /** Opens the wizard in a fresh page, wired to a session over `services` (a new one, or the one given). */
  async open(services: NodeServices, opts: WizardPageOptions = {}, session?: WizardSession): Promise<WizardPage> {
    if (!this.browser) throw new Error('harness not started');
    const id = String(++this.seq);
    this.pending.set(id, opts);
    const page = await this.browser.newPage({ viewport: { width: opts.width ?? 1280, height: opts.height ?? 860 } });
    const s = session ?? (await WizardSession.create(services, services.persisted));
    const wp = new WizardPage(page, s, services);
    await page.exposeFunction('__toHost', (m: unknown) => wp.fromPage(m));
    page.on('pageerror', (e) => wp.errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') wp.errors.push(m.text());
    });
    await page.goto(`${this.origin}/?id=${id}`);
    await wp.waitForView((v) => v.log.length > 0);
    await page.locator('#chat-log li.entry').first().waitFor();
    return wp;
  }

  /** Closes the browser and the server. */
  async stop(): Promise<void> {
    await this.browser?.close();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** One page showing the wizard, and the host session behind it. */
export class WizardPage {
  readonly errors: string[] = [];
  /** Every message the page sent, in order (as the host received it). */
  readonly sent: unknown[] = [];
  view: WizardView | undefined;
  /** Messages the session has finished handling. */
  handled = 0;
  private ready = false;
  private readonly unsubscribe: () => void;

  constructor(
    readonly page: Page,
    readonly session: WizardSession,
    readonly services: NodeServices,
  ) {
    this.unsubscribe = session.onMessage((m) => this.toPage(m));
  }

  /** A message from the page: recorded, then handled by the session like the panel does. */
  async fromPage(m: unknown): Promise<void> {
    this.sent.push(m);
    if (m && typeof m === 'object' && (m as { type?: unknown }).type === 'ready') this.ready = true;
    try {
      await this.session.receive(m);
    } finally {
      this.handled++;
    }
  }

  private toPage(m: WizardToWebview): void {
    if (m.type === 'state') this.view = m.view;
    if (!this.ready || this.page.isClosed()) return;
    void this.page.evaluate((msg) => window.postMessage(msg, '*'), m).catch(() => undefined);
  }

  /** The document of the page (for locators). */
  get frame(): Frame {
    return this.page.mainFrame();
  }

  /** Waits until the host's view satisfies `pred` and the page has shown that many log entries. */
  async waitForView(pred: (v: WizardView) => boolean, timeoutMs = 20_000): Promise<WizardView> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = this.view;
      if (v && pred(v)) {
        const shown = await this.page.locator('#chat-log li.entry').count();
        if (shown >= v.log.length) return v;
      }
      if (Date.now() > end)
        throw new Error(
          `the view did not get there within ${timeoutMs} ms; step ${v?.step.id}, last: ${JSON.stringify(v?.log.at(-1))}; page errors: ${this.errors.join(' | ')}`,
        );
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Runs a page action that sends one message, and waits until the host handled it and the page shows the result. */
  async act(action: () => Promise<unknown>): Promise<WizardView> {
    const before = this.handled;
    await action();
    const end = Date.now() + 20_000;
    while (this.handled <= before) {
      if (Date.now() > end) throw new Error(`the page sent nothing the host handled; page errors: ${this.errors.join(' | ')}`);
      await new Promise((r) => setTimeout(r, 15));
    }
    return this.waitForView(() => true);
  }

  /** Types an answer into the field and presses Enter, then waits for the reply. */
  async type(text: string): Promise<WizardView> {
    const input = this.page.locator('#answer input');
    await input.fill(text);
    return this.act(() => input.press('Enter'));
  }

  /** Clicks the chip with this value, then waits for the reply. */
  async chip(value: string): Promise<WizardView> {
    return this.act(() => this.page.locator(`#chips button.chip[data-value="${value}"]`).click());
  }

  /** The webview state the page saved. */
  state(): Promise<Record<string, unknown> | null> {
    return this.page.evaluate(() => (window as unknown as { __state: Record<string, unknown> | null }).__state);
  }

  /** CSP violations seen by the page. */
  violations(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
  }

  /** Closes the page (the session stays, as when a panel is closed). */
  async close(): Promise<void> {
    this.unsubscribe();
    await this.page.close();
  }
}

/** After a test: its page (if it opened one) had no script error and no CSP violation; then it is closed. */
export async function closeCheckedPage(p: WizardPage | undefined): Promise<void> {
  if (!p) return;
  assert.deepEqual(
    p.errors.filter((e) => !/favicon|404/.test(e)),
    [],
    'no page errors',
  );
  assert.deepEqual(await p.violations(), [], 'no CSP violations');
  await p.close();
}
