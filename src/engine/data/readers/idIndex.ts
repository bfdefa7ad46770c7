// A Map<string, …> of a million ids costs ~90 MB of heap (string objects plus
// entries); this open-addressing table over typed arrays stores the same facts in
// ~40 MB and stays exact: ids are kept as UTF-16 code units and compared in full.

const EMPTY = 0;

/**
 * Every id seen in a JSONL file with where its first line is (line number and byte
 * offset), so a duplicate can point at the first use and be compared with it.
 */
export class IdIndex {
  private count = 0;
  private table = new Int32Array(1 << 12); // slot → index + 1 (0 = empty)
  private mask = this.table.length - 1;
  private hashes = new Uint32Array(1 << 11);
  private starts = new Uint32Array(1 << 11); // where each id's code units begin in `chars`
  private lines = new Uint32Array(1 << 11);
  private offsets = new Float64Array(1 << 11);
  private chars = new Uint16Array(1 << 14);
  private used = 0; // code units used in `chars`

  /** How many ids are stored. */
  get size(): number {
    return this.count;
  }

  /** The index of an id seen before, or undefined. */
  get(id: string): number | undefined {
    const h = hash(id);
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = this.table[slot];
      if (entry === EMPTY) return undefined;
      const i = entry - 1;
      if (this.hashes[i] === h && this.equals(i, id)) return i;
    }
  }

  /** Records a new id (not already present) first seen at `line`, whose bytes start at `offset`. */
  add(id: string, line: number, offset: number): number {
    const i = this.count;
    if (i === this.hashes.length) this.growRecords();
    if ((i + 1) * 2 > this.table.length) this.growTable();
    if (this.used + id.length > this.chars.length) {
      const bigger = new Uint16Array(Math.max(this.chars.length * 2, this.used + id.length));
      bigger.set(this.chars.subarray(0, this.used));
      this.chars = bigger;
    }
    const h = hash(id);
    const start = this.used;
    for (let k = 0; k < id.length; k++) this.chars[start + k] = id.charCodeAt(k);
    this.used += id.length;
    this.hashes[i] = h;
    this.starts[i] = start;
    this.lines[i] = line;
    this.offsets[i] = offset;
    this.count++;
    this.place(i, h);
    return i;
  }

  /** The 1-based line where the id at `index` was first seen. */
  line(index: number): number {
    return this.lines[index];
  }

  /** The byte offset in the file of the line where the id at `index` was first seen. */
  offset(index: number): number {
    return this.offsets[index];
  }

  private equals(i: number, id: string): boolean {
    const start = this.starts[i];
    const end = i + 1 < this.count ? this.starts[i + 1] : this.used;
    if (end - start !== id.length) return false;
    for (let k = 0; k < id.length; k++) if (this.chars[start + k] !== id.charCodeAt(k)) return false;
    return true;
  }

  private place(i: number, h: number): void {
    let slot = h & this.mask;
    while (this.table[slot] !== EMPTY) slot = (slot + 1) & this.mask;
    this.table[slot] = i + 1;
  }

  private growTable(): void {
    this.table = new Int32Array(this.table.length * 2);
    this.mask = this.table.length - 1;
    for (let i = 0; i < this.count; i++) this.place(i, this.hashes[i]);
  }

  private growRecords(): void {
    const n = this.hashes.length * 2;
    this.hashes = copy(this.hashes, new Uint32Array(n));
    this.starts = copy(this.starts, new Uint32Array(n));
    this.lines = copy(this.lines, new Uint32Array(n));
    this.offsets = copy(this.offsets, new Float64Array(n));
  }
}

/** FNV-1a over UTF-16 code units, with a final avalanche so linear probing spreads well. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

function copy<A extends Uint32Array | Float64Array>(from: A, to: A): A {
  to.set(from);
  return to;
}
