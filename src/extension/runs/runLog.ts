import * as vscode from 'vscode';
import { maskSecrets } from '../../engine/secrets/redact';

const KEPT_LINES = 1000;

/**
 * The "AI Quality Kit" output channel: one line per run milestone and every
 * engine log line. Text passes through the secret mask first, so a secret
 * echoed by a target never reaches the channel.
 */
export class RunLog implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('AI Quality Kit', { log: true });
  private readonly recent: string[] = [];
  private disposed = false;

  constructor(private readonly secrets: () => readonly string[]) {}

  /** Writes a line at a level. */
  write(level: 'info' | 'warn' | 'error', message: string): void {
    const text = maskSecrets(message, this.secrets());
    this.recent.push(`${level}: ${text}`);
    if (this.recent.length > KEPT_LINES) this.recent.splice(0, this.recent.length - KEPT_LINES);
    // Runs cancelled while the extension shuts down still log; the channel may be gone.
    if (this.disposed) return;
    if (level === 'error') this.channel.error(text);
    else if (level === 'warn') this.channel.warn(text);
    else this.channel.info(text);
  }

  /** The last lines written (the integration tests read what reached the channel). */
  lines(): readonly string[] {
    return this.recent;
  }

  /** Reveals the channel. */
  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.disposed = true;
    this.channel.dispose();
  }
}
