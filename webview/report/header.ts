// The top of the report: run id, status, profile, target, times, overall counts
// and the actions (open the JSON or the XLSX, reveal, open the profile, run again).
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { ReportFromWebview, ReportViewData } from '../../src/protocol';
import type { IconName } from '../shared/icons';
import { icon } from '../shared/icons';
import { h } from '../shared/dom';
import { describeTarget, formatMs, formatPercent, formatTime } from './format';

/** Sends a message to the host. */
export type Post = (m: ReportFromWebview) => void;

const STATUS_ICON: Record<string, IconName> = {
  passed: 'pass',
  failed: 'fail',
  error: 'error',
  cancelled: 'cancelled',
  unmeasured: 'unmeasured',
  inconclusive: 'inconclusive',
};

/** A status as icon + word (never colour alone). */
export function statusBadge(status: string, opts: { pill?: boolean; label?: string } = {}): HTMLElement {
  return h('span', { class: `status is-${status}${opts.pill ? ' pill' : ''}` }, icon(STATUS_ICON[status] ?? 'info'), opts.label ?? status);
}

function actionButton(
  label: string,
  iconName: IconName,
  onClick: () => void,
  opts: { secondary?: boolean; disabled?: boolean; title?: string; id: string },
): HTMLElement {
  const button = h('vscode-button', {
    id: opts.id,
    secondary: opts.secondary,
    disabled: opts.disabled,
    title: opts.title,
    onclick: () => {
      if (!opts.disabled) onClick();
    },
  });
  const glyph = icon(iconName);
  glyph.setAttribute('slot', 'content-before');
  button.append(glyph, label);
  return button;
}

function stat(label: string, value: string, kind?: string): HTMLElement {
  return h(
    'div',
    { class: `stat${kind ? ` is-${kind}` : ''}` },
    h('div', { class: 'stat-value' }, value),
    h('div', { class: 'stat-label' }, label),
  );
}

/** Why the run is neither passed nor failed, in a sentence (the CLI prints the same line). */
function inconclusiveBanner(data: ReportViewData): string {
  const { inconclusive: unclear, inconclusiveJudged: judged } = data.aggregates;
  const judge = judged ? 'the configured judge could not grade them either' : 'a judge (judge: in the profile) would grade them';
  return unclear > 0
    ? `Inconclusive: ${unclear.toLocaleString('en-US')} ${unclear === 1 ? 'reply' : 'replies'} could not be judged; ${judge}. The run does not pass.`
    : 'Inconclusive: a suite measured nothing that its thresholds gate. The run does not pass.';
}

function inconclusiveStat(data: ReportViewData): HTMLElement | null {
  const n = data.aggregates.inconclusive;
  return n > 0 ? stat('inconclusive', n.toLocaleString('en-US'), 'inconclusive') : null;
}

/** The header section. */
export function renderHeader(data: ReportViewData, post: Post): HTMLElement {
  const { run, summary } = data;
  const o = summary.overall;
  const meta = h(
    'dl',
    { class: 'meta' },
    h(
      'div',
      {},
      h('dt', {}, 'Profile'),
      h(
        'dd',
        {},
        data.paths.profile
          ? h(
              'button',
              { class: 'link mono', title: 'Open the run profile', onclick: () => post({ type: 'openProfile' }) },
              data.paths.profile,
            )
          : h('span', { class: 'mono' }, run.profile),
      ),
    ),
    h('div', {}, h('dt', {}, 'Target'), h('dd', { class: 'mono' }, describeTarget(run.target))),
    h('div', {}, h('dt', {}, 'Started'), h('dd', {}, h('time', { datetime: run.started_at }, formatTime(run.started_at)))),
    h('div', {}, h('dt', {}, 'Duration'), h('dd', {}, formatMs(run.duration_ms))),
    run.shard ? h('div', {}, h('dt', {}, 'Shard'), h('dd', {}, `${run.shard.index} of ${run.shard.total}`)) : null,
  );
  const actions = h(
    'div',
    { class: 'toolbar actions', role: 'toolbar', 'aria-label': 'Report actions' },
    actionButton('Open JSON', 'json', () => post({ type: 'openJson' }), { id: 'action-open-json', title: data.paths.json }),
    actionButton('Open XLSX', 'sheet', () => post({ type: 'openXlsx' }), {
      id: 'action-open-xlsx',
      secondary: true,
      disabled: data.paths.xlsx === null,
      title: data.paths.xlsx ?? 'No XLSX report was written for this run',
    }),
    actionButton('Reveal in Explorer', 'folder', () => post({ type: 'revealInExplorer' }), { id: 'action-reveal', secondary: true }),
    actionButton('Run Again', 'play', () => post({ type: 'rerun' }), {
      id: 'action-rerun',
      secondary: true,
      disabled: !data.canRerun,
      title: data.canRerun ? 'Run this profile again' : 'Runs are not available here (untrusted workspace or no run command)',
    }),
  );
  const rate = o.pass_rate === null ? '–' : formatPercent(o.pass_rate);
  return h(
    'header',
    { class: 'report-header' },
    h(
      'div',
      { class: 'title-row' },
      h('div', { class: 'title-block' }, h('div', { class: 'eyebrow' }, 'AI Quality Report'), h('h1', { class: 'run-id mono' }, run.id)),
      statusBadge(run.status, { pill: true }),
    ),
    run.error
      ? h('div', { class: 'banner is-error', role: 'alert' }, icon('error'), h('span', {}, `The run ended in error: ${run.error}`))
      : null,
    run.status === 'cancelled'
      ? h(
          'div',
          { class: 'banner is-cancelled' },
          icon('cancelled'),
          h('span', {}, 'The run was cancelled: these are its partial results.'),
        )
      : null,
    run.status === 'inconclusive'
      ? h('div', { class: 'banner is-inconclusive', role: 'status' }, icon('inconclusive'), h('span', {}, inconclusiveBanner(data)))
      : null,
    meta,
    h(
      'div',
      { class: 'stats', role: 'group', 'aria-label': 'Overall results' },
      stat('pass rate', rate, o.status === 'passed' ? 'passed' : o.status === 'failed' ? 'failed' : undefined),
      stat('cases', o.total.toLocaleString('en-US')),
      stat('passed', o.passed.toLocaleString('en-US'), o.passed > 0 ? 'passed' : undefined),
      stat('failed', o.failed.toLocaleString('en-US'), o.failed > 0 ? 'failed' : undefined),
      stat('errors', o.errors.toLocaleString('en-US'), o.errors > 0 ? 'error' : undefined),
      inconclusiveStat(data),
      stat('suites', String(Object.keys(summary.suites).length)),
    ),
    actions,
  );
}
