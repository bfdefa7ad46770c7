import type { Problem } from '../../model/problem';
import { lineRange } from '../../model/problem';
import { describeValue, intendedField, isBlank } from '../problems/fieldNames';
import { reportFileError } from './fileAccess';
import { IdIndex } from './idIndex';
import { scanJson } from './jsonScan';
import type { JsonNode } from './jsonScan';
import type { Issue, JsonlSpec } from './jsonlFields';
import { checkFields, exampleLine, locate } from './jsonlFields';
import { readLines, readSlices } from './lineReader';
import { DATA_PROBLEM_CODES as C } from '../problems/problemCodes';
import { ProblemSink } from '../problems/problemSink';
import type { ProblemDraft } from '../problems/problemSink';
import { lineSpan } from '../problems/textPosition';
import type { DataFileCheck, DataReadOptions } from '../../model/dataTypes';
import { quoteExcerpt } from '../problems/quote';

/**
 * Streams a JSONL dataset, checking every line against `spec`. Broken lines are
 * reported and skipped; good ones go to `onRecord` (if given) and are counted.
 * Memory stays flat but for the id index (duplicates need every id seen).
 */
export async function readJsonl<T>(
  spec: JsonlSpec<T>,
  file: string,
  opts: DataReadOptions = {},
  onRecord?: (record: T) => void,
): Promise<DataFileCheck> {
  const checker = new JsonlChecker(spec, file, opts.maxProblems, onRecord);
  try {
    await readLines(file, (text, line, offset) => checker.onLine(text, line, offset), {
      signal: opts.signal,
      onProgress: opts.onProgress,
      contents: opts.contents,
      onTooLong: (line) => checker.onTooLong(line),
    });
    await checker.resolveExactDuplicates(opts.contents);
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    reportFileError(err, checker.sink);
    return { kind: spec.kind, file, records: 0, brokenLines: 0, problems: checker.sink.finish(0) };
  }
  return checker.finish();
}

const MAX_UNKNOWN_NAMES = 1000;

interface PendingDuplicate {
  problem: Problem;
  index: number;
  text: string;
  line: number;
}

// A class rather than closures: the per-line path must not allocate functions,
// since it runs millions of times on big files.
class JsonlChecker<T> {
  readonly sink: ProblemSink;
  private readonly known: Set<string>;
  private readonly wanted: string[];
  private readonly ids = new IdIndex();
  private readonly pending: PendingDuplicate[] = [];
  private readonly unknownSeen = new Map<string, { problem?: Problem; count: number }>();
  private readonly issues: Issue[] = [];
  private records = 0;
  private broken = 0;
  private contentLines = 0;
  private wrongKind = false;
  private stopped = false;

  constructor(
    private readonly spec: JsonlSpec<T>,
    private readonly file: string,
    maxProblems: number | undefined,
    private readonly onRecord?: (record: T) => void,
  ) {
    this.sink = new ProblemSink(file, maxProblems);
    this.known = new Set(spec.fields.map((f) => f.name));
    this.wanted = spec.fields.map((f) => f.name);
  }

  onTooLong(line: number): void {
    this.contentLines++;
    this.broken++;
    this.sink.addAtLine('error', C.lineTooLong, line, 'line is too long to be a record (over 16 MiB); skipped');
  }

  onLine(text: string, line: number, offset: number): boolean | void {
    if (text.charCodeAt(0) !== 0x7b && isBlank(text)) return;
    const spec = this.spec;
    this.contentLines++;
    if (this.contentLines === 1 && looksLikeJsonDocument(text)) {
      this.sink.addAtLine(
        'error',
        C.notJsonl,
        line,
        `this is a JSON document, not JSON Lines: ${spec.kind} needs one JSON object per line, e.g. ${exampleLine(spec.kind)}`,
        text.length,
      );
      this.stopped = true;
      return false;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.broken++;
      this.sink.add('error', C.jsonSyntax, line, () => syntaxDraft(text, line));
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.broken++;
      this.sink.addAtLine(
        'error',
        C.notAnObject,
        line,
        `each line must be a JSON object like ${exampleLine(spec.kind)}; this line is ${describeValue(value)}`,
        text.length,
      );
      return;
    }
    const obj = value as Record<string, unknown>;
    const issues = this.issues;
    issues.length = 0;
    const renamed = checkFields(spec.fields, this.known, spec.aliases, obj, issues);
    let failed = false;
    for (let i = 0; i < issues.length; i++) if (issues[i].severity === 'error') failed = true;
    if (this.contentLines === 1 && failed && spec.other.required.every((k) => obj[k] !== undefined)) {
      this.wrongKind = true;
      const other = spec.other.required.map((k) => `"${k}"`).join(', ');
      this.sink.addAtLine(
        'error',
        C.wrongKind,
        line,
        `this looks like a ${spec.other.kind} file (it has ${other}), not ${spec.kind}: check the data path`,
        text.length,
      );
    }
    if (issues.length > 0) this.report(line, text, issues);
    for (const k in obj) {
      if (!this.known.has(k) && !renamed?.has(k)) this.unknownField(k, line, text, obj);
    }
    if (failed) {
      this.broken++;
      return;
    }
    const id = obj[spec.idField] as string;
    const prev = this.ids.get(id);
    if (prev !== undefined) {
      this.duplicate(id, prev, line, text);
      return;
    }
    this.ids.add(id, line, offset);
    this.records++;
    this.onRecord?.(spec.build(obj, line));
  }

  private report(line: number, text: string, issues: readonly Issue[]): void {
    let node: JsonNode | undefined;
    let scanned = false;
    for (const issue of issues) {
      if (this.wrongKind && issue.code === C.missingField) continue;
      this.sink.add(issue.severity, issue.code, line, () => {
        if (!scanned) {
          node = scanNode(text);
          scanned = true;
        }
        const fix = issue.rename
          ? { kind: 'replace' as const, text: JSON.stringify(issue.rename), title: `Rename to "${issue.rename}"` }
          : undefined;
        return { range: locate(line, text, node, issue.where), message: issue.message, extra: fix ? { fix } : {} };
      });
    }
  }

  // Reported once per field name, on its first line; the message gets the count at the end.
  private unknownField(k: string, line: number, text: string, obj: Record<string, unknown>): void {
    const seen = this.unknownSeen.get(k);
    if (seen) {
      seen.count++;
      return;
    }
    // Files whose keys are data (a new name on every line) would grow this without bound.
    if (this.unknownSeen.size >= MAX_UNKNOWN_NAMES) return;
    const entry: { problem?: Problem; count: number } = { count: 1 };
    this.unknownSeen.set(k, entry);
    if (this.wrongKind) return;
    const hint = intendedField(k, this.wanted, this.spec.aliases);
    const message = hint
      ? `unknown field "${quoteExcerpt(k)}" is ignored (did you mean "${hint}"?)`
      : `unknown field "${quoteExcerpt(k)}" is ignored`;
    // Renaming to a field the line already has would only make a duplicate key.
    const fix = hint && !(hint in obj) ? { kind: 'replace' as const, text: JSON.stringify(hint), title: `Rename to "${hint}"` } : undefined;
    entry.problem = this.sink.add('warning', C.unknownField, line, () => ({
      range: locate(line, text, scanNode(text), { at: 'key', field: k }),
      message,
      extra: fix ? { fix } : {},
    }));
  }

  private duplicate(id: string, prev: number, line: number, text: string): void {
    this.broken++;
    const field = this.spec.idField;
    const firstLine = this.ids.line(prev);
    const p = this.sink.add('error', C.duplicateId, line, () => ({
      range: locate(line, text, scanNode(text), { at: 'value', field }),
      message: `duplicate ${field} "${quoteExcerpt(id)}": already used on line ${firstLine}; this line is skipped`,
      extra: { related: [{ file: this.file, range: lineRange(firstLine), message: `first use of ${field} "${quoteExcerpt(id)}"` }] },
    }));
    if (p) this.pending.push({ problem: p, index: prev, text, line });
  }

  /** Marks listed duplicates that copy their first line exactly, so a quick fix can delete them. */
  async resolveExactDuplicates(contents?: string): Promise<void> {
    // One byte past the duplicate's length: the first line must end right there.
    const firsts = await readSlices(
      this.file,
      this.pending.map((d) => ({ offset: this.ids.offset(d.index), length: Buffer.byteLength(d.text) + 1 })),
      contents,
    );
    this.pending.forEach((d, i) => {
      const f = firsts[i];
      if (f !== d.text && f !== `${d.text}\n` && f !== `${d.text}\r`) return;
      d.problem.message = `duplicate line: identical to line ${this.ids.line(d.index)}; this line is skipped`;
      d.problem.fix = { kind: 'deleteLine', line: d.line };
    });
  }

  finish(): DataFileCheck {
    for (const [k, seen] of this.unknownSeen) {
      if (seen.problem && seen.count > 1) seen.problem.message = `unknown field "${quoteExcerpt(k)}" is ignored (on ${seen.count} lines)`;
    }
    const kind = this.spec.kind;
    if (this.records === 0 && !this.stopped && !this.wrongKind) {
      const message =
        this.contentLines === 0
          ? `the file is empty: add ${kind} records, one JSON object per line, e.g. ${exampleLine(kind)}`
          : `no usable ${kind} records: every line has an error`;
      this.sink.addAtLine('error', C.emptyDataset, 1, message);
    }
    return { kind, file: this.file, records: this.records, brokenLines: this.broken, problems: this.sink.finish(this.broken) };
  }
}

function syntaxDraft(text: string, line: number): ProblemDraft {
  const s = scanJson(text);
  return s.ok
    ? { range: lineRange(line, text.length), message: 'invalid JSON' }
    : { range: lineSpan(line, s.offset, s.offset + s.length), message: `invalid JSON: ${s.message}` };
}

function scanNode(text: string): JsonNode | undefined {
  const s = scanJson(text);
  return s.ok ? s.root : undefined;
}

/**
 * A first line that opens a pretty-printed document, or holds (the start of) an
 * array of objects, means the file is JSON, not JSONL.
 */
function looksLikeJsonDocument(text: string): boolean {
  const t = text.trim();
  if (t === '{' || t === '[') return true;
  if (!t.startsWith('[')) return false;
  try {
    const v: unknown = JSON.parse(t);
    return Array.isArray(v) && v.some((x) => typeof x === 'object' && x !== null && !Array.isArray(x));
  } catch {
    return /^\[\s*\{/.test(t);
  }
}
