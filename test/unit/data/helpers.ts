import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from '../../../src/engine/model/problem';

/** Absolute path of a file under test/fixtures/data/. */
export function fixture(rel: string): string {
  return join(__dirname, '..', '..', 'fixtures', 'data', rel);
}

/** The text of line `n` (1-based) of a fixture, without BOM or CR. */
export function fixtureLine(rel: string, n: number): string {
  const lines = readFileSync(fixture(rel), 'utf8')
    .replace(/^\ufeff/, '')
    .split('\n');
  return (lines[n - 1] ?? '').replace(/\r$/, '');
}

/** 1-based column of `needle` in a line of text (asserting it is there). */
export function colOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not in "${text}"`);
  return i + 1;
}

/** The problem with a code on a line (asserting exactly one). */
export function problemAt(problems: readonly Problem[], line: number, code: string): Problem {
  const found = problems.filter((p) => p.range.start.line === line && p.code === code);
  if (found.length !== 1)
    throw new Error(
      `expected one ${code} on line ${line}, got ${found.length}: ${JSON.stringify(problems.map((p) => [p.range.start.line, p.code]))}`,
    );
  return found[0];
}

/** `[line, column, endColumn, severity, code]` of a problem, for compact assertions. */
export function where(p: Problem): [number, number, number, string, string] {
  return [p.range.start.line, p.range.start.column, p.range.end.column, p.severity, p.code];
}
