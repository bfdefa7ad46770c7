import * as vscode from 'vscode';
import type { Problem, Range, Severity } from '../../engine/model/problem';
import { DIAGNOSTIC_SOURCE } from '../core/constants';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Converts the engine's 1-based range to VS Code's 0-based one. */
export function toVsRange(range: Range): vscode.Range {
  const start = new vscode.Position(Math.max(0, range.start.line - 1), Math.max(0, range.start.column - 1));
  const end = new vscode.Position(Math.max(0, range.end.line - 1), Math.max(0, range.end.column - 1));
  return new vscode.Range(start, end.isBefore(start) ? start : end);
}

/** Turns a problem into a diagnostic whose code links to the README section explaining it (`helpLink`). */
export function toDiagnostic(problem: Problem, helpLink: (code: string) => vscode.Uri): vscode.Diagnostic {
  let range = toVsRange(problem.range);
  // A zero-width range is hard to see; widen it to one character.
  if (range.isEmpty) range = new vscode.Range(range.start, range.start.translate(0, 1));
  const d = new vscode.Diagnostic(range, problem.message, SEVERITY[problem.severity]);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: problem.code, target: helpLink(problem.code) };
  if (problem.related?.length) {
    d.relatedInformation = problem.related.map(
      (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.file(r.file), toVsRange(r.range)), r.message),
    );
  }
  return d;
}
