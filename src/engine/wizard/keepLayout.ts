// The yaml library keeps comments and key order when it rewrites a document, but not
// the layout around them: it collapses runs of blank lines and puts one space before a
// trailing comment. The user's file should change only where a value changed, so the
// rewritten text is laid over the original line by line: every line whose content is
// unchanged is taken from the original as it was.

// Indentation is structure in YAML: lines match only at the same indentation, so an original
// line never moves a key into another mapping. Spacing inside a line may differ.
const norm = (line: string): string => `${/^\s*/.exec(line)?.[0] ?? ''}${line.trim().replace(/\s+/g, ' ')}`;

/** Pairs of (original index, written index) of the lines a longest common subsequence keeps. */
function commonLines(a: readonly string[], b: readonly string[]): [number, number][] {
  const na = a.map(norm);
  const nb = b.map(norm);
  // lengths[i][j]: LCS length of a[i..] and b[j..]; profiles are short, so the table is small.
  const lengths = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lengths[i][j] = na[i] === nb[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (na[i] === nb[j]) pairs.push([i++, j++]);
    else if (lengths[i + 1][j] >= lengths[i][j + 1]) i++;
    else j++;
  }
  return pairs;
}

const keyOf = (line: string): string | undefined => /^\s*(?:- )?[^\s#:][^:#]*:/.exec(line)?.[0];

// A changed value keeps the spacing the original line had before its trailing comment.
function withOriginalCommentGap(written: string, original: string): string {
  for (let pos = written.indexOf(' #'); pos >= 0; pos = written.indexOf(' #', pos + 1)) {
    const comment = written.slice(pos).trimStart();
    const at = original.length - comment.length;
    const gap = /\s+$/.exec(original.slice(0, at))?.[0];
    if (original.endsWith(comment) && gap) return `${written.slice(0, pos).trimEnd()}${gap}${comment}`;
  }
  return written;
}

/** The written text with every unchanged line, blank line and comment spacing of the original kept. */
export function keepLayout(original: string, written: string): string {
  const a = original.split('\n');
  const b = written.split('\n');
  const out: string[] = [];
  let i = 0;
  let j = 0;
  // A gap: original lines a[i..ai) replaced by written lines b[j..bj).
  const gap = (ai: number, bj: number) => {
    const removed = a.slice(i, ai);
    const firstContent = removed.findIndex((l) => l.trim() !== '');
    const lead = firstContent < 0 ? removed.length : firstContent;
    out.push(...removed.slice(0, lead));
    for (const line of b.slice(j, bj)) {
      const key = keyOf(line);
      const before = key === undefined ? undefined : removed.find((l) => keyOf(l) === key);
      out.push(before === undefined ? line : withOriginalCommentGap(line, before));
    }
    // Blank lines the writer collapsed come back; lines with content were removed for real.
    out.push(...removed.slice(lead).filter((l) => l.trim() === ''));
  };
  for (const [ai, bj] of commonLines(a, b)) {
    gap(ai, bj);
    out.push(a[ai]);
    i = ai + 1;
    j = bj + 1;
  }
  gap(a.length, b.length);
  return out.join('\n');
}
