// Loads the BUILT report view bundle (dist/webview/report.js) into real headless
// Chromium, in a page shaped like a VS Code webview: the same CSP (scripts by
// nonce only), theme variables on <html>, a theme class on <body>, and a stand-in
// `acquireVsCodeApi` that records what the view posts and keeps its state. Tests
// post host messages the way VS Code delivers them (a window `message` event).
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import type { ReportFromWebview, ReportToWebview } from '../../src/protocol';
import type { OpenedView } from './fixtures';
import { CHROMIUM, CHROMIUM_ARGS, webviewPageHtml } from './webviewPage';

/** The built bundle under test. */
export const BUNDLE = join(__dirname, '..', '..', 'dist', 'webview', 'report.js');
const NONCE = 'dGVzdG5vbmNl';

/** Options of a test page. */
export interface PageOptions {
  theme?: 'dark' | 'light';
  /** State the webview finds in getState (as after a reload). */
  state?: unknown;
  width?: number;
  height?: number;
}

function pageHtml(opts: PageOptions, origin: string): string {
  return webviewPageHtml({
    app: 'report',
    title: 'report view test',
    nonce: NONCE,
    cspSource: origin,
    theme: opts.theme,
    state: opts.state,
    prelude: 'window.__posted = [];',
    // Recorded, and handed to the test's host (which answers page requests from a real case index).
    postMessage: '(window.__posted.push(JSON.parse(JSON.stringify(m))), window.__toHost(JSON.parse(JSON.stringify(m))))',
  });
}

/** A browser and a local server for the view's pages. */
export class Harness {
  private server: Server | undefined;
  private browser: Browser | undefined;
  private origin = '';
  private readonly pending = new Map<string, PageOptions>();
  private seq = 0;

  /** Starts the server on 127.0.0.1 (ephemeral port) and Chromium. */
  async start(): Promise<void> {
    if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: build first (node esbuild.mjs)`);
    const bundle = readFileSync(BUNDLE);
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/report.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
        return;
      }
      if (url.pathname === '/favicon.ico') {
        res.writeHead(204).end();
        return;
      }
      const opts = this.pending.get(url.searchParams.get('id') ?? '');
      if (url.pathname === '/' && opts) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pageHtml(opts, this.origin));
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  }

  /** Opens the view in a fresh page; resolves once it posted `ready`. */
  async open(opts: PageOptions = {}): Promise<ViewPage> {
    if (!this.browser) throw new Error('harness not started');
    const id = String(++this.seq);
    this.pending.set(id, opts);
    const page = await this.browser.newPage({ viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    const view = new ViewPage(page, errors);
    await page.exposeFunction('__toHost', (m: ReportFromWebview) => view.fromView(m));
    await page.goto(`${this.origin}/?id=${id}`);
    await view.waitForPosted((m) => m.type === 'ready');
    return view;
  }

  /** Closes the browser and the server. */
  async stop(): Promise<void> {
    await this.browser?.close();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** One page showing the view. */
export class ViewPage {
  private shown: OpenedView | undefined;
  private held: Extract<ReportFromWebview, { type: 'queryCases' }>[] | undefined;
  /** Page requests the host answered (the view's `queryCases`). */
  readonly answered: Extract<ReportToWebview, { type: 'cases' }>[] = [];

  constructor(
    readonly page: Page,
    readonly errors: string[],
  ) {}

  /** What the host does with a message of the view: page requests are answered from the shown report's index. */
  async fromView(m: ReportFromWebview): Promise<void> {
    const shown = this.shown;
    if (m.type !== 'queryCases' || !shown) return;
    if (this.held) {
      this.held.push(m);
      return;
    }
    const answer = await shown.session.answer(m, shown.data.uri);
    if (answer?.type !== 'cases') return;
    this.answered.push(answer);
    if (!this.page.isClosed()) await this.send(answer);
  }

  /** Keeps the view's page requests unanswered until `release` (a slow host). */
  hold(): void {
    this.held = [];
  }

  /** The page requests held, oldest first. */
  heldRequests(): Extract<ReportFromWebview, { type: 'queryCases' }>[] {
    return [...(this.held ?? [])];
  }

  /** Answers the held page requests, newest first when `newestFirst`, and answers the next ones at once. */
  async release(newestFirst = false): Promise<void> {
    const held = this.held ?? [];
    this.held = undefined;
    for (const m of newestFirst ? [...held].reverse() : held) await this.fromView(m);
  }

  /** Sends a report as the host does and answers the view's page requests from its index; resolves on the next render. */
  show(view: OpenedView): Promise<Extract<ReportFromWebview, { type: 'rendered' }>> {
    this.shown = view;
    return this.sendAndRender({ type: 'report', data: view.data });
  }

  /** Delivers a host message as VS Code does. */
  async send(message: ReportToWebview): Promise<void> {
    await this.page.evaluate((m) => window.postMessage(m, '*'), message);
  }

  /** Every message the view posted, in order. */
  posted(): Promise<ReportFromWebview[]> {
    return this.page.evaluate(() => (window as unknown as { __posted: ReportFromWebview[] }).__posted);
  }

  /** The webview state the view saved. */
  state(): Promise<Record<string, unknown> | null> {
    return this.page.evaluate(() => (window as unknown as { __state: Record<string, unknown> | null }).__state);
  }

  /** CSP violations seen by the page. */
  violations(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
  }

  /** Waits for a posted message matching `pred` (counting from message `from`), returns it. */
  async waitForPosted<T extends ReportFromWebview>(pred: (m: ReportFromWebview) => m is T, from?: number, timeoutMs?: number): Promise<T>;
  async waitForPosted(pred: (m: ReportFromWebview) => boolean, from?: number, timeoutMs?: number): Promise<ReportFromWebview>;
  async waitForPosted(pred: (m: ReportFromWebview) => boolean, from = 0, timeoutMs = 15_000): Promise<ReportFromWebview> {
    const started = Date.now();
    for (;;) {
      const found = (await this.posted()).slice(from).find(pred);
      if (found) return found;
      if (Date.now() - started > timeoutMs)
        throw new Error(`no matching message within ${timeoutMs} ms; posted: ${JSON.stringify(await this.posted()).slice(0, 500)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Sends a host message and waits for the next `rendered` acknowledgement. */
  async sendAndRender(message: ReportToWebview): Promise<Extract<ReportFromWebview, { type: 'rendered' }>> {
    const before = (await this.posted()).length;
    await this.send(message);
    return this.waitForPosted((m): m is Extract<ReportFromWebview, { type: 'rendered' }> => m.type === 'rendered', before);
  }

  /** The next `rendered` acknowledgement after running `action`. */
  async rerendered(action: () => Promise<unknown>): Promise<Extract<ReportFromWebview, { type: 'rendered' }>> {
    const before = (await this.posted()).length;
    await action();
    return this.waitForPosted((m): m is Extract<ReportFromWebview, { type: 'rendered' }> => m.type === 'rendered', before);
  }
}
