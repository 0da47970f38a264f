import { growsDense } from './denseLineRule.js';

/** Lines up to this always fit the bitset: 8 million lines in a megabyte. */
const DENSE_FLOOR = 1 << 23;
/** The bitset's bound (its bit index is taken with 32-bit shifts): 256 MB. */
const DENSE_CEILING = 2 ** 31;

/**
 * A set of line numbers as a growable bitset: one bit per line, so remembering the ten million
 * lines a resumed run must skip takes about a megabyte rather than a hash set's hundreds. A line
 * number far beyond the lines held (one a file names, as `{"line":4000000000,...}`) is held apart in
 * a hash set rather than growing the bitset to it: the bitset grows only to 64 times the lines held
 * (or 8 million), so memory follows the lines held, not the largest number named.
 */
export class LineSet {
  private bits = new Uint8Array(1024);
  private readonly sparse = new Set<number>();
  private count = 0;

  /** How many distinct lines are in the set. */
  get size(): number {
    return this.count;
  }

  /** Adds a line number (a positive safe integer); returns false when it was already present. */
  add(line: number): boolean {
    // Held apart before the bitset grew to it: it stays apart, never in both.
    if (this.sparse.size > 0 && this.sparse.has(line)) return false;
    const byte = line >>> 3;
    if (line < DENSE_CEILING && byte < this.bits.length) return this.setBit(line);
    if (growsDense(line, this.count, DENSE_FLOOR, DENSE_CEILING)) {
      let n = this.bits.length;
      while (n <= byte) n *= 2;
      const grown = new Uint8Array(n);
      grown.set(this.bits);
      this.bits = grown;
      return this.setBit(line);
    }
    this.sparse.add(line);
    this.count++;
    return true;
  }

  /** Removes a line; returns false when it was not present. */
  delete(line: number): boolean {
    if (this.sparse.delete(line)) {
      this.count--;
      return true;
    }
    if (!this.hasBit(line)) return false;
    this.bits[line >>> 3] = (this.bits[line >>> 3] as number) & ~(1 << (line & 7));
    this.count--;
    return true;
  }

  /** True when the line is in the set. */
  has(line: number): boolean {
    return this.hasBit(line) || this.sparse.has(line);
  }

  /** The lines in the set, in increasing order. */
  *[Symbol.iterator](): IterableIterator<number> {
    // A line is in the bitset or apart, never both; those apart are few and sorted once.
    const apart = [...this.sparse].sort((a, b) => a - b);
    let next = 0;
    for (let byte = 0; byte < this.bits.length; byte++) {
      const b = this.bits[byte] as number;
      if (b === 0) continue;
      for (let bit = 0; bit < 8; bit++) {
        if ((b & (1 << bit)) === 0) continue;
        const line = byte * 8 + bit;
        while (next < apart.length && (apart[next] as number) < line) yield apart[next++] as number;
        yield line;
      }
    }
    while (next < apart.length) yield apart[next++] as number;
  }

  private hasBit(line: number): boolean {
    if (line >= DENSE_CEILING) return false;
    const byte = line >>> 3;
    return byte < this.bits.length && ((this.bits[byte] as number) & (1 << (line & 7))) !== 0;
  }

  private setBit(line: number): boolean {
    const byte = line >>> 3;
    const mask = 1 << (line & 7);
    if ((this.bits[byte] as number) & mask) return false;
    this.bits[byte] = (this.bits[byte] as number) | mask;
    this.count++;
    return true;
  }
}
