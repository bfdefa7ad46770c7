// The run log at the foot of the report (warnings and errors counted in the
// summary line), and a note of what the view clipped.
import type { ReportViewData } from '../../src/protocol';
import { h } from '../shared/dom';

/** The log section (collapsed), or null when the run logged nothing. */
export function renderLogs(d: ReportViewData): HTMLElement | null {
  const warns = d.logs.filter((l) => l.level === 'warn').length;
  const errors = d.logs.filter((l) => l.level === 'error').length;
  const clipped =
    d.clipped.texts > 0
      ? h(
          'p',
          { class: 'muted small' },
          `${d.clipped.texts.toLocaleString('en-US')} long text${d.clipped.texts === 1 ? ' was' : 's were'} shortened in this view; the JSON report has ${d.clipped.texts === 1 ? 'it' : 'them'} in full.`,
        )
      : null;
  if (d.logs.length === 0) return clipped ? h('footer', { class: 'report-foot' }, clipped) : null;
  const counts = [warns ? `${warns} warning${warns === 1 ? '' : 's'}` : '', errors ? `${errors} error${errors === 1 ? '' : 's'}` : '']
    .filter(Boolean)
    .join(', ');
  return h(
    'footer',
    { class: 'report-foot' },
    h(
      'details',
      { class: 'panel logs', id: 'logs' },
      h(
        'summary',
        {},
        h('h2', {}, 'Run log'),
        h(
          'span',
          { class: 'muted' },
          ` ${d.logs.length.toLocaleString('en-US')} line${d.logs.length === 1 ? '' : 's'}${counts ? ` · ${counts}` : ''}`,
        ),
      ),
      d.clipped.logs
        ? h('p', { class: 'muted small' }, `The first ${d.clipped.logs.toLocaleString('en-US')} lines are only in the JSON report.`)
        : null,
      h(
        'ol',
        { class: 'log-lines mono' },
        d.logs.map((l) =>
          h(
            'li',
            { class: `log is-${l.level}` },
            h('time', { datetime: l.time }, l.time.slice(11, 23)),
            ' ',
            h('span', { class: 'log-level' }, l.level),
            ' ',
            l.message,
          ),
        ),
      ),
    ),
    clipped,
  );
}
