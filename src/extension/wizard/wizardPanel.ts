import * as vscode from 'vscode';
import type { WizardToWebview, WizardView } from '../../protocol';
import { webviewHtml, webviewOptions } from '../webview/webviewHtml';
import type { WizardServices } from './wizardServices';
import { WizardSession } from './wizardSession';
import { WIZARD_STATE_KEY } from './wizardHost';

/** The webview panel type (also the serializer's, so the panel comes back after a reload). */
export const WIZARD_VIEW_TYPE = 'aiQualityKit.wizard';

/**
 * The one wizard panel and its session. The session lives on the host and
 * outlives the panel (closing and reopening it continues the conversation);
 * its state is saved in the workspace state, so a window reload continues too.
 */
export class WizardPanels implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private session: Promise<WizardSession> | undefined;
  private ready = false;
  private focusWhenReady = false;
  private last: WizardView | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private panelDisposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly services: WizardServices,
  ) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(WIZARD_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel) => {
          await this.attach(panel);
        },
      }),
      // "Runs are off" must go as soon as the folder is trusted, not at the next answer.
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.session?.then((s) => s.changed())),
    );
  }

  /** The session, restored from the workspace state on first use. */
  sessionNow(): Promise<WizardSession> {
    this.session ??= WizardSession.create(this.services, this.context.workspaceState.get(WIZARD_STATE_KEY)).then((s) => {
      s.onMessage((m) => this.post(m));
      return s;
    });
    return this.session;
  }

  /** The editor group the panel is in, when it is open. */
  column(): vscode.ViewColumn | undefined {
    return this.panel?.viewColumn;
  }

  /** Opens (or reveals) the panel; with a profile, starts editing it. */
  async show(profile?: vscode.Uri): Promise<void> {
    const session = await this.sessionNow();
    if (profile) await session.editProfile(profile.fsPath);
    if (this.panel) this.panel.reveal(this.panel.viewColumn ?? vscode.ViewColumn.Active);
    else
      await this.attach(
        vscode.window.createWebviewPanel(
          WIZARD_VIEW_TYPE,
          'AI Quality Setup',
          vscode.ViewColumn.Active,
          webviewOptions(this.context.extensionUri),
        ),
      );
    this.focusWhenReady = true;
    if (this.ready) this.post({ type: 'focusInput' });
  }

  /** Handles a message as if the webview had sent it (the panel's own path; used by integration tests). */
  async receive(message: unknown): Promise<void> {
    const session = await this.sessionNow();
    if (message && typeof message === 'object' && (message as { type?: unknown }).type === 'ready') {
      this.ready = true;
      if (this.focusWhenReady) queueMicrotask(() => this.post({ type: 'focusInput' }));
    }
    await session.receive(message);
  }

  /** The last view sent to the webview. */
  lastView(): WizardView | undefined {
    return this.last;
  }

  /** Whether the panel is open and its webview said `ready`. */
  isReady(): boolean {
    return !!this.panel && this.ready;
  }

  private async attach(panel: vscode.WebviewPanel): Promise<void> {
    for (const d of this.panelDisposables) d.dispose();
    this.panel = panel;
    this.ready = false;
    panel.iconPath = vscode.Uri.joinPath(this.context.extensionUri, 'media', 'activitybar.svg');
    panel.webview.options = webviewOptions(this.context.extensionUri);
    panel.webview.html = webviewHtml(panel.webview, this.context.extensionUri, 'wizard', 'AI Quality Setup');
    this.panelDisposables = [
      panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      panel.onDidDispose(() => {
        if (this.panel === panel) {
          this.panel = undefined;
          this.ready = false;
        }
        for (const d of this.panelDisposables) d.dispose();
        this.panelDisposables = [];
      }),
    ];
    await this.sessionNow();
  }

  // Every state message is the whole view: before `ready` there is nothing to queue but the last one.
  private post(m: WizardToWebview): void {
    if (m.type === 'state') this.last = m.view;
    if (!this.panel || !this.ready) return;
    if (m.type === 'focusInput') this.focusWhenReady = false;
    void this.panel.webview.postMessage(m);
  }

  dispose(): void {
    for (const d of [...this.panelDisposables, ...this.disposables]) d.dispose();
    this.panel?.dispose();
  }
}
