// The one file of messages between the extension host and its webviews. One union
// per direction per webview, discriminated on `type`, switched exhaustively on both
// sides. A webview says `ready` first; the host queues messages until then. The
// host validates every message it receives: a webview is untrusted input.
// This file imports nothing from vscode or the engine's runtime (types only).
import type { RunComparison } from './engine/report/compareRuns';
import type { CaseResult, LogEntry, RunInfo, RunResult } from './engine/run/types';

// ---------------------------------------------------------------- report view
// (owned by the report view: webview/report/, src/extension/report/)

/**
 * A report as the view gets it: the run, its summary, the cases (very long texts
 * clipped), the last log lines, and the comparison with the previous run.
 */
export interface ReportViewData {
  /** The JSON report's file Uri (as a string): the panel's identity, kept in the view's state to restore after a reload. */
  uri: string;
  /** Paths for display (workspace-relative when inside the workspace); null when the file does not exist. */
  paths: { json: string; xlsx: string | null; profile: string | null };
  run: RunInfo;
  summary: RunResult['summary'];
  cases: CaseResult[];
  logs: LogEntry[];
  /** What was left out to keep the view light: texts clipped, log lines dropped. */
  clipped: { texts: number; logs: number };
  /** The comparison with the previous finished run of the same profile in the same folder. */
  comparison: RunComparison | null;
  /** Why there is no comparison, for a person. */
  comparisonNote: string | null;
  /** Whether the run command is available (it is registered and the workspace is trusted). */
  canRerun: boolean;
}

/** Messages from the extension host to the report view. */
export type ReportToWebview =
  | { type: 'report'; data: ReportViewData }
  | { type: 'loadError'; uri: string; message: string };

/** Actions the report view asks the host to carry out. */
export type ReportAction = 'openJson' | 'openXlsx' | 'revealInExplorer' | 'openProfile' | 'rerun' | 'openPrevious';

/** Messages from the report view to the extension host. */
export type ReportFromWebview =
  | { type: 'ready' }
  /** Sent after every render: what is on screen (tests and the host read it). */
  | { type: 'rendered'; runId: string; cards: number; rows: number; matching: number; total: number; charts: number }
  /** Opens the JSON report; with a case id, at that case's line. */
  | { type: 'openJson'; caseId?: string }
  | { type: 'openXlsx' }
  | { type: 'revealInExplorer' }
  | { type: 'openProfile' }
  | { type: 'rerun' }
  | { type: 'openPrevious' };

// ---------------------------------------------------------------- wizard
// (owned by the wizard: webview/wizard/, src/extension/wizard/)

/** Messages from the extension host to the wizard. */
export type WizardToWebview = { type: 'placeholder-wizard' };

/** Messages from the wizard to the extension host. */
export type WizardFromWebview = { type: 'ready' };
