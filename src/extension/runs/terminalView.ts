import { formatSummaryTable } from '../../engine/report/summaryTable';
import type { WrittenReports } from '../../engine/report/writeReports';
import type { RunStoryOptions } from '../../engine/report/runStory';
import { formatRunStory } from '../../engine/report/runStoryText';
import type { CaseResult, RunEvent, RunResult } from '../../engine/model/runTypes';

// What the task's pseudoterminal prints, kept free of `vscode` so it is unit-tested.
// A pseudoterminal needs CRLF and understands ANSI colours and `\r\x1b[K` redraws.

const EOL = '\r\n';
const CLEAR_LINE = '\r\x1b[K';

/** How the terminal output looks. */
export interface TerminalViewOptions {
  color: boolean;
  /** Failed cases shown per suite before the rest are counted only (default 5). */
  failuresPerSuite?: number;
  /** Milliseconds between redraws of the live progress line (default 100). */
  redrawMs?: number;
  /** Show the live progress line (default true; off where output is a log, as in test results). */
  progressLine?: boolean;
  now?: () => number;
}

const CODES = { red: '31;1', green: '32', yellow: '33', dim: '2', bold: '1', cyan: '36', magenta: '35' } as const;

/** Turns a run's events into terminal text: progress line, suite verdicts, brief failures, final summary. */
export class TerminalRunView {
  private done = 0;
  private total = 0;
  private suite: string | undefined;
  private lastDraw = 0;
  private drawn = false;
  private failuresShown = new Map<string, number>();
  private failuresHidden = new Map<string, number>();
  private readonly now: () => number;

  constructor(private readonly options: TerminalViewOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Text to write for one event (may be empty). */
  onEvent(event: RunEvent): string {
    switch (event.type) {
      case 'run-started':
        this.total = event.total;
        return this.say(
          `${this.paint('cyan', '▶')} run ${this.paint('bold', event.runId)}: ${event.total} ${event.total === 1 ? 'case' : 'cases'} in ${event.suites.join(', ')}`,
        );
      case 'suite-started':
        this.suite = event.suite;
        return this.say(`  ${event.suite}: ${event.total} ${event.total === 1 ? 'case' : 'cases'}`);
      case 'case-finished':
        this.done = event.done;
        this.total = event.total;
        if (event.case.status === 'failed' || event.case.status === 'error') return this.failure(event.case);
        return this.draw(false);
      case 'suite-finished': {
        const s = event.summary;
        const hidden = this.failuresHidden.get(s.suite) ?? 0;
        const more = hidden > 0 ? this.paint('dim', ` (${hidden} more failing ${hidden === 1 ? 'case' : 'cases'} in the report)`) : '';
        // Inconclusive has a mark of its own: neither passed nor failed.
        const tone =
          s.status === 'passed'
            ? 'green'
            : s.status === 'failed' || s.status === 'error'
              ? 'red'
              : s.status === 'inconclusive'
                ? 'magenta'
                : 'yellow';
        const glyph = s.status === 'passed' ? '✓' : tone === 'red' ? '✗' : tone === 'magenta' ? '?' : '○';
        const mark = this.paint(tone, glyph);
        return this.say(
          `  ${mark} ${s.suite} ${this.paint(tone, s.status)} ${this.paint('dim', `(${s.passed} passed, ${s.failed} failed, ${s.errors} errors of ${s.total})`)}${more}`,
        );
      }
      case 'log':
        if (event.entry.level === 'info') return '';
        return this.say(this.paint(event.entry.level === 'error' ? 'red' : 'yellow', `  ${event.entry.level}: ${event.entry.message}`));
      case 'case-started':
      case 'run-finished':
        return '';
    }
  }

  /** A note on its own line (cancel requested, refusal). */
  note(message: string, tone: 'plain' | 'warn' | 'error' = 'plain'): string {
    return this.say(tone === 'plain' ? message : this.paint(tone === 'warn' ? 'yellow' : 'red', message));
  }

  /**
   * The closing text, as `aiqk run` prints it: the summary table, the story of the
   * run (why suites failed, their distinct errors, the sampling) and the report files
   * (absolute paths, which the terminal makes clickable).
   */
  finish(result: RunResult, files: WrittenReports, writeError?: string, records?: RunStoryOptions['records']): string {
    const lines = [formatSummaryTable(result, { color: this.options.color, eol: EOL, runError: false })];
    const why = formatRunStory(result, { verbose: false, ...(records ? { records } : {}) });
    if (why.length > 0) lines.push(why.join(EOL));
    const written = (['json', 'xlsx', 'junit'] as const).filter((f) => files[f]).map((f) => `  ${f.padEnd(5)} ${files[f] as string}`);
    if (written.length > 0) lines.push(`Reports:${EOL}${written.join(EOL)}`);
    if (writeError) lines.push(this.paint('red', writeError));
    if (result.run.status === 'cancelled')
      lines.push(this.paint('yellow', 'The run was cancelled: the reports hold the cases that finished.'));
    return this.clear() + lines.join(EOL) + EOL;
  }

  private failure(c: CaseResult): string {
    const limit = this.options.failuresPerSuite ?? 5;
    const shown = this.failuresShown.get(c.suite) ?? 0;
    if (shown >= limit) {
      this.failuresHidden.set(c.suite, (this.failuresHidden.get(c.suite) ?? 0) + 1);
      return this.draw(false);
    }
    this.failuresShown.set(c.suite, shown + 1);
    const why = c.error ?? metricsText(c);
    const label = c.status === 'error' ? this.paint('red', 'error') : this.paint('red', 'failed');
    return this.say(`    ${label} ${c.suite}/${c.case_id}${why ? `: ${oneLine(why, 160)}` : ''}`);
  }

  // Prints a line above the live progress line, then redraws it.
  private say(line: string): string {
    return `${this.clear()}${line}${EOL}${this.draw(true)}`;
  }

  private clear(): string {
    if (!this.drawn) return '';
    this.drawn = false;
    return CLEAR_LINE;
  }

  private draw(force: boolean): string {
    if (this.total === 0 || this.options.progressLine === false) return '';
    const t = this.now();
    if (!force && t - this.lastDraw < (this.options.redrawMs ?? 100)) return '';
    this.lastDraw = t;
    const pct = Math.floor((this.done / this.total) * 100);
    const width = 20;
    const full = Math.round((Math.min(this.done, this.total) / this.total) * width);
    const bar = `[${'#'.repeat(full)}${'-'.repeat(width - full)}]`;
    this.drawn = true;
    return `${CLEAR_LINE}${this.paint('dim', `${bar} ${this.done}/${this.total} cases (${pct}%)${this.suite ? `, ${this.suite}` : ''}`)}`;
  }

  private paint(code: keyof typeof CODES, text: string): string {
    return this.options.color ? `\x1b[${CODES[code]}m${text}\x1b[0m` : text;
  }
}

function metricsText(c: CaseResult): string {
  return Object.entries(c.metrics)
    .map(([k, v]) => `${k} ${v === null ? 'unmeasured' : Number.isInteger(v) ? v : v.toFixed(3)}`)
    .join(', ');
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
