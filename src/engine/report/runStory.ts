import type { DataKind } from '../model/dataKinds';
import type { CaseResult, MetricVerdict, RunResult, SuiteSummary } from '../model/runTypes';
import type { SuiteName } from '../model/suiteNames';
import { MUTATOR_NAMES } from '../suites/redTeam/redTeamMutators';
import { formatMetricValue, reportSuites } from './reportModel';
import { inconclusiveIn, inconclusiveReason } from '../model/caseOutcome';

/** One distinct per-case error message and how many cases had it. */
export interface ErrorCount {
  message: string;
  count: number;
}

/** Why one suite did not pass cleanly, for a person reading the console. */
export interface SuiteStory {
  suite: SuiteName;
  status: SuiteSummary['status'];
  /** One or more sentences, each starting with the suite's name. */
  why: string[];
  /** The distinct per-case errors, most frequent first. */
  errors: ErrorCount[];
}

/** The story of a run: what went wrong per suite, the suites' notes and what was sampled. */
export interface RunStory {
  suites: SuiteStory[];
  /** Informational notes per suite (what was used, what was skipped), kept apart from errors. */
  notes: { suite: SuiteName; note: string }[];
  /** One line per suite that asked fewer questions than its data holds. */
  sampling: string[];
  /** Why the run cannot pass although nothing failed: replies nobody could judge, or suites that measured nothing. */
  inconclusive?: string;
}

/** What the story needs besides the result: how many records each data file the run read holds. */
export interface RunStoryOptions {
  records?: Partial<Record<DataKind, number>>;
}

// What one case of a suite is, in words ("8 of 8 questions got no answer").
const CASE_NOUN: Partial<Record<SuiteName, [string, string]>> = {
  rag_quality: ['question', 'questions'],
  regression: ['question', 'questions'],
  performance: ['request', 'requests'],
  red_team: ['attack', 'attacks'],
  safety: ['prompt', 'prompts'],
  bias_smoke: ['pair', 'pairs'],
};

// Suites whose cases are the qaset's questions, sampled by volumes.qa_sample_size.
const SAMPLED: readonly SuiteName[] = ['rag_quality', 'regression'];

/** A case error without its leading machine code (`connection_refused: …` → `…`). */
export function caseErrorText(error: string): string {
  return error.replace(/^[a-z][a-z0-9_]*: /, '');
}

/** The distinct error messages of a suite's cases, most frequent first (ties: first seen first). */
export function distinctErrors(cases: readonly CaseResult[]): ErrorCount[] {
  const counts = new Map<string, number>();
  for (const c of cases) {
    if (c.error === null || c.status === 'passed') continue;
    // An unclassified reply nobody tried to grade is what the inconclusive line says; a judge's failure is listed.
    if (c.status === 'inconclusive' && c.details?.judge === undefined) continue;
    const text = caseErrorText(c.error);
    counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return [...counts].map(([message, count]) => ({ message, count })).sort((a, b) => b.count - a.count);
}

function noun(suite: SuiteName, count: number): string {
  const [one, many] = CASE_NOUN[suite] ?? ['case', 'cases'];
  return count === 1 ? one : many;
}

function failedMetric(m: MetricVerdict): string {
  const need = m.threshold === undefined ? '' : ` (needs ${m.direction === 'max' ? '<=' : '>='} ${formatMetricValue(m.threshold)})`;
  return `${m.name} ${formatMetricValue(m.value)}${need}`;
}

function unmeasuredLines(s: SuiteSummary): string[] {
  const byReason = new Map<string, string[]>();
  for (const m of s.metrics) {
    if (m.value !== null || m.threshold === undefined) continue;
    const reason = m.reason ?? 'no value';
    byReason.set(reason, [...(byReason.get(reason) ?? []), m.name]);
  }
  return [...byReason].map(([reason, names]) => `${s.suite}: ${names.join(', ')} unmeasured: ${reason}`);
}

function suiteStory(s: SuiteSummary, cases: readonly CaseResult[], cancelReason: string | undefined): SuiteStory | undefined {
  const errors = distinctErrors(cases);
  const why: string[] = [];
  // Counted by the summary: a large run keeps only some of its cases (the failing ones first), which name the errors.
  const errored = s.errors;
  if (s.status === 'error' && s.total === 0) why.push(`${s.suite}: ${s.notes[0] ?? 'the suite could not run'}`);
  if (errored > 0) {
    const first = errors[0] ? `: ${errors[0].message}` : '';
    why.push(`${s.suite}: ${errored} of ${s.total} ${noun(s.suite, s.total)} got no answer${first}`);
  }
  if (s.status === 'cancelled') {
    // How many were planned is the suite's own cancel note.
    why.push(`${s.suite}: cancelled after ${s.total} ${noun(s.suite, s.total)}${cancelReason ? ` (${cancelReason})` : ''}`);
  }
  if (s.status === 'inconclusive') why.push(`${s.suite}: inconclusive: ${inconclusiveReason(s)}`);
  // When every case errored, the metrics only echo it: the target errors above are the whole story.
  const allErrored = s.total > 0 && errored === s.total;
  // unclear_rate over its threshold is what the inconclusive line above says.
  const failing = s.metrics.filter((m) => m.pass === false && !(s.status === 'inconclusive' && m.name === 'unclear_rate'));
  if (failing.length > 0 && !allErrored) why.push(`${s.suite}: below threshold: ${failing.map(failedMetric).join(', ')}`);
  if (!allErrored) why.push(...unmeasuredLines(s));
  if (why.length === 0 && s.status === 'passed') return undefined;
  if (why.length === 0) why.push(`${s.suite}: ${s.status}`);
  return { suite: s.suite, status: s.status, why, errors };
}

/**
 * The run-level line of a run with inconclusive suites: how many replies could
 * not be judged (and that a judge would grade them), or which suites measured
 * nothing; and that the run does not pass. Undefined when no suite is inconclusive.
 */
export function inconclusiveLine(result: RunResult): string | undefined {
  const suites = reportSuites(result).filter((s) => result.summary.suites[s]?.status === 'inconclusive');
  if (suites.length === 0) return undefined;
  const bySuite = suites.map((s) => [s, inconclusiveIn(result, s)] as const).filter(([, n]) => n > 0);
  const unclear = bySuite.reduce((n, [, k]) => n + k, 0);
  const parts: string[] = [];
  if (unclear > 0) {
    const where = bySuite.map(([s, n]) => `${s} ${n}`).join(', ');
    const judge = result.inputs.judge
      ? 'the configured judge could not grade them either'
      : 'a judge (judge: in the profile) would grade them';
    parts.push(`${unclear} ${unclear === 1 ? 'reply' : 'replies'} could not be judged (${where}); ${judge}`);
  }
  const empty = suites.filter((s) => !bySuite.some(([k]) => k === s));
  if (empty.length > 0) parts.push(`${empty.join(', ')} measured nothing that ${empty.length === 1 ? 'its' : 'their'} thresholds gate`);
  const gate = result.run.status === 'inconclusive' ? 'the run does not pass' : `${suites.length === 1 ? 'it does' : 'they do'} not pass`;
  return `Inconclusive: ${parts.join('; ')}; ${gate}.`;
}

function cancelReasonOf(result: RunResult): string | undefined {
  const line = result.logs.find((l) => l.message.startsWith('run cancelled: '))?.message;
  return line?.slice('run cancelled: '.length).replace(/; \d+ finished cases kept$/, '');
}

function samplingLines(result: RunResult, records: RunStoryOptions['records']): string[] {
  if (result.run.shard) return [];
  const name = (result.run.options as { profile_preset?: string }).profile_preset ?? 'smoke';
  const preset = `profile: ${name}`;
  const volumes = result.inputs.volumes;
  const lines: string[] = [];
  const qaset = records?.qaset;
  for (const suite of qaset === undefined ? [] : SAMPLED) {
    const s = result.summary.suites[suite];
    if (!s || s.status === 'cancelled' || qaset === undefined || s.total >= qaset) continue;
    const explicit = volumes?.qa_sample_size !== undefined;
    const why = explicit ? `volumes.qa_sample_size: ${s.total}` : preset;
    const fix = explicit ? 'raise volumes.qa_sample_size' : `set ${name === 'full' ? '' : 'profile: full or '}volumes.qa_sample_size`;
    lines.push(`${suite}: asked ${s.total} of ${qaset} questions (${why}); ${fix}`);
  }
  const timed = performanceSampling(result, qaset, explicitOr(volumes?.qa_sample_size, preset), name);
  if (timed) lines.push(timed);
  const mutators = mutatorSampling(result, name);
  if (mutators) lines.push(mutators);
  return lines;
}

function explicitOr(sampleSize: number | undefined, preset: string): string {
  return sampleSize !== undefined ? `volumes.qa_sample_size: ${sampleSize}` : preset;
}

// performance times the first `qa_sample_size` questions, `perf_repeats` rounds each.
function performanceSampling(result: RunResult, qaset: number | undefined, why: string, preset: string): string | undefined {
  const s = result.summary.suites.performance;
  const volumes = (result.run.options as { volumes?: { qa_sample_size?: number; perf_repeats?: number } }).volumes;
  if (!s || s.status === 'cancelled' || qaset === undefined || volumes?.qa_sample_size === undefined) return undefined;
  const used = Math.min(volumes.qa_sample_size, qaset);
  if (used >= qaset) return undefined;
  const explicit = why.startsWith('volumes.');
  const fix = explicit ? 'raise volumes.qa_sample_size' : `set ${preset === 'full' ? '' : 'profile: full or '}volumes.qa_sample_size`;
  return `performance: timed ${used} of ${qaset} questions, ${volumes.perf_repeats ?? 1} ${volumes.perf_repeats === 1 ? 'round' : 'rounds'} each (${why}); ${fix}`;
}

// red_team tries each attack with the first `attack_mutators` mutators unless the profile names them.
function mutatorSampling(result: RunResult, preset: string): string | undefined {
  const s = result.summary.suites.red_team;
  const named = result.inputs.suite_options?.red_team?.mutators;
  if (!s || s.status === 'cancelled' || (named && named.length > 0)) return undefined;
  // Its summary counts the cases of each mutation tried (a run may keep only some of its cases).
  const byMutation = s.details?.['by_mutation'];
  const used = new Set(byMutation && typeof byMutation === 'object' ? Object.keys(byMutation) : []);
  if (used.size === 0 || used.size >= MUTATOR_NAMES.length) return undefined;
  const explicit = result.inputs.volumes?.attack_mutators !== undefined;
  const why = explicit ? `volumes.attack_mutators: ${used.size}` : `profile: ${preset}`;
  const heavy = preset === 'red_team_heavy' ? '' : 'profile: red_team_heavy or ';
  const fix = explicit ? 'raise volumes.attack_mutators' : `set ${heavy}volumes.attack_mutators`;
  return `red_team: tried ${used.size} of ${MUTATOR_NAMES.length} mutators on each attack (${why}); ${fix}`;
}

/**
 * The story of a finished run for a person: for each suite that failed, errored,
 * was cancelled or left metrics unmeasured, why in a sentence or two, with its
 * distinct per-case errors; the suites' notes apart; and a line for each suite
 * that sampled fewer questions than the qaset holds. Computed from the result
 * alone (plus the data sizes), so any caller can tell the same story.
 */
export function runStory(result: RunResult, options: RunStoryOptions = {}): RunStory {
  const suites: SuiteStory[] = [];
  const notes: RunStory['notes'] = [];
  const cancelReason = cancelReasonOf(result);
  for (const suite of reportSuites(result)) {
    const s = result.summary.suites[suite];
    if (!s) continue;
    const story = suiteStory(
      s,
      result.cases.filter((c) => c.suite === suite),
      cancelReason,
    );
    if (story) suites.push(story);
    for (const note of s.notes) notes.push({ suite, note });
  }
  const inconclusive = inconclusiveLine(result);
  return { suites, notes, sampling: samplingLines(result, options.records), ...(inconclusive ? { inconclusive } : {}) };
}
