// A run started from the wizard, while it runs: suite, cases done of total, a
// progress bar and Cancel. The outcome and the report links land in the log.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { WizardView } from '../../src/protocol';
import { h, replaceChildren } from '../shared/dom';

/** The run card element and its renderer. */
export class RunCard {
  readonly el: HTMLElement;

  constructor(private readonly onCancel: (actionId: string) => void) {
    this.el = h('div', { class: 'run-card', id: 'run-card', role: 'status', 'aria-live': 'polite', hidden: true });
  }

  /** Shows the run while it starts or runs; hides otherwise. */
  render(view: WizardView): void {
    const r = view.run;
    const active = !!r && (r.phase === 'starting' || r.phase === 'running');
    this.el.hidden = !active;
    if (!r || !active) {
      replaceChildren(this.el);
      return;
    }
    const pct = r.total > 0 ? Math.round((r.done / r.total) * 100) : 0;
    const text = r.phase === 'starting' ? 'Starting the run…' : `${r.suite ? `${r.suite}: ` : ''}${r.done} of ${r.total || '?'} cases`;
    const cancelId = r.cancelActionId;
    const fill = h('div', { class: 'progress-fill' });
    fill.style.width = `${pct}%`;
    replaceChildren(this.el,
      h('div', { class: 'run-line' }, h('strong', {}, 'Running'), h('span', { class: 'muted' }, r.runId ?? ''), h('span', { class: 'grow' }), cancelId ? h('vscode-button', { secondary: true, id: 'cancel-run', onclick: () => this.onCancel(cancelId) }, 'Cancel') : null),
      h('div', { class: 'progress', role: 'progressbar', 'aria-label': 'Run progress', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(pct), 'aria-valuetext': text }, fill),
      h('div', { class: 'muted' }, text));
  }
}
