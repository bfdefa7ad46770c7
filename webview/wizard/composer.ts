// Where the user answers: suggestion chips (a labelled group of buttons with
// arrow-key navigation), multiple-choice toggles, the text field (Enter sends,
// Escape clears, ArrowUp recalls) and the password field for keys.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { VscodeTextfield } from '@vscode-elements/elements/dist/vscode-textfield/vscode-textfield.js';
import type { WizardChip } from '../../src/engine/model/wizardSteps';
import type { WizardStepView, WizardView } from '../../src/protocol';
import { h, replaceChildren } from '../shared/dom';

/** What the composer asks the app to do. */
export interface ComposerHandlers {
  answer(text: string): void;
  secret(name: string, value: string): void;
  draft(text: string): void;
  /** Whether the text holds something shaped like an API key (masked while it is in the field). */
  looksLikeKey(text: string): boolean;
}

/** The answer area under the log. */
export class Composer {
  readonly el: HTMLElement;
  private readonly chips: HTMLElement;
  private readonly form: HTMLFormElement;
  private readonly input: VscodeTextfield;
  private readonly send: HTMLElement;
  private readonly label: HTMLLabelElement;
  private readonly secretBox: HTMLElement;
  private readonly secretName: VscodeTextfield;
  private readonly secretValue: VscodeTextfield;
  private stepKey = '';
  private toggled = new Set<string>();
  private historyAt = -1;

  constructor(
    private readonly handlers: ComposerHandlers,
    private readonly history: () => string[],
    draft: string,
  ) {
    this.chips = h('div', { class: 'chips', role: 'group', id: 'chips' });
    this.chips.addEventListener('keydown', (e) => this.chipKeys(e));
    this.input = h('vscode-textfield', {
      id: 'answer',
      class: 'answer',
      placeholder: 'Type an answer',
      autocomplete: 'off',
    }) as VscodeTextfield;
    this.input.value = draft;
    this.input.addEventListener('input', () => {
      this.historyAt = -1;
      this.mask();
      this.handlers.draft(this.input.value);
    });
    this.input.addEventListener('keydown', (e) => this.inputKeys(e as KeyboardEvent));
    this.label = h('label', { class: 'sr-only', for: 'answer', id: 'answer-label' }, 'Your answer');
    this.send = h('vscode-button', { id: 'send', onclick: () => this.submit() }, 'Send');
    this.form = h(
      'form',
      {
        class: 'answer-row',
        onsubmit: (e: Event) => {
          e.preventDefault();
          this.submit();
        },
      },
      this.label,
      this.input,
      this.send,
    );
    this.secretName = h('vscode-textfield', { id: 'secret-name', class: 'secret-name', label: 'Secret name' }) as VscodeTextfield;
    this.secretValue = h('vscode-textfield', {
      id: 'secret-value',
      class: 'secret-value',
      type: 'password',
      label: 'API key',
      placeholder: 'Paste the key',
      autocomplete: 'off',
    }) as VscodeTextfield;
    this.secretValue.addEventListener('keydown', (e) => {
      const k = e as KeyboardEvent;
      if (k.key === 'Enter') {
        k.preventDefault();
        this.submitSecret();
      }
      if (k.key === 'Escape') {
        k.preventDefault();
        this.closeSecret();
      }
    });
    this.secretBox = h(
      'div',
      { class: 'secret-box', hidden: true, role: 'group', 'aria-labelledby': 'secret-title' },
      h(
        'div',
        { id: 'secret-title', class: 'secret-title' },
        'Enter the key: it goes to VS Code’s secret storage and is never shown or written to the profile.',
      ),
      h(
        'div',
        { class: 'secret-row' },
        h('label', { for: 'secret-name', class: 'muted' }, 'Name'),
        this.secretName,
        h('label', { for: 'secret-value', class: 'muted' }, 'Key'),
        this.secretValue,
        h('vscode-button', { id: 'secret-store', onclick: () => this.submitSecret() }, 'Store key'),
        h('vscode-button', { secondary: true, onclick: () => this.closeSecret() }, 'Cancel'),
      ),
    );
    this.el = h('div', { class: 'composer' }, this.chips, this.secretBox, this.form);
  }

  /** Shows the current step's chips and input. */
  render(view: WizardView): void {
    const s = view.step;
    const key = `${s.id}:${view.log.length ? view.log[view.log.length - 1].id : 0}:${JSON.stringify(s.chips)}`;
    const newStep = key !== this.stepKey;
    this.stepKey = key;
    if (newStep) {
      this.toggled = new Set(s.chips.filter((c) => c.kind === 'toggle' && c.pressed).map((c) => c.value));
      this.renderChips(s);
    }
    this.input.placeholder = s.placeholder;
    this.input.setAttribute('aria-describedby', 'chips');
    this.label.textContent = `Your answer: ${s.title}`;
    this.input.label = `Your answer: ${s.title}`;
    const blocked = !!view.busy;
    this.input.disabled = false;
    this.send.toggleAttribute('disabled', blocked);
    if (s.id !== 'auth' && !this.secretBox.hidden) this.closeSecret();
  }

  /** Puts the focus in the answer field. */
  focus(): void {
    (this.secretBox.hidden ? this.input : this.secretValue).focus();
  }

  /** Whether focus is inside the composer (so re-renders may keep it there). */
  hasFocus(): boolean {
    return this.el.contains(document.activeElement);
  }

  private renderChips(s: WizardStepView): void {
    this.chips.setAttribute('aria-label', `Suggestions for ${s.title}`);
    const buttons = s.chips.map((c, i) => this.chipButton(c, i === 0));
    const toggles = s.chips.some((c) => c.kind === 'toggle');
    const confirm = toggles
      ? h(
          'button',
          { type: 'button', class: 'chip chip-confirm', 'data-confirm': 'true', tabindex: '-1', onclick: () => this.confirmToggles() },
          this.confirmLabel(),
        )
      : null;
    replaceChildren(this.chips, buttons, confirm);
  }

  private confirmLabel(): string {
    const n = this.toggled.size;
    return n === 0 ? 'Choose at least one' : `Continue with ${n} ${n === 1 ? 'suite' : 'suites'}`;
  }

  private chipButton(c: WizardChip, first: boolean): HTMLButtonElement {
    const props: Record<string, string> = {
      type: 'button',
      class: `chip kind-${c.kind}`,
      tabindex: first ? '0' : '-1',
      'data-value': c.value,
    };
    if (c.description) props.title = c.description;
    if (c.kind === 'toggle') props['aria-pressed'] = String(this.toggled.has(c.value));
    const b = h(
      'button',
      props,
      c.kind === 'toggle' ? h('span', { class: 'check', 'aria-hidden': 'true' }) : null,
      c.label,
      c.description && c.kind !== 'toggle' ? h('span', { class: 'sr-only' }, `: ${c.description}`) : null,
    );
    b.addEventListener('click', () => this.chip(c, b));
    return b;
  }

  private chip(c: WizardChip, b: HTMLButtonElement): void {
    switch (c.kind) {
      case 'answer':
        this.handlers.answer(c.value);
        break;
      case 'toggle': {
        if (this.toggled.has(c.value)) this.toggled.delete(c.value);
        else this.toggled.add(c.value);
        b.setAttribute('aria-pressed', String(this.toggled.has(c.value)));
        const confirm = this.chips.querySelector('[data-confirm]');
        if (confirm) confirm.textContent = this.confirmLabel();
        break;
      }
      case 'prefill':
        this.input.value = c.value;
        this.mask();
        this.handlers.draft(c.value);
        this.input.focus();
        break;
      case 'secret':
        this.openSecret(c.value);
        break;
    }
  }

  private confirmToggles(): void {
    if (this.toggled.size === 0) return;
    const order = [...this.chips.querySelectorAll<HTMLButtonElement>('button[aria-pressed]')].map((b) => b.dataset.value ?? '');
    this.handlers.answer(order.filter((v) => this.toggled.has(v)).join(', '));
  }

  // Roving focus: one chip is in the tab order; arrows, Home and End move between them.
  private chipKeys(e: KeyboardEvent): void {
    const all = [...this.chips.querySelectorAll<HTMLButtonElement>('button.chip')];
    const i = all.indexOf(document.activeElement as HTMLButtonElement);
    if (i < 0) return;
    let next = -1;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = (i + 1) % all.length;
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = (i - 1 + all.length) % all.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = all.length - 1;
    else if (e.key === 'Escape') {
      e.preventDefault();
      this.input.focus();
      return;
    }
    if (next < 0) return;
    e.preventDefault();
    all[i].tabIndex = -1;
    all[next].tabIndex = 0;
    all[next].focus();
  }

  // A key typed or pasted into the answer field is hidden as soon as it looks like one.
  private mask(): void {
    const key = this.handlers.looksLikeKey(this.input.value);
    if ((this.input.type === 'password') !== key) this.input.type = key ? 'password' : 'text';
    this.input.classList.toggle('masked', key);
  }

  private inputKeys(e: KeyboardEvent): void {
    if (e.key === 'Enter' && !e.isComposing) {
      e.preventDefault();
      this.submit();
    } else if (e.key === 'Escape') {
      if (this.input.value) {
        e.preventDefault();
        this.input.value = '';
        this.mask();
        this.handlers.draft('');
      }
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      const hist = this.history();
      if (!hist.length || (this.input.value && this.historyAt < 0)) return;
      e.preventDefault();
      this.historyAt = e.key === 'ArrowUp' ? (this.historyAt < 0 ? hist.length - 1 : Math.max(0, this.historyAt - 1)) : this.historyAt + 1;
      if (this.historyAt >= hist.length) {
        this.historyAt = -1;
        this.input.value = '';
        this.mask();
        return;
      }
      this.input.value = hist[this.historyAt];
      this.mask();
    }
  }

  private submit(): void {
    if (this.send.hasAttribute('disabled')) return;
    const text = this.input.value.trim();
    if (!text) {
      this.input.focus();
      return;
    }
    this.input.value = '';
    this.mask();
    this.historyAt = -1;
    this.handlers.draft('');
    this.handlers.answer(text);
  }

  private openSecret(name: string): void {
    this.secretName.value = name;
    this.secretValue.value = '';
    this.secretBox.hidden = false;
    this.form.hidden = true;
    this.secretValue.focus();
  }

  private closeSecret(): void {
    this.secretValue.value = '';
    this.secretBox.hidden = true;
    this.form.hidden = false;
    this.input.focus();
  }

  private submitSecret(): void {
    const name = this.secretName.value.trim();
    const value = this.secretValue.value;
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) {
      this.secretName.invalid = true;
      this.secretName.focus();
      return;
    }
    if (!value.trim()) {
      this.secretValue.focus();
      return;
    }
    this.secretName.invalid = false;
    this.handlers.secret(name, value);
    this.closeSecret();
  }
}
