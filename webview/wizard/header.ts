// The top of the wizard: title, Back, "Edit a step", Start over, and the
// progress bar "Step X of Y: name" with its percentage.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { WizardStepId } from '../../src/engine/model/wizardSteps';
import type { WizardView } from '../../src/protocol';
import { h, replaceChildren } from '../shared/dom';

/** What the header asks the app to do. */
export interface HeaderHandlers {
  back(): void;
  edit(step: WizardStepId): void;
  reset(): void;
}

/** The header element and its renderer. */
export class Header {
  readonly el: HTMLElement;
  private readonly subtitle: HTMLElement;
  private readonly back: HTMLElement;
  private readonly editSelect: HTMLSelectElement;
  private readonly label: HTMLElement;
  private readonly bar: HTMLElement;
  private readonly fill: HTMLElement;
  private confirmTimer: number | undefined;
  private readonly resetButton: HTMLElement;

  constructor(private readonly handlers: HeaderHandlers) {
    this.subtitle = h('p', { class: 'subtitle muted' });
    this.back = h(
      'vscode-button',
      {
        secondary: true,
        id: 'back',
        title: 'Previous step (Alt+←)',
        onclick: () => {
          if (!this.back.hasAttribute('disabled')) this.handlers.back();
        },
      },
      'Back',
    );
    this.editSelect = h('select', { id: 'edit-step', class: 'edit-select', 'aria-label': 'Edit an earlier step' });
    this.editSelect.addEventListener('change', () => {
      const v = this.editSelect.value as WizardStepId;
      this.editSelect.selectedIndex = 0;
      if (v) this.handlers.edit(v);
    });
    this.resetButton = h('vscode-button', { secondary: true, id: 'reset', onclick: () => this.askReset() }, 'Start over');
    this.label = h('div', { class: 'progress-label', id: 'progress-label' });
    this.fill = h('div', { class: 'progress-fill' });
    this.bar = h(
      'div',
      { class: 'progress', role: 'progressbar', 'aria-labelledby': 'progress-label', 'aria-valuemin': '0', 'aria-valuemax': '100' },
      this.fill,
    );
    this.el = h(
      'header',
      { class: 'wiz-header' },
      h(
        'div',
        { class: 'title-row' },
        h('div', { class: 'titles' }, h('h1', {}, 'AI Quality setup'), this.subtitle),
        h('div', { class: 'toolbar' }, this.back, this.editSelect, this.resetButton),
      ),
      h('div', { class: 'progress-row' }, this.label, this.bar),
    );
  }

  /** Shows the view's progress and navigation. */
  render(view: WizardView): void {
    const p = view.progress;
    replaceChildren(
      this.label,
      `Step ${p.index} of ${p.count}: `,
      h('strong', {}, p.title),
      h('span', { class: 'percent muted' }, ` · ${p.percent}%`),
    );
    this.bar.setAttribute('aria-valuenow', String(p.percent));
    this.bar.setAttribute('aria-valuetext', `Step ${p.index} of ${p.count}: ${p.title}, ${p.percent}%`);
    this.fill.style.width = `${p.percent}%`;
    this.subtitle.textContent = view.preview.editing
      ? `Editing ${view.preview.fileName}`
      : 'From nothing to a first run, one question at a time';
    this.back.toggleAttribute('disabled', !view.canBack);
    replaceChildren(
      this.editSelect,
      h('option', { value: '' }, 'Edit a step…'),
      view.editable.map((e) => h('option', { value: e.id }, e.title)),
    );
    this.editSelect.disabled = view.editable.length === 0;
  }

  // Starting over drops every answer: the button asks once more before doing it.
  private askReset(): void {
    if (this.confirmTimer !== undefined) {
      window.clearTimeout(this.confirmTimer);
      this.confirmTimer = undefined;
      this.resetButton.textContent = 'Start over';
      this.handlers.reset();
      return;
    }
    this.resetButton.textContent = 'Click again to start over';
    this.confirmTimer = window.setTimeout(() => {
      this.confirmTimer = undefined;
      this.resetButton.textContent = 'Start over';
    }, 4000);
  }
}
