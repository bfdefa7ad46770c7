// The full requirements matrix ("Show requirements"): suite, data kind, level,
// status, details and an "Upload now" action per row; sortable by column, in a
// modal dialog that Escape closes.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { DataKind } from '../../src/engine/model/dataKinds';
import type { RequirementRow } from '../../src/engine/model/requirementTypes';
import type { WizardView } from '../../src/protocol';
import { h, replaceChildren } from '../shared/dom';
import { icon } from '../shared/icons';
import { canUpload, STATUS_MARK } from './sidePanel';
import type { MatrixSortKey, UiState } from './uiState';

const STATUS_ORDER: Record<RequirementRow['status'], number> = { missing: 0, using_defaults: 1, provided: 2, not_used: 3 };
const LEVEL_ORDER: Record<RequirementRow['level'], number> = { required: 0, optional: 1, not_used: 2 };
const COLUMNS: { key: MatrixSortKey; label: string }[] = [
  { key: 'suite', label: 'Suite' },
  { key: 'kind', label: 'Data kind' },
  { key: 'level', label: 'Level' },
  { key: 'status', label: 'Status' },
];

/** Rows in the order of a sort; ties keep suite then kind order. */
export function sortRows(rows: readonly RequirementRow[], sort: UiState['sort']): RequirementRow[] {
  const val = (r: RequirementRow): string | number =>
    sort.key === 'status' ? STATUS_ORDER[r.status] : sort.key === 'level' ? LEVEL_ORDER[r.level] : r[sort.key];
  const dir = sort.dir === 'asc' ? 1 : -1;
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      const x = val(a.r);
      const y = val(b.r);
      return (x < y ? -1 : x > y ? 1 : 0) * dir || a.i - b.i;
    })
    .map((x) => x.r);
}

/** What the dialog asks the app to do. */
export interface MatrixHandlers {
  upload(kind: DataKind): void;
  sort(sort: UiState['sort']): void;
  closed(): void;
}

/** The dialog element and its renderer. */
export class MatrixDialog {
  readonly el: HTMLDialogElement;
  private readonly body: HTMLElement;
  private view: WizardView | undefined;
  private sort: UiState['sort'];

  constructor(
    private readonly handlers: MatrixHandlers,
    sort: UiState['sort'],
  ) {
    this.sort = sort;
    this.body = h('div', { class: 'dialog-body' });
    this.el = h(
      'dialog',
      { class: 'matrix-dialog', 'aria-labelledby': 'matrix-title', id: 'matrix-dialog' },
      h(
        'div',
        { class: 'dialog-head' },
        h('h2', { id: 'matrix-title' }, 'Requirements of the chosen suites'),
        h('vscode-button', { secondary: true, id: 'matrix-close', onclick: () => this.close() }, 'Close'),
      ),
      this.body,
    );
    this.el.addEventListener('close', () => this.handlers.closed());
  }

  /** Opens the dialog (focus goes to its first control). */
  open(): void {
    if (!this.el.open) this.el.showModal();
  }

  /** Closes it. */
  close(): void {
    if (this.el.open) this.el.close();
  }

  /** Renders the rows of the view (also while closed, so opening is instant). */
  render(view: WizardView): void {
    this.view = view;
    const rows = view.matrix.rows;
    if (rows.length === 0) {
      replaceChildren(this.body, h('p', { class: 'muted' }, 'No suite is chosen yet.'));
      return;
    }
    const header = COLUMNS.map((c) => {
      const active = this.sort.key === c.key;
      const aria = active ? (this.sort.dir === 'asc' ? 'ascending' : 'descending') : 'none';
      return h(
        'th',
        { scope: 'col', 'aria-sort': aria },
        h(
          'button',
          { type: 'button', class: 'sort', 'data-sort': c.key, onclick: () => this.sortBy(c.key) },
          c.label,
          icon(active ? (this.sort.dir === 'asc' ? 'sortAsc' : 'sortDesc') : 'sort'),
        ),
      );
    });
    const table = h(
      'table',
      { class: 'matrix full', id: 'full-matrix' },
      h(
        'caption',
        { class: 'muted' },
        view.matrix.blocking.length ? `The run is blocked: ${view.matrix.blocking.join('; ')}.` : 'Nothing blocks the run.',
      ),
      h('thead', {}, h('tr', {}, header, h('th', { scope: 'col' }, 'Details'), h('th', { scope: 'col' }, 'Action'))),
      h(
        'tbody',
        {},
        sortRows(rows, this.sort).map((r) => {
          const s = STATUS_MARK[r.status];
          return h(
            'tr',
            { class: r.blocking ? 'blocking' : '' },
            h('td', {}, r.suite),
            h('td', {}, r.kind),
            h('td', {}, r.level.replace('_', ' ')),
            h('td', { class: s.cls }, h('span', { 'aria-hidden': 'true' }, `${s.mark} `), s.word, r.blocking ? ' (blocks)' : ''),
            h('td', {}, r.detail),
            h(
              'td',
              {},
              canUpload(r)
                ? h('vscode-button', { secondary: true, 'data-kind': r.kind, onclick: () => this.handlers.upload(r.kind) }, 'Upload now')
                : '',
            ),
          );
        }),
      ),
    );
    replaceChildren(this.body, table);
  }

  private sortBy(key: MatrixSortKey): void {
    this.sort = { key, dir: this.sort.key === key && this.sort.dir === 'asc' ? 'desc' : 'asc' };
    this.handlers.sort(this.sort);
    if (this.view) this.render(this.view);
    (this.body.querySelector(`button[data-sort="${key}"]`) as HTMLElement | null)?.focus();
  }
}
