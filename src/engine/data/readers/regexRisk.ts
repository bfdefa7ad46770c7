// Catastrophic backtracking in a user's regular expression, found before it runs.
// The risk is a repeated group whose body can itself repeat without bound, like
// `(a+)+` or `(\w*\s?)*`: a backtracking engine then tries exponentially many ways
// to split a non-matching run. A body that must start with a character its inner
// repetition cannot match (`(?:\.[a-z]+)*`) splits one way only, and is accepted.

/** Why a pattern risks catastrophic backtracking, and where (0-based offset into its source). */
export interface RegexRisk {
  offset: number;
  reason: string;
}

// A set of characters: the ASCII ones exactly, anything beyond ASCII as one flag.
interface CharSet {
  ascii: boolean[];
  other: boolean;
}

interface Item {
  kind: 'set' | 'group' | 'assertion';
  set?: CharSet;
  alternatives?: Item[][];
  min: number;
  unbounded: boolean;
  start: number;
}

const ALL: CharSet = { ascii: Array<boolean>(128).fill(true), other: true };

function setOf(test: (c: number) => boolean, other: boolean): CharSet {
  return { ascii: Array.from({ length: 128 }, (_, c) => test(c)), other };
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isWord = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);

function escapeSet(ch: string): CharSet {
  switch (ch) {
    case 'd':
      return setOf(isDigit, false);
    case 'D':
      return setOf((c) => !isDigit(c), true);
    case 'w':
      return setOf(isWord, false);
    case 'W':
      return setOf((c) => !isWord(c), true);
    case 's':
      return setOf(isSpace, true);
    case 'S':
      return setOf((c) => !isSpace(c), true);
    case 'p':
    case 'P':
    case 'u':
    case 'x':
    case 'c':
      return ALL;
    default: {
      const code = ch.charCodeAt(0);
      const literal = ch === 'n' ? 10 : ch === 't' ? 9 : ch === 'r' ? 13 : code;
      return literal < 128 ? setOf((c) => c === literal, false) : { ascii: Array<boolean>(128).fill(false), other: true };
    }
  }
}

function union(a: CharSet, b: CharSet): CharSet {
  return { ascii: a.ascii.map((v, i) => v || b.ascii[i]), other: a.other || b.other };
}

function disjoint(a: CharSet, b: CharSet, caseless: boolean): boolean {
  const fold = (s: CharSet): CharSet =>
    caseless ? setOf((c) => s.ascii[c] || s.ascii[c ^ 32] === true || (c >= 97 && c <= 122 && s.ascii[c - 32]), s.other) : s;
  const x = fold(a);
  const y = fold(b);
  return !(x.other && y.other) && !x.ascii.some((v, i) => v && y.ascii[i]);
}

// Parses a pattern into sequences of items; approximate where precision does not matter (unknown = any character).
class Parser {
  i = 0;
  constructor(private readonly src: string) {}

  alternatives(): Item[][] {
    const alts: Item[][] = [[]];
    while (this.i < this.src.length && this.src[this.i] !== ')') {
      if (this.src[this.i] === '|') {
        this.i++;
        alts.push([]);
        continue;
      }
      const item = this.atom();
      this.quantifier(item);
      alts[alts.length - 1].push(item);
    }
    return alts;
  }

  private atom(): Item {
    const start = this.i;
    const ch = this.src[this.i++];
    if (ch === '\\') {
      const next = this.src[this.i++] ?? '';
      if (next === 'b' || next === 'B') return { kind: 'assertion', min: 1, unbounded: false, start };
      if (/[1-9k]/.test(next)) return { kind: 'set', set: ALL, min: 1, unbounded: false, start };
      return { kind: 'set', set: escapeSet(next), min: 1, unbounded: false, start };
    }
    if (ch === '[') return { kind: 'set', set: this.charClass(), min: 1, unbounded: false, start };
    if (ch === '(') {
      let assertion = false;
      if (this.src.startsWith('?:', this.i)) this.i += 2;
      else if (/^\?<?[=!]/.test(this.src.slice(this.i, this.i + 3))) {
        assertion = true;
        this.i += this.src[this.i + 1] === '<' ? 3 : 2;
      } else if (this.src.startsWith('?<', this.i)) this.i = this.src.indexOf('>', this.i) + 1;
      const alternatives = this.alternatives();
      this.i++;
      return assertion
        ? { kind: 'assertion', alternatives, min: 1, unbounded: false, start }
        : { kind: 'group', alternatives, min: 1, unbounded: false, start };
    }
    if (ch === '^' || ch === '$') return { kind: 'assertion', min: 1, unbounded: false, start };
    if (ch === '.') return { kind: 'set', set: ALL, min: 1, unbounded: false, start };
    return { kind: 'set', set: escapeSet(ch), min: 1, unbounded: false, start };
  }

  private charClass(): CharSet {
    const negated = this.src[this.i] === '^';
    if (negated) this.i++;
    let set: CharSet = { ascii: Array<boolean>(128).fill(false), other: false };
    let first = true;
    while (this.i < this.src.length && (this.src[this.i] !== ']' || first)) {
      first = false;
      let lo: number;
      if (this.src[this.i] === '\\') {
        const e = escapeSet(this.src[this.i + 1] ?? '');
        this.i += 2;
        set = union(set, e);
        continue;
      } else lo = this.src.charCodeAt(this.i++);
      if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']' && this.i + 1 < this.src.length) {
        const hi = this.src.charCodeAt(this.i + 1);
        this.i += 2;
        set = union(
          set,
          setOf((c) => c >= lo && c <= hi, hi >= 128),
        );
      } else set = union(set, lo < 128 ? setOf((c) => c === lo, false) : { ascii: Array<boolean>(128).fill(false), other: true });
    }
    this.i++;
    return negated ? { ascii: set.ascii.map((v) => !v), other: true } : set;
  }

  private quantifier(item: Item): void {
    const q = this.src[this.i];
    if (q === '*' || q === '+' || q === '?') {
      this.i++;
      item.min = q === '+' ? 1 : 0;
      item.unbounded = q !== '?';
    } else if (q === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return;
      this.i += m[0].length;
      item.min = Number(m[1]);
      item.unbounded = m[2] !== undefined && m[3] === '';
    } else return;
    if (this.src[this.i] === '?') this.i++;
  }
}

// The unbounded repetition inside a group body, if any (the first found).
function innerRepeat(alts: Item[][]): Item | undefined {
  for (const alt of alts)
    for (const item of alt) {
      if (item.kind === 'set' && item.unbounded) return item;
      if (item.kind === 'group') {
        if (item.unbounded) return item;
        const inner = innerRepeat(item.alternatives ?? []);
        if (inner) return inner;
      }
    }
  return undefined;
}

// Characters an item can start with (a group: any of its alternatives' first items).
function firstSet(item: Item): CharSet {
  if (item.kind === 'set') return item.set ?? ALL;
  let set: CharSet = { ascii: Array<boolean>(128).fill(false), other: false };
  for (const alt of item.alternatives ?? []) {
    const head = alt.find((x) => x.kind !== 'assertion');
    set = union(set, head ? firstSet(head) : ALL);
  }
  return set;
}

// Each alternative starts (or each ends) with a required character that the inner repetition cannot take.
function delimited(group: Item, inner: Item, caseless: boolean): boolean {
  const fence = (pick: (alt: Item[]) => Item | undefined): boolean =>
    (group.alternatives ?? []).every((alt) => {
      const edge = pick(alt);
      return edge !== undefined && edge !== inner && edge.min >= 1 && disjoint(firstSet(edge), firstSet(inner), caseless);
    });
  return fence((alt) => alt.find((x) => x.kind !== 'assertion')) || fence((alt) => [...alt].reverse().find((x) => x.kind !== 'assertion'));
}

function overlappingAlternatives(group: Item, caseless: boolean): boolean {
  const heads = (group.alternatives ?? []).map((alt) => alt.find((x) => x.kind !== 'assertion'));
  for (let i = 0; i < heads.length; i++)
    for (let j = i + 1; j < heads.length; j++) {
      const [a, b] = [heads[i], heads[j]];
      if (!a || !b || !disjoint(firstSet(a), firstSet(b), caseless)) return true;
    }
  return false;
}

function walk(alts: Item[][], caseless: boolean): RegexRisk | undefined {
  for (const alt of alts)
    for (const item of alt) {
      if (item.kind === 'set') continue;
      if (item.kind === 'group' && item.unbounded) {
        if (overlappingAlternatives(item, caseless))
          return {
            offset: item.start,
            reason:
              'a repeated group whose alternatives can start with the same character (like (a|aa)+): a backtracking engine tries exponentially many ways to split a run',
          };
        const inner = innerRepeat(item.alternatives ?? []);
        if (inner && !delimited(item, inner, caseless))
          return {
            offset: item.start,
            reason:
              'a repeated group whose content can itself repeat without bound (like (a+)+): on text that almost matches, a backtracking engine tries exponentially many ways',
          };
      }
      const nested = walk(item.alternatives ?? [], caseless);
      if (nested) return nested;
    }
  return undefined;
}

/** The catastrophic-backtracking risk of a JavaScript pattern, or undefined when none was found. */
export function regexRisk(source: string, flags = ''): RegexRisk | undefined {
  const parser = new Parser(source);
  const alts = parser.alternatives();
  return walk(alts, flags.includes('i'));
}
