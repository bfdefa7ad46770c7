/** A YAML syntax error in plain words, on the line that is really wrong (1-based line and column). */
export interface PlainYamlError {
  line: number;
  column: number;
  /** Length of the span to mark on that line (at least 1). */
  length: number;
  message: string;
}

/** What the yaml library reports: its code, the offsets and its message. */
export interface YamlLibraryError {
  code: string;
  pos: [number, number];
  message: string;
}

const indentOf = (line: string): number => line.length - line.trimStart().length;
const isContent = (line: string): boolean => line.trim() !== '' && !line.trimStart().startsWith('#');

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

function at(lines: readonly string[], line: number, message: string): PlainYamlError {
  const text = lines[line - 1] ?? '';
  const column = indentOf(text) + 1;
  return { line, column, length: Math.max(1, text.trimEnd().length - column + 1), message };
}

/** The first line from `from` on indented deeper than the content line above it, which already holds a value. */
function overIndented(lines: readonly string[], from: number, to: number): number | undefined {
  let previous: string | undefined;
  for (let n = Math.max(1, from); n <= to; n++) {
    const line = lines[n - 1] ?? '';
    if (!isContent(line)) continue;
    if (previous !== undefined && indentOf(line) > indentOf(previous) && !/:\s*(#.*)?$/.test(previous) && !/^\s*-\s*$/.test(previous))
      return n;
    previous = line;
  }
  return undefined;
}

/** The last line at or before `to` with an opening character that is not closed on the same line. */
function unclosed(lines: readonly string[], to: number, open: string, close: string): number | undefined {
  for (let n = Math.min(to, lines.length); n >= 1; n--) {
    const line = lines[n - 1] ?? '';
    const count = (c: string) => line.split(c).length - 1;
    if (open === close ? count(open) % 2 === 1 : count(open) > count(close)) return n;
  }
  return undefined;
}

function quoted(line: string): string {
  const t = line.trim();
  return `"${t.length > 40 ? `${t.slice(0, 40)}…` : t}"`;
}

/**
 * Turns the yaml library's syntax errors into plain sentences pointing at the
 * line to fix: an over-indented line is reported on itself (the library names
 * the line above), an unclosed bracket or quote where it opens. Errors that
 * land on the same line are reported once.
 */
export function plainYamlErrors(text: string, errors: readonly YamlLibraryError[]): PlainYamlError[] {
  const lines = text.split(/\r?\n/);
  const out: PlainYamlError[] = [];
  for (const err of errors) {
    const start = lineOf(text, err.pos[0]);
    const end = lineOf(text, err.pos[1]);
    let plain: PlainYamlError | undefined;
    if (err.code === 'BLOCK_AS_IMPLICIT_KEY' || err.code === 'MULTILINE_IMPLICIT_KEY') {
      const n = overIndented(lines, start, Math.max(end, start + 1));
      if (n !== undefined)
        plain = at(
          lines,
          n,
          `YAML: this line is indented more than the line above it (${quoted(lines[n - 2] ?? '')}), which already has a value: line it up with the keys above`,
        );
    } else if (err.code === 'BAD_INDENT' && /same column/.test(err.message)) {
      plain = at(lines, start, 'YAML: this key is not lined up with the keys above it in the same block: indent it like them');
    } else if (err.code === 'BAD_INDENT' || (err.code === 'MISSING_CHAR' && /[\]}]/.test(err.message))) {
      const n = unclosed(lines, start, '[', ']') ?? unclosed(lines, start, '{', '}');
      if (n !== undefined) plain = at(lines, n, 'YAML: a [ or { opened on this line is not closed: add the closing ] or }');
    } else if (err.code === 'MISSING_CHAR' && /quote/.test(err.message)) {
      const n = unclosed(lines, start, '"', '"') ?? unclosed(lines, start, "'", "'");
      if (n !== undefined) plain = at(lines, n, 'YAML: a quote opened on this line is not closed: add the closing quote');
    } else if (err.code === 'TAB_AS_INDENT') {
      plain = { ...at(lines, start, 'YAML: this line is indented with a tab; YAML needs spaces'), column: 1 };
    } else if (err.code === 'DUPLICATE_KEY') {
      const key = (lines[start - 1] ?? '').trim().split(':')[0] ?? '';
      plain = at(lines, start, `YAML: the key '${key}' appears twice in the same block: keep one`);
    }
    if (!plain) continue;
    if (!out.some((o) => o.line === plain.line)) out.push(plain);
  }
  return out;
}
