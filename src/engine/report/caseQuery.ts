// Pages of a report's cases from its case index: sorted (stable: ties keep the
// report's order), filtered by suite, status and words, read back by position
// and parsed only for the page asked. Sort orders and word matches are computed
// once and kept, so turning pages of 300,000 cases costs a few reads.
import { open } from 'node:fs/promises';
import type { CasePage, CaseQuery, SortKey, StatusFilter } from '../model/caseQuery';
import type { CaseResult, CaseStatus } from '../model/runTypes';
import type { CaseIndex } from './caseIndex';

const STATUS_ORDER: Record<CaseStatus, number> = { failed: 0, error: 1, inconclusive: 2, cancelled: 3, passed: 4 };
const TEXT_CACHE = 8;
const CHUNK = 4 * 1024 * 1024;

/** The words of a text filter, lower-cased. */
export function filterWords(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Whether a case has every word in its id, input, output, expected or error (case-insensitive). */
export function caseHasWords(c: CaseResult, words: readonly string[]): boolean {
  const hay = [c.case_id, c.input, c.output ?? '', c.expected ?? '', c.error ?? ''].join('\n').toLowerCase();
  return words.every((w) => hay.includes(w));
}

function statusMatches(s: CaseStatus, f: StatusFilter): boolean {
  return f === 'all' || (f === 'notPassed' ? s !== 'passed' : s === f);
}

const collator = new Intl.Collator(undefined, { numeric: true });

/** Pages of one indexed report. */
export class CaseReader {
  private readonly ascendingBy = new Map<SortKey, Int32Array>();
  private readonly descendingBy = new Map<SortKey, Int32Array>();
  private readonly texts = new Map<string, Uint8Array>();
  private last: { key: string; rows: Int32Array } | undefined;

  constructor(readonly index: CaseIndex) {}

  /** The rows in ascending order of a key (ties in report order), from one sort of the rows. */
  private ascending(key: SortKey): Int32Array {
    const known = this.ascendingBy.get(key);
    if (known) return known;
    const r = this.index.rows;
    const order = Int32Array.from({ length: r.count }, (_, i) => i);
    const cmp = this.compare(key);
    order.sort((a, b) => cmp(a, b) || a - b);
    this.ascendingBy.set(key, order);
    return order;
  }

  private compare(key: SortKey): (a: number, b: number) => number {
    const r = this.index.rows;
    switch (key) {
      case 'status':
        return (a, b) => STATUS_ORDER[r.status[a] as CaseStatus] - STATUS_ORDER[r.status[b] as CaseStatus];
      case 'suite':
        return (a, b) => ((r.suite[a] as string) < (r.suite[b] as string) ? -1 : (r.suite[a] as string) > (r.suite[b] as string) ? 1 : 0);
      case 'case':
        return (a, b) => collator.compare(r.caseId[a] as string, r.caseId[b] as string);
      case 'latency':
        // Cases without a latency sort last whichever the direction.
        return (a, b) => (r.latency[a] ?? Number.POSITIVE_INFINITY) - (r.latency[b] ?? Number.POSITIVE_INFINITY);
    }
  }

  /**
   * The rows in the order asked. Descending is the ascending order with its runs
   * of equal values reversed as blocks (ties keep the report's order), and cases
   * without a latency kept last.
   */
  private sorted(sort: CaseQuery['sort']): Int32Array {
    const asc = this.ascending(sort.key);
    if (sort.dir === 'asc') return asc;
    const known = this.descendingBy.get(sort.key);
    if (known) return known;
    const cmp = this.compare(sort.key);
    const latency = this.index.rows.latency;
    let end = asc.length;
    if (sort.key === 'latency') while (end > 0 && latency[asc[end - 1] as number] === null) end--;
    const desc = new Int32Array(asc.length);
    let n = 0;
    for (let hi = end; hi > 0;) {
      let lo = hi - 1;
      while (lo > 0 && cmp(asc[lo - 1] as number, asc[hi - 1] as number) === 0) lo--;
      desc.set(asc.subarray(lo, hi), n);
      n += hi - lo;
      hi = lo;
    }
    desc.set(asc.subarray(end), n);
    this.descendingBy.set(sort.key, desc);
    return desc;
  }

  /** Rows (1 = match) having every word of `text`; null when the text has no words. Streams the cases once per text. */
  async textMatches(text: string): Promise<Uint8Array | null> {
    const words = filterWords(text);
    if (words.length === 0) return null;
    const key = words.join(' ');
    const known = this.texts.get(key);
    if (known) return known;
    const { rows, whole } = this.index;
    const hits = new Uint8Array(rows.count);
    if (whole) whole.forEach((c, i) => (hits[i] = caseHasWords(c, words) ? 1 : 0));
    else await this.scan(words, hits);
    this.texts.set(key, hits);
    if (this.texts.size > TEXT_CACHE) this.texts.delete(this.texts.keys().next().value as string);
    return hits;
  }

  private async scan(words: string[], hits: Uint8Array): Promise<void> {
    const { offset, length, count } = this.index.rows;
    // A word without a quote or backslash appears in a case's JSON line as it appears in the case: look there first.
    const raw = words.every((w) => !/["\\]/.test(w));
    const handle = await open(this.index.file, 'r');
    try {
      let buf = Buffer.alloc(0);
      let bufStart = 0;
      for (let i = 0; i < count; i++) {
        const off = offset[i] as number;
        const len = length[i] as number;
        if (off < bufStart || off + len > bufStart + buf.length) {
          buf = Buffer.allocUnsafe(Math.max(CHUNK, len));
          const { bytesRead } = await handle.read(buf, 0, buf.length, off);
          buf = buf.subarray(0, bytesRead);
          bufStart = off;
        }
        const line = buf.toString('utf8', off - bufStart, off - bufStart + len);
        if (raw) {
          const lower = line.toLowerCase();
          if (!words.every((w) => lower.includes(w))) continue;
        }
        if (caseHasWords(this.parse(line, i), words)) hits[i] = 1;
      }
    } finally {
      await handle.close();
    }
  }

  private parse(line: string, row: number): CaseResult {
    let c: CaseResult | undefined;
    try {
      c = JSON.parse(line) as CaseResult;
    } catch {
      c = undefined;
    }
    if (c?.case_id !== this.index.rows.caseId[row])
      throw new Error(`${this.index.file} changed since it was opened (case ${row + 1} is no longer where it was): open it again`);
    return c;
  }

  /** The matching rows in order, kept for the last query's filters and sort. */
  private async matching(q: CaseQuery): Promise<Int32Array> {
    const key = JSON.stringify([q.suite, q.status, filterWords(q.text), q.sort.key, q.sort.dir]);
    if (this.last?.key === key) return this.last.rows;
    const { suite, status } = this.index.rows;
    const hits = await this.textMatches(q.text);
    const order = this.sorted(q.sort);
    const out = new Int32Array(order.length);
    let n = 0;
    for (let i = 0; i < order.length; i++) {
      const row = order[i] as number;
      if ((q.suite === 'all' || suite[row] === q.suite) && statusMatches(status[row] as CaseStatus, q.status) && (!hits || hits[row]))
        out[n++] = row;
    }
    const rows = out.slice(0, n);
    this.last = { key, rows };
    return rows;
  }

  /** The cases of the given rows, in that order. */
  async cases(rows: ArrayLike<number>): Promise<CaseResult[]> {
    const { whole, rows: r } = this.index;
    if (whole) return Array.from(rows, (i) => whole[i] as CaseResult);
    const handle = await open(this.index.file, 'r');
    try {
      const out: CaseResult[] = [];
      for (let k = 0; k < rows.length; k++) {
        const i = rows[k] as number;
        const buf = Buffer.allocUnsafe(r.length[i] as number);
        const { bytesRead } = await handle.read(buf, 0, buf.length, r.offset[i] as number);
        out.push(this.parse(buf.toString('utf8', 0, bytesRead), i));
      }
      return out;
    } finally {
      await handle.close();
    }
  }

  /** One page of cases for a query. */
  async query(q: CaseQuery): Promise<CasePage> {
    const rows = await this.matching(q);
    const pages = Math.max(1, Math.ceil(rows.length / q.pageSize));
    const page = Math.min(Math.max(0, q.page), pages - 1);
    const first = page * q.pageSize;
    const cases = await this.cases(rows.subarray(first, first + q.pageSize));
    return { cases, matching: rows.length, total: this.index.rows.count, page, pages, first };
  }
}
