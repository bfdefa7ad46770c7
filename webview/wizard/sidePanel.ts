// The right-hand panel: the live configuration (secrets masked by the host),
// the compact requirements matrix with "Upload now", the "Allow default
// datasets" toggle, the estimated number of cases, and "Run tests" (gated).
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import type { VscodeCheckbox } from '@vscode-elements/elements/dist/vscode-checkbox/vscode-checkbox.js';
import type { DataKind } from '../../src/engine/model/dataKinds';
import type { RequirementRow } from '../../src/engine/model/requirementTypes';
import type { WizardView } from '../../src/protocol';
import { h, replaceChildren } from '../shared/dom';
import { icon } from '../shared/icons';

/** What the panel asks the app to do. */
export interface SideHandlers {
  upload(kind: DataKind): void;
  setUseDefaults(value: boolean): void;
  showMatrix(): void;
  runTests(): void;
}

/** The symbol, word and class of each status (the symbol never stands alone). */
export const STATUS_MARK: Record<RequirementRow['status'], { mark: string; word: string; cls: string }> = {
  provided: { mark: '✓', word: 'provided', cls: 'st-provided' },
  using_defaults: { mark: '○', word: 'using defaults', cls: 'st-defaults' },
  missing: { mark: '✗', word: 'missing', cls: 'st-missing' },
  not_used: { mark: '—', word: 'not used', cls: 'st-unused' },
};

/** Short column headers of the compact matrix. */
export const KIND_SHORT: Record<DataKind, string> = {
  passages: 'Pass.',
  qaset: 'QA',
  attacks: 'Att.',
  schema: 'Schema',
  pii_patterns: 'PII',
  bias_groups: 'Bias',
};

/** Whether a row offers "Upload now" (data the suite uses that is not the user's yet). */
export function canUpload(r: RequirementRow): boolean {
  return r.level !== 'not_used' && r.status !== 'provided';
}

/** The side panel element and its renderer. */
export class SidePanel {
  readonly el: HTMLElement;
  private readonly file: HTMLElement;
  private readonly yaml: HTMLElement;
  private readonly matrix: HTMLElement;
  private readonly uploads: HTMLElement;
  private readonly defaults: VscodeCheckbox;
  private readonly estimate: HTMLElement;
  private readonly run: HTMLElement;
  private readonly reason: HTMLElement;

  constructor(private readonly handlers: SideHandlers) {
    this.file = h('span', { class: 'file-name muted' });
    this.yaml = h('pre', { class: 'yaml', id: 'preview', tabindex: '0', 'aria-label': 'Configuration preview (YAML)' });
    // The matrix scrolls sideways within this box when its columns do not fit: a tab stop of its own, so the keyboard can scroll it.
    this.matrix = h('div', { class: 'matrix-wrap', id: 'matrix-box', role: 'region', 'aria-label': 'Requirements matrix' });
    this.uploads = h('div', { class: 'uploads' });
    this.defaults = h('vscode-checkbox', { id: 'use-defaults', label: 'Allow default datasets' }) as VscodeCheckbox;
    this.defaults.addEventListener('change', () => this.handlers.setUseDefaults(this.defaults.checked));
    this.estimate = h('div', { class: 'estimate', id: 'estimate', 'aria-live': 'polite' });
    this.run = h(
      'vscode-button',
      {
        id: 'run-tests',
        onclick: () => {
          if (!this.run.hasAttribute('disabled')) this.handlers.runTests();
        },
      },
      icon('play'),
      'Run tests',
    );
    this.reason = h('div', { class: 'run-reason muted', id: 'run-reason' });
    this.run.setAttribute('aria-describedby', 'run-reason');
    this.el = h(
      'aside',
      { class: 'side', 'aria-label': 'Configuration and requirements' },
      h(
        'section',
        { class: 'side-section', 'aria-labelledby': 'preview-title' },
        h('div', { class: 'side-head' }, h('h2', { id: 'preview-title' }, 'Configuration'), this.file),
        this.yaml,
      ),
      h(
        'section',
        { class: 'side-section', 'aria-labelledby': 'req-title' },
        h(
          'div',
          { class: 'side-head' },
          h('h2', { id: 'req-title' }, 'Requirements'),
          h('vscode-button', { secondary: true, id: 'show-requirements', onclick: () => this.handlers.showMatrix() }, 'Show requirements'),
        ),
        this.matrix,
        h('p', { class: 'legend muted' }, '✓ provided · ○ using defaults · ✗ missing · — not used'),
        this.uploads,
        this.defaults,
        this.estimate,
      ),
      h('div', { class: 'run-box' }, this.run, this.reason),
    );
  }

  /** Shows the view. */
  render(view: WizardView): void {
    this.file.textContent = `${view.preview.editing ? 'Editing ' : ''}${view.preview.fileName}`;
    if (this.yaml.textContent !== view.preview.yaml) this.yaml.textContent = view.preview.yaml;
    this.renderMatrix(view);
    this.defaults.checked = view.useDefaults;
    const e = view.estimate;
    replaceChildren(
      this.estimate,
      e
        ? [
            h('span', { class: 'estimate-number' }, String(e.total)),
            ` ${e.total === 1 ? 'case' : 'cases'} estimated`,
            h(
              'span',
              { class: 'muted' },
              ` (${Object.entries(e.perSuite)
                .map(([s, n]) => `${s} ${n}`)
                .join(', ')})`,
            ),
          ]
        : [h('span', { class: 'muted' }, 'The estimate appears once the target and suites are chosen.')],
    );
    this.run.toggleAttribute('disabled', !view.canRun.enabled);
    this.reason.textContent = view.canRun.enabled ? 'Writes the profile, opens it and starts the run.' : (view.canRun.reason ?? '');
  }

  private renderMatrix(view: WizardView): void {
    const { suites, kinds, rows } = view.matrix;
    if (suites.length === 0) {
      this.matrix.removeAttribute('tabindex');
      replaceChildren(this.matrix, h('p', { class: 'muted' }, 'Choose suites to see which data they need.'));
      replaceChildren(this.uploads);
      return;
    }
    const cell = (suite: string, kind: DataKind) => {
      const r = rows.find((x) => x.suite === suite && x.kind === kind);
      if (!r) return h('td', {}, '');
      const s = STATUS_MARK[r.status];
      const label = `${suite}, ${kind}: ${s.word}${r.blocking ? ' (blocks the run)' : ''}`;
      return h(
        'td',
        { class: `${s.cls}${r.blocking ? ' blocking' : ''}`, title: r.detail },
        h('span', { 'aria-hidden': 'true' }, s.mark),
        h('span', { class: 'sr-only' }, label),
      );
    };
    const table = h(
      'table',
      { class: 'matrix compact', id: 'compact-matrix' },
      h('caption', { class: 'sr-only' }, 'Requirements: which data each chosen suite uses, and where it comes from'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Suite'),
          kinds.map((k) => h('th', { scope: 'col', title: k }, h('abbr', { title: k }, KIND_SHORT[k]))),
        ),
      ),
      h(
        'tbody',
        {},
        suites.map((s) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, s),
            kinds.map((k) => cell(s, k)),
          ),
        ),
      ),
    );
    this.matrix.setAttribute('tabindex', '0');
    replaceChildren(this.matrix, table);
    const wanted = kinds.filter((k) => rows.some((r) => r.kind === k && canUpload(r)));
    replaceChildren(
      this.uploads,
      wanted.length
        ? [
            h('span', { class: 'muted' }, 'Upload now:'),
            ...wanted.map((k) =>
              h(
                'vscode-button',
                { secondary: true, class: 'upload', 'data-kind': k, title: `Pick a ${k} file`, onclick: () => this.handlers.upload(k) },
                k,
              ),
            ),
          ]
        : [],
    );
  }
}
