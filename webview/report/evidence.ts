// Evidence spans placed in the text they came from. A detector's span indexes the
// text it read, which is the output itself or (for JSON answers) the output's
// string values: a span whose offsets do not point at its own text is looked up
// by its text instead, and one that cannot be found is listed apart.

/** A span of evidence as suites keep it in case details. */
export interface EvidenceSpan {
  text: string;
  start: number;
  end: number;
  rule: string;
}

/** A piece of the text, marked when evidence covers it. */
export interface Segment {
  text: string;
  /** Rules of the evidence covering this piece; absent when none does. */
  rules?: string[];
}

/** The evidence spans of a case's details (malformed entries are dropped). */
export function evidenceOf(details: Record<string, unknown> | undefined): EvidenceSpan[] {
  const raw = details?.evidence;
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (e): e is EvidenceSpan =>
      typeof e === 'object' &&
      e !== null &&
      typeof (e as EvidenceSpan).text === 'string' &&
      typeof (e as EvidenceSpan).start === 'number' &&
      typeof (e as EvidenceSpan).end === 'number' &&
      typeof (e as EvidenceSpan).rule === 'string',
  );
}

/** Splits `text` into pieces with the evidence marked; `unplaced` are spans not found in it. */
export function placeEvidence(text: string, spans: readonly EvidenceSpan[]): { segments: Segment[]; unplaced: EvidenceSpan[] } {
  const ranges: { start: number; end: number; rule: string }[] = [];
  const unplaced: EvidenceSpan[] = [];
  for (const e of spans) {
    if (e.end > e.start && text.slice(e.start, e.end) === e.text) {
      ranges.push({ start: e.start, end: e.end, rule: e.rule });
      continue;
    }
    const at = e.text ? text.indexOf(e.text) : -1;
    if (at >= 0) ranges.push({ start: at, end: at + e.text.length, rule: e.rule });
    else unplaced.push(e);
  }
  if (ranges.length === 0) return { segments: [{ text }], unplaced };
  // Cut the text at every range boundary; each piece is covered by a known set of rules.
  const cuts = [...new Set([0, text.length, ...ranges.flatMap((r) => [r.start, r.end])])].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i] as number;
    const end = cuts[i + 1] as number;
    if (end <= start) continue;
    const rules = [...new Set(ranges.filter((r) => r.start <= start && r.end >= end).map((r) => r.rule))];
    const piece = text.slice(start, end);
    const last = segments[segments.length - 1];
    // Neighbouring pieces under the same rules read as one mark.
    if (last && String(last.rules ?? '') === String(rules.length ? rules : '')) last.text += piece;
    else segments.push(rules.length ? { text: piece, rules } : { text: piece });
  }
  return { segments, unplaced };
}
