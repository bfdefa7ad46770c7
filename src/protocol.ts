// The one file of messages between the extension host and its webviews. One union
// per direction per webview, discriminated on `type`, switched exhaustively on both
// sides. A webview says `ready` first; the host queues messages until then. The
// host validates every message it receives: a webview is untrusted input.
// This file imports nothing from vscode or the engine's runtime (types only).
import type { RunComparison } from './engine/model/runComparison';
import type { CaseAggregates, CasePage, CaseQuery } from './engine/model/caseQuery';
import type { LogEntry, RunInfo, RunResult } from './engine/model/runTypes';
import type { DataKind } from './engine/model/dataKinds';
import type { RequirementRow } from './engine/model/requirementTypes';
import type { SuiteName } from './engine/model/suiteNames';
import type { WizardStepId } from './engine/model/wizardSteps';
import type { WizardChip } from './engine/model/wizardSteps';

// ---------------------------------------------------------------- report view
// (owned by the report view: webview/report/, src/extension/report/)

/**
 * A report as the view gets it: the run, its summary, what the view draws from
 * all cases (computed by the host while indexing them), the first page of cases
 * (very long texts clipped), the last log lines, and the comparison with the
 * previous run. Further pages are asked for with `queryCases`.
 */
export interface ReportViewData {
  /** The JSON report's file Uri (as a string): the panel's identity, kept in the view's state to restore after a reload. */
  uri: string;
  /** Paths for display (workspace-relative when inside the workspace); null when the file does not exist. */
  paths: { json: string; xlsx: string | null; profile: string | null };
  run: RunInfo;
  summary: RunResult['summary'];
  /** How many cases the report holds. */
  total: number;
  /** Counts and the latency histogram, over every case. */
  aggregates: CaseAggregates;
  /** The first page of cases and the query it answers (the default sort, no filter). */
  first: { query: CaseQuery; page: CasePage };
  /** Case lines of the file that could not be read, each with its file and line. */
  problems: string[];
  logs: LogEntry[];
  /** What was left out to keep the view light: texts clipped (in the first page), log lines dropped. */
  clipped: { texts: number; logs: number };
  /** The comparison with the previous finished run of the same profile in the same folder (sent later when still being computed). */
  comparison: RunComparison | null;
  /** Why there is no comparison (yet), for a person. */
  comparisonNote: string | null;
  /** Whether the run command is available (it is registered and the workspace is trusted). */
  canRerun: boolean;
  /** Every suite's name for people ("RAG quality"), from the suites' manifests. */
  suiteLabels: Partial<Record<SuiteName, string>>;
}

/** Messages from the extension host to the report view. */
export type ReportToWebview =
  | { type: 'report'; data: ReportViewData }
  | { type: 'loadError'; uri: string; message: string }
  /** The answer to `queryCases` number `id`: a page, or why it could not be read. */
  | { type: 'cases'; uri: string; id: number; query: CaseQuery; page: CasePage | null; error?: string }
  /** The comparison with the previous run, once computed after the report was sent. */
  | { type: 'comparison'; uri: string; comparison: RunComparison | null; comparisonNote: string | null };

/** Messages from the report view to the extension host. */
export type ReportFromWebview =
  | { type: 'ready' }
  /** Sent after every render: what is on screen (tests and the host read it). */
  | { type: 'rendered'; runId: string; cards: number; rows: number; matching: number; total: number; charts: number }
  /** Asks for a page of cases; `id` grows with each request, so an older answer is known and ignored. */
  | { type: 'queryCases'; id: number; query: CaseQuery }
  /** Opens the JSON report; with a case id, at that case's line. */
  | { type: 'openJson'; caseId?: string }
  | { type: 'openXlsx' }
  | { type: 'revealInExplorer' }
  | { type: 'openProfile' }
  | { type: 'rerun' }
  | { type: 'openPrevious' };

// ---------------------------------------------------------------- wizard
// (owned by the wizard: webview/wizard/, src/extension/wizard/)

/** One entry of the wizard's chat log. */
export interface WizardLogEntry {
  /** Increasing; the webview appends entries it has not shown yet. */
  id: number;
  from: 'bot' | 'user';
  text: string;
  tone?: 'info' | 'success' | 'warning' | 'error';
  /** Smaller lines under the text (problems found, what a step needs). */
  details?: string[];
  /** A block shown as quoted text (the target's answer in the connection test). */
  quote?: string;
  /** The step a question or an answer belongs to (answers get an Edit button). */
  step?: WizardStepId;
  /** A one-line hint under a question. */
  hint?: string;
  /** A secret was typed here: `text` is a mask, the secret itself never leaves the host. */
  masked?: boolean;
  /** Buttons under the entry; the webview sends back only the id (the host knows what it does). */
  actions?: { id: string; label: string; primary?: boolean }[];
}

/** The current question's input: its suggestions and what kind of text it takes. */
export interface WizardStepView {
  id: WizardStepId;
  title: string;
  chips: WizardChip[];
  /** `secret`: a password field whose value is sent as a `secret` message. */
  input: 'text' | 'secret';
  placeholder: string;
  optional: boolean;
  /** The secret name a `secret` input is stored under. */
  secretName?: string;
}

/** A run started from the wizard, as the chat shows it. */
export interface WizardRunView {
  runId?: string;
  phase: 'starting' | 'running' | 'finished' | 'refused';
  done: number;
  total: number;
  suite?: string;
  /** passed | failed | cancelled | error, once finished. */
  status?: string;
  /** The action id that cancels the run (while it runs). */
  cancelActionId?: string;
}

/** Everything the wizard shows: the conversation, the current step, the side panel, a run. */
export interface WizardView {
  log: WizardLogEntry[];
  step: WizardStepView;
  progress: { index: number; count: number; percent: number; title: string };
  /** Steps that can be jumped to for editing, in order. */
  editable: { id: WizardStepId; title: string }[];
  canBack: boolean;
  /** Work in progress that makes the wizard wait ("Testing the connection…"). */
  busy: string | null;
  preview: { yaml: string; fileName: string; folder: string | null; editing: boolean };
  matrix: { suites: SuiteName[]; kinds: DataKind[]; rows: RequirementRow[]; blocking: string[] };
  useDefaults: boolean;
  estimate: { total: number; perSuite: Partial<Record<SuiteName, number>>; notes: string[] } | null;
  /** Whether "Run tests" may be pressed, and why not. */
  canRun: { enabled: boolean; reason?: string };
  run: WizardRunView | null;
  /** Regex sources and flags that tell a pasted key from an answer (the engine's key table), so the webview keeps keys out of its state. */
  keyPatterns: { source: string; flags: string }[];
}

/** Messages from the extension host to the wizard. */
export type WizardToWebview =
  | { type: 'state'; view: WizardView }
  /** Moves focus to the answer field (after the panel is revealed by a command). */
  | { type: 'focusInput' };

/** Messages from the wizard to the extension host. */
export type WizardFromWebview =
  | { type: 'ready' }
  /** Free text, or the value of a chip. */
  | { type: 'answer'; text: string }
  /** A secret typed into the password field; stored under `name`, never echoed. */
  | { type: 'secret'; name: string; value: string }
  | { type: 'back' }
  | { type: 'edit'; step: WizardStepId }
  | { type: 'reset' }
  /** The "Allow default datasets" toggle. */
  | { type: 'setUseDefaults'; value: boolean }
  /** "Upload now" in the requirements matrix: pick a file for a data kind. */
  | { type: 'uploadData'; kind: DataKind }
  /** "Run tests": write the profile and start the run. */
  | { type: 'runTests' }
  /** A button of a log entry. */
  | { type: 'action'; id: string };
