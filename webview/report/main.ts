// The report view app: says `ready`, renders the report the host sends (head,
// aggregates, first page), asks the host for the pages the user turns to, keeps
// the user's sort and filters in the webview state, acknowledges every render,
// and redraws its charts when the VS Code theme changes.
import baseCss from '../shared/base.css';
import type { ReportFromWebview, ReportToWebview, ReportViewData } from '../../src/protocol';
import { h, replaceChildren } from '../shared/dom';
import { icon } from '../shared/icons';
import { adoptStyles } from '../shared/styles';
import { onThemeChange } from '../shared/theme';
import { vscodeApi } from '../shared/vscodeApi';
import { CaseTable } from './caseTable';
import { chartCount, destroyCharts } from './charts';
import { renderComparison } from './comparison';
import { renderHeader } from './header';
import type { ChartPanel } from './insights';
import { attackPanel, latencyPanel } from './insights';
import { useSuiteLabels } from './format';
import { renderLogs } from './logs';
import reportCss from './report.css';
import { suiteCard } from './suiteCards';
import type { UiState } from './viewState';
import { restoreState } from './viewState';

adoptStyles(baseCss, reportCss);
const api = vscodeApi<UiState, ReportFromWebview>();
const app = document.getElementById('app') ?? document.body.appendChild(h('div', { id: 'app', role: 'main' }));
let state = restoreState(api.getState());
let data: ReportViewData | undefined;
let table: CaseTable | undefined;
let charts: ChartPanel[] = [];
let cards: HTMLElement | undefined;
let requests = 0;

function post(m: ReportFromWebview): void {
  api.postMessage(m);
}

function update(patch: Partial<UiState>): void {
  state = { ...state, ...patch };
  api.setState(state);
  table?.render();
}

function renderCards(d: ReportViewData): void {
  if (!cards) return;
  const suites = Object.values(d.summary.suites).filter((s) => s !== undefined);
  replaceChildren(
    cards,
    suites.map((s) =>
      suiteCard(s, state.suite === s.suite, (suite) => {
        const next = state.suite === suite ? 'all' : suite;
        table?.setFilters({ suite: next });
        update({ suite: next, page: 0 });
        renderCards(d);
        if (next !== 'all') document.getElementById('cases')?.scrollIntoView({ block: 'start' });
      }),
    ),
  );
}

function showCase(suite: string, caseId: string): void {
  if (!data) return;
  const key = `${suite}/${caseId}`;
  table?.setFilters({ suite, status: 'all', text: caseId });
  table?.focusWhenShown(key);
  update({ suite, status: 'all', text: caseId, page: 0, expanded: [...state.expanded.filter((k) => k !== key), key].slice(-50) });
  renderCards(data);
  document.getElementById('cases')?.scrollIntoView({ block: 'start' });
}

function jumpNav(targets: [string, string][]): HTMLElement {
  return h(
    'nav',
    { class: 'jump', 'aria-label': 'Sections' },
    targets.map(([id, label]) =>
      h('button', { class: 'link', onclick: () => document.getElementById(id)?.scrollIntoView({ block: 'start' }) }, label),
    ),
  );
}

function render(d: ReportViewData): void {
  data = d;
  useSuiteLabels(d.suiteLabels);
  if (state.uri !== d.uri) {
    // Another report in this panel (or a first load): the old filters do not apply.
    state = { ...restoreState({}), uri: d.uri };
    api.setState(state);
  }
  destroyCharts();
  const suiteNames = Object.keys(d.summary.suites);
  if (state.suite !== 'all' && !suiteNames.includes(state.suite)) state = { ...state, suite: 'all' };
  charts = [
    d.summary.suites.performance ? latencyPanel(d.summary.suites.performance, d.aggregates.latency) : null,
    d.summary.suites.red_team ? attackPanel(d.summary.suites.red_team) : null,
  ].filter((p): p is ChartPanel => p !== null);
  cards = h('div', { class: 'cards' });
  table = new CaseTable(suiteNames, d.total, d.first, {
    state: () => state,
    update,
    post,
    suiteChanged: () => renderCards(d),
    request: (query) => {
      const id = ++requests;
      post({ type: 'queryCases', id, query });
      return id;
    },
    rendered: (rows, matching) =>
      post({
        type: 'rendered',
        runId: d.run.id,
        cards: cards?.childElementCount ?? 0,
        rows,
        matching,
        total: d.total,
        charts: chartCount(),
      }),
  });
  const sections: [string, string][] = [
    ['suites', 'Suites'],
    ...charts.map((c): [string, string] => [c.element.id, c.element.id === 'latency' ? 'Latency' : 'Attacks']),
    ['comparison', 'Comparison'],
    ['cases', 'Cases'],
  ];
  replaceChildren(
    app,
    h(
      'div',
      { class: 'page' },
      renderHeader(d, post),
      renderProblems(d.problems),
      jumpNav(sections),
      h(
        'section',
        { id: 'suites', 'aria-labelledby': 'suites-title' },
        h('h2', { id: 'suites-title', class: 'section-title' }, 'Suites'),
        cards,
      ),
      charts.length
        ? h(
            'div',
            { class: `insights${charts.length === 1 ? ' is-single' : ''}` },
            charts.map((c) => c.element),
          )
        : null,
      renderComparison(d, post, showCase),
      table.element,
      renderLogs(d),
    ),
  );
  renderCards(d);
  for (const c of charts) c.draw();
  table.render();
}

/** Case lines the host could not read: said once, above the rest. */
function renderProblems(problems: readonly string[]): HTMLElement | null {
  if (problems.length === 0) return null;
  return h(
    'div',
    { class: 'banner is-error', role: 'alert' },
    icon('error'),
    h(
      'div',
      {},
      h('p', {}, 'Some cases of this report could not be read and are left out of the table:'),
      h('pre', { class: 'text' }, problems.join('\n')),
    ),
  );
}

/** Shows the comparison computed after the report was sent. */
function showComparison(m: Extract<ReportToWebview, { type: 'comparison' }>): void {
  if (!data || m.uri !== data.uri) return;
  data = { ...data, comparison: m.comparison, comparisonNote: m.comparisonNote };
  document.getElementById('comparison')?.replaceWith(renderComparison(data, post, showCase));
}

function renderError(message: string): void {
  data = undefined;
  destroyCharts();
  replaceChildren(
    app,
    h(
      'div',
      { class: 'page' },
      h(
        'div',
        { class: 'banner is-error load-error', role: 'alert' },
        icon('error'),
        h('div', {}, h('h1', {}, 'This report cannot be shown'), h('pre', { class: 'text' }, message)),
      ),
      h(
        'div',
        { class: 'toolbar' },
        h('vscode-button', { secondary: true, onclick: () => post({ type: 'openJson' }) }, 'Open the file as text'),
      ),
    ),
  );
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const m = event.data as ReportToWebview | null;
  if (typeof m !== 'object' || m === null || typeof m.type !== 'string') return;
  switch (m.type) {
    case 'report':
      render(m.data);
      break;
    case 'cases':
      if (data && m.uri === data.uri) table?.receive(m);
      break;
    case 'comparison':
      showComparison(m);
      break;
    case 'loadError':
      state = { ...state, uri: m.uri };
      api.setState(state);
      renderError(m.message);
      break;
    default: {
      const _never: never = m;
      void _never;
    }
  }
});

onThemeChange(() => {
  if (!data) return;
  destroyCharts();
  for (const c of charts) c.draw();
});

replaceChildren(app, h('div', { class: 'page loading', 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading the report…')));
post({ type: 'ready' });
