/** A position in a text file: 1-based line and column (column counts UTF-16 code units). */
export interface Position {
  line: number;
  column: number;
}

/** A span in a text file; `end` is exclusive. */
export interface Range {
  start: Position;
  end: Position;
}

/** How bad a problem is; mirrors VS Code's DiagnosticSeverity without depending on it. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Another place that explains a problem (e.g. the first line of a duplicate id). */
export interface RelatedLocation {
  file: string;
  range: Range;
  message: string;
}

/**
 * One problem found in a run profile or dataset, located in its file. The engine
 * produces these; the CLI prints them and the extension turns them into diagnostics.
 */
export interface Problem {
  /** Absolute path of the file the problem is in. */
  file: string;
  range: Range;
  severity: Severity;
  message: string;
  /** Stable code, documented in the README's "Problems" section (anchor = code). */
  code: string;
  related?: RelatedLocation[];
  /** Facts a quick fix needs (a suggested replacement, a data kind, a line to remove). */
  fix?: ProblemFix;
}

/** What a quick fix can do for a problem; the extension maps each kind to an edit. */
export type ProblemFix =
  | { kind: 'replace'; text: string; title: string }
  | { kind: 'setUseDefaults'; dataKind?: string }
  | { kind: 'createDataset'; dataKind: string; path: string }
  | { kind: 'addDataEntry'; dataKind: string }
  | { kind: 'deleteLine'; line: number }
  | { kind: 'removeEntry'; path: (string | number)[]; title: string };

/** A range covering a whole line (or the first `length` characters of it). */
export function lineRange(line: number, length = 0): Range {
  return { start: { line, column: 1 }, end: { line, column: 1 + length } };
}

/** Builds a problem; a shorthand that keeps call sites to one line. */
export function problem(
  file: string,
  range: Range,
  severity: Severity,
  code: string,
  message: string,
  extra: Partial<Problem> = {},
): Problem {
  return { file, range, severity, code, message, ...extra };
}

/** Formats a problem the way compilers do: `file:line:col: severity: message [code]`. */
export function formatProblem(p: Problem, displayPath: string = p.file): string {
  return `${displayPath}:${p.range.start.line}:${p.range.start.column}: ${p.severity}: ${p.message} [${p.code}]`;
}
