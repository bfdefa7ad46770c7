// One report view panel: loads the report and its comparison, talks to the
// webview (which says `ready` first; messages wait until then), and carries out
// the webview's requests after validating them.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ReportFromWebview, ReportToWebview, ReportViewData } from '../../protocol';
import { webviewHtml, webviewOptions } from '../webview/webviewHtml';
import { isFile } from './reportHistory';
import { canRerun, openJson, openProfile, openXlsx, profileOf, rerun, revealInExplorer, xlsxOf } from './reportActions';
import { checkReportMessage } from './reportMessages';
import { findPreviousReport } from './previousReport';
import { ReportSession } from './reportSession';
import { reportTitle } from './reportTitle';

/** The webview panel type (also the serializer's key). */
export const REPORT_VIEW_TYPE = 'aiQualityKit.reportView';

/** The view's acknowledgement of a render. */
export type Rendered = Extract<ReportFromWebview, { type: 'rendered' }>;

/** What a panel needs from its owner. */
export interface PanelHost {
  extensionUri: vscode.Uri;
  /** Opens (or reveals) the report view of another report file. */
  openReport(file: string): Promise<unknown>;
  onDisposed(panel: ReportPanel): void;
  log(message: string): void;
}

function displayPath(file: string): string {
  return vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file)) ? vscode.workspace.asRelativePath(file, false) : file;
}

/** A report view panel bound to one JSON report file. */
export class ReportPanel implements vscode.Disposable {
  private currentFile: string;
  private ready = false;
  private readonly queue: ReportToWebview[] = [];
  private current: ReportToWebview | undefined;
  private previousFile: string | undefined;
  /** The report indexed for paging, once loaded. */
  private session: ReportSession | undefined;
  /** Counts loads: the work of an older load is dropped. */
  private loads = 0;
  private profile: string | undefined;
  private disposed = false;
  private readonly subscriptions: vscode.Disposable[] = [];
  private renderWaiters: ((r: Rendered) => void)[] = [];
  /** The last message posted to the webview. */
  lastSent: ReportToWebview | undefined;
  /** The webview's last render acknowledgement. */
  lastRendered: Rendered | undefined;
  /** Messages the webview sent that failed validation (reasons). */
  readonly rejected: string[] = [];
  /** Actions carried out, in order (for tests and the log). */
  readonly handled: ReportFromWebview['type'][] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    file: string,
    private readonly host: PanelHost,
  ) {
    this.currentFile = path.resolve(file);
    panel.webview.options = webviewOptions(host.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(host.extensionUri, 'media', 'icon.png');
    panel.webview.html = webviewHtml(panel.webview, host.extensionUri, 'report', `AI Quality Report: ${path.basename(file, '.json')}`);
    this.subscriptions.push(
      panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)),
      // A hidden webview is torn down (no retainContextWhenHidden); it says `ready` again when shown.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** The JSON report shown (a panel is reused for the newer reports of its profile). */
  get file(): string {
    return this.currentFile;
  }

  /** The run profile of the report shown, once loaded (absolute). */
  get profileFile(): string | undefined {
    return this.profile === undefined ? undefined : path.resolve(this.profile);
  }

  /** Shows another report (a newer run of the same profile) in this panel. */
  async retarget(file: string): Promise<void> {
    this.currentFile = path.resolve(file);
    this.previousFile = undefined;
    // Renders of the report shown before say nothing about this one.
    this.lastRendered = undefined;
    await this.load();
  }

  /** The run id once loaded. */
  get runId(): string | undefined {
    return this.current?.type === 'report' ? this.current.data.run.id : undefined;
  }

  /** The data the view shows, once loaded. */
  get data(): ReportViewData | undefined {
    return this.current?.type === 'report' ? this.current.data : undefined;
  }

  /**
   * Indexes the report (again) and sends its head, aggregates and first page;
   * then compares it with the previous run of its profile and sends that.
   */
  async load(): Promise<void> {
    const load = ++this.loads;
    this.session = undefined;
    let message: ReportToWebview;
    let session: ReportSession | undefined;
    const uri = vscode.Uri.file(this.file).toString();
    try {
      session = await ReportSession.open(this.file);
      const { run } = session.index.report;
      this.panel.title = reportTitle(run.profile, run.started_at);
      this.profile = run.profile;
      this.previousFile = await findPreviousReport(this.file, run.id, run.profile);
      const xlsx = xlsxOf(this.file);
      const profile = await profileOf(this.file, run.profile);
      const data = await session.viewData({
        uri,
        paths: {
          json: displayPath(this.file),
          xlsx: (await isFile(xlsx)) ? displayPath(xlsx) : null,
          profile: profile ? displayPath(profile) : null,
        },
        comparison: null,
        comparisonNote: this.previousFile
          ? 'Comparing with the previous run of this profile…'
          : 'This is the first finished run of this profile in its report folder: nothing to compare with yet.',
        canRerun: await canRerun(),
      });
      for (const p of data.problems) this.host.log(`report view: ${p}`);
      message = { type: 'report', data };
    } catch (err) {
      const text = err instanceof Error ? err.message : String(err);
      this.host.log(`report view: ${text}`);
      message = { type: 'loadError', uri, message: text };
      session = undefined;
    }
    if (this.disposed || load !== this.loads) return;
    this.session = session;
    this.current = message;
    this.post(message);
    if (session && this.previousFile) await this.compare(session, this.previousFile, load);
  }

  private async compare(session: ReportSession, previousFile: string, load: number): Promise<void> {
    let comparison = null;
    let comparisonNote = null;
    try {
      comparison = await session.compareWith(previousFile);
    } catch (err) {
      const first = (err instanceof Error ? err.message : String(err)).split('\n')[0];
      comparisonNote = `The previous report could not be read: ${first}`;
    }
    if (this.disposed || load !== this.loads || this.current?.type !== 'report') return;
    this.current = { type: 'report', data: { ...this.current.data, comparison, comparisonNote } };
    this.post({ type: 'comparison', uri: this.current.data.uri, comparison, comparisonNote });
  }

  /** Posts a message now, or when the webview is ready. */
  post(message: ReportToWebview): void {
    if (!this.ready) {
      this.queue.push(message);
      return;
    }
    this.lastSent = message;
    void this.panel.webview.postMessage(message);
  }

  /** Resolves with the next render acknowledgement (or the last, when `orLast`). */
  whenRendered(timeoutMs: number, orLast = false): Promise<Rendered> {
    if (orLast && this.lastRendered) return Promise.resolve(this.lastRendered);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the report view did not render within ${timeoutMs} ms`)), timeoutMs);
      this.renderWaiters.push((r) => {
        clearTimeout(timer);
        resolve(r);
      });
    });
  }

  /** Handles one message from the webview (public so tests can drive the host like the webview does). */
  async receive(raw: unknown): Promise<void> {
    const checked = checkReportMessage(raw);
    if (!checked.ok) {
      this.rejected.push(checked.reason);
      this.host.log(`report view: message refused: ${checked.reason}`);
      return;
    }
    const m = checked.message;
    this.handled.push(m.type);
    try {
      await this.handle(m);
    } catch (err) {
      void vscode.window.showErrorMessage(`AI Quality report: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async handle(m: ReportFromWebview): Promise<void> {
    switch (m.type) {
      case 'ready': {
        this.ready = true;
        // A webview (shown again) starts empty: what it needs is the report as it stands,
        // comparison included; answers to its earlier page requests are stale.
        this.queue.length = 0;
        if (this.current) this.post(this.current);
        return;
      }
      case 'rendered': {
        this.lastRendered = m;
        const waiters = this.renderWaiters.splice(0);
        for (const w of waiters) w(m);
        return;
      }
      case 'queryCases': {
        const session = this.session;
        if (!session || this.current?.type !== 'report') return;
        const answer = await session.answer(m, this.current.data.uri);
        // A page overtaken by a newer request, or of a report no longer shown, is dropped.
        if (answer && session === this.session) this.post(answer);
        return;
      }
      case 'openJson':
        return openJson(this.file, m.caseId, m.caseId === undefined ? undefined : this.session?.lineOf(m.caseId));
      case 'openXlsx':
        await openXlsx(this.file);
        return;
      case 'revealInExplorer':
        return revealInExplorer(this.file);
      case 'openProfile':
        if (this.profile) await openProfile(this.file, this.profile);
        return;
      case 'rerun':
        if (this.profile) await rerun(this.file, this.profile);
        return;
      case 'openPrevious':
        if (this.previousFile) await this.host.openReport(this.previousFile);
        return;
      default: {
        const _never: never = m;
        throw new Error(`unhandled message ${JSON.stringify(_never)}`);
      }
    }
  }

  /** Closes the panel. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    // The case index of a large report is tens of megabytes: let it go with the panel.
    this.session = undefined;
    for (const s of this.subscriptions) s.dispose();
    this.host.onDisposed(this);
    this.panel.dispose();
  }
}
