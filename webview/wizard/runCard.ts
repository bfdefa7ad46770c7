// A run started from the wizard, while it runs: suite, cases done of total, a
// progress bar and Cancel. The outcome and the report links land in the log.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { WizardView } from '../../src/protocol';
import { h, setText } from '../shared/dom';

/** The run card element and its renderer. */
export class RunCard {
  readonly el: HTMLElement;
  private readonly runId: HTMLElement;
  private readonly cancel: HTMLElement;
  private readonly bar: HTMLElement;
  private readonly fill: HTMLElement;
  private readonly text: HTMLElement;
  private cancelId: string | undefined;

  // The parts are built once and updated in place: progress arrives several times a
  // second, and a rebuilt card would take the focus off Cancel and re-announce it all.
  constructor(private readonly onCancel: (actionId: string) => void) {
    this.runId = h('span', { class: 'muted' });
    this.cancel = h(
      'vscode-button',
      {
        secondary: true,
        id: 'cancel-run',
        hidden: true,
        onclick: () => {
          if (this.cancelId) this.onCancel(this.cancelId);
        },
      },
      'Cancel',
    );
    this.fill = h('div', { class: 'progress-fill' });
    this.bar = h(
      'div',
      { class: 'progress', role: 'progressbar', 'aria-label': 'Run progress', 'aria-valuemin': '0', 'aria-valuemax': '100' },
      this.fill,
    );
    this.text = h('div', { class: 'muted' });
    this.el = h(
      'div',
      { class: 'run-card', id: 'run-card', role: 'status', 'aria-live': 'polite', hidden: true },
      h('div', { class: 'run-line' }, h('strong', {}, 'Running'), this.runId, h('span', { class: 'grow' }), this.cancel),
      this.bar,
      this.text,
    );
  }

  /** Shows the run while it starts or runs; hides otherwise. */
  render(view: WizardView): void {
    const r = view.run;
    const active = !!r && (r.phase === 'starting' || r.phase === 'running');
    this.el.hidden = !active;
    if (!r || !active) {
      this.cancelId = undefined;
      return;
    }
    const pct = r.total > 0 ? Math.round((r.done / r.total) * 100) : 0;
    const text = r.phase === 'starting' ? 'Starting the run…' : `${r.suite ? `${r.suite}: ` : ''}${r.done} of ${r.total || '?'} cases`;
    this.cancelId = r.cancelActionId;
    this.cancel.hidden = !this.cancelId;
    setText(this.runId, r.runId ?? '');
    setText(this.text, text);
    this.fill.style.width = `${pct}%`;
    this.bar.setAttribute('aria-valuenow', String(pct));
    this.bar.setAttribute('aria-valuetext', text);
  }
}
