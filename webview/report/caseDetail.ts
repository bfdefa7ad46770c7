// The expanded view of one case: expected and output side by side (evidence
// spans marked in the output), the input, metrics, evidence, contexts and the
// suite's details rendered readably.
import type { CaseResult } from '../../src/engine/model/runTypes';
import { h } from '../shared/dom';
import { icon } from '../shared/icons';
import { evidenceOf, placeEvidence } from './evidence';
import { formatMetric, formatTime, metricLabel } from './format';
import type { Post } from './header';

function textBlock(text: string | null, empty: string, extraClass = ''): HTMLElement {
  return text === null || text === '' ? h('p', { class: 'muted empty' }, empty) : h('pre', { class: `text ${extraClass}` }, text);
}

function outputBlock(c: CaseResult): { block: HTMLElement; unplaced: number } {
  if (c.output === null)
    return { block: h('p', { class: 'muted empty' }, c.status === 'error' ? 'No output: the call failed.' : 'No output.'), unplaced: 0 };
  const spans = evidenceOf(c.details);
  if (spans.length === 0) return { block: textBlock(c.output, 'Empty output.'), unplaced: 0 };
  const { segments, unplaced } = placeEvidence(c.output, spans);
  const pre = h('pre', { class: 'text' });
  for (const s of segments) {
    pre.append(
      s.rules
        ? h(
            'mark',
            { class: 'evidence', title: s.rules.join(', ') },
            s.text,
            h('span', { class: 'sr-only' }, ` (evidence: ${s.rules.join(', ')})`),
          )
        : s.text,
    );
  }
  return { block: pre, unplaced: unplaced.length };
}

function detailValue(v: unknown): HTMLElement | string {
  if (v === null || v === undefined) return h('span', { class: 'muted' }, 'none');
  if (typeof v === 'string') return v.length > 160 || v.includes('\n') ? h('pre', { class: 'text small' }, v) : v;
  if (typeof v === 'number') return h('span', { class: 'mono' }, String(Number.isInteger(v) ? v : Number(v.toFixed(4))));
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) {
    return v.length === 0 ? h('span', { class: 'muted' }, 'none') : v.join(', ');
  }
  return h('pre', { class: 'json small' }, JSON.stringify(v, null, 2));
}

function detailsList(details: Record<string, unknown>): HTMLElement | null {
  const entries = Object.entries(details).filter(([k]) => k !== 'evidence');
  if (entries.length === 0) return null;
  return h(
    'dl',
    { class: 'kv' },
    entries.map(([k, v]) => h('div', {}, h('dt', {}, k.replace(/_/g, ' ')), h('dd', {}, detailValue(v)))),
  );
}

function evidenceList(c: CaseResult, unplaced: number): HTMLElement | null {
  const spans = evidenceOf(c.details);
  if (spans.length === 0) return null;
  return h(
    'div',
    { class: 'detail-block' },
    h('h4', {}, `Evidence (${spans.length})`),
    h(
      'ul',
      { class: 'evidence-list' },
      spans.map((e) => h('li', {}, h('code', {}, e.rule), ' ', h('mark', { class: 'evidence' }, e.text))),
    ),
    unplaced
      ? h(
          'p',
          { class: 'muted small' },
          `${unplaced} span${unplaced === 1 ? ' is' : 's are'} from the text the detector read (the answer's string values), not found verbatim in the output.`,
        )
      : null,
  );
}

/** The detail content of a case. */
export function caseDetail(c: CaseResult, post: Post): HTMLElement {
  const { block, unplaced } = outputBlock(c);
  const metrics = Object.entries(c.metrics);
  return h(
    'div',
    { class: 'case-detail' },
    c.error
      ? h(
          'div',
          { class: `banner is-${c.status === 'error' || c.status === 'inconclusive' ? c.status : 'failed'}` },
          icon(c.status === 'error' ? 'error' : c.status === 'inconclusive' ? 'inconclusive' : 'fail'),
          h('span', {}, c.error),
        )
      : null,
    h(
      'div',
      { class: 'side-by-side' },
      h('div', { class: 'detail-block' }, h('h4', {}, 'Expected'), textBlock(c.expected, 'No expected answer for this case.')),
      h('div', { class: 'detail-block' }, h('h4', {}, 'Output'), block),
    ),
    h('div', { class: 'detail-block' }, h('h4', {}, 'Input'), textBlock(c.input, 'Empty input.')),
    metrics.length
      ? h(
          'div',
          { class: 'detail-block' },
          h('h4', {}, 'Metrics'),
          h(
            'dl',
            { class: 'kv metrics-kv' },
            metrics.map(([k, v]) => h('div', {}, h('dt', {}, metricLabel(k)), h('dd', { class: 'mono' }, formatMetric(k, v)))),
          ),
        )
      : null,
    evidenceList(c, unplaced),
    c.contexts.length
      ? h(
          'details',
          { class: 'detail-block' },
          h('summary', {}, h('h4', {}, `Contexts (${c.contexts.length})`)),
          h(
            'ol',
            { class: 'contexts' },
            c.contexts.map((x) => h('li', {}, h('pre', { class: 'text small' }, x))),
          ),
        )
      : null,
    c.details && Object.keys(c.details).some((k) => k !== 'evidence')
      ? h(
          'details',
          { class: 'detail-block', open: Object.keys(c.details).length <= 8 },
          h('summary', {}, h('h4', {}, 'Details')),
          detailsList(c.details),
        )
      : null,
    h(
      'div',
      { class: 'detail-foot muted' },
      h('span', {}, h('time', { datetime: c.timestamp }, formatTime(c.timestamp))),
      h(
        'button',
        { class: 'link', onclick: () => post({ type: 'openJson', caseId: c.case_id }) },
        icon('json'),
        ' Open in the JSON report',
      ),
    ),
  );
}
