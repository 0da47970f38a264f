/**
 * A set of line numbers as a growable bitset: one bit per line, so remembering the ten million
 * lines a resumed run must skip takes about a megabyte rather than a hash set's hundreds.
 */
export class LineSet {
  private bits = new Uint8Array(1024);
  private count = 0;

  /** How many distinct lines are in the set. */
  get size(): number {
    return this.count;
  }

  /** Adds a line number (a positive safe integer); returns false when it was already present. */
  add(line: number): boolean {
    const byte = line >>> 3;
    if (byte >= this.bits.length) {
      let n = this.bits.length;
      while (n <= byte) n *= 2;
      const grown = new Uint8Array(n);
      grown.set(this.bits);
      this.bits = grown;
    }
    const mask = 1 << (line & 7);
    if ((this.bits[byte] as number) & mask) return false;
    this.bits[byte] = (this.bits[byte] as number) | mask;
    this.count++;
    return true;
  }

  /** Removes a line; returns false when it was not present. */
  delete(line: number): boolean {
    if (!this.has(line)) return false;
    this.bits[line >>> 3] = (this.bits[line >>> 3] as number) & ~(1 << (line & 7));
    this.count--;
    return true;
  }

  /** True when the line is in the set. */
  has(line: number): boolean {
    const byte = line >>> 3;
    return byte < this.bits.length && ((this.bits[byte] as number) & (1 << (line & 7))) !== 0;
  }

  /** The lines in the set, in increasing order. */
  *[Symbol.iterator](): IterableIterator<number> {
    for (let byte = 0; byte < this.bits.length; byte++) {
      const b = this.bits[byte] as number;
      if (b === 0) continue;
      for (let bit = 0; bit < 8; bit++) if (b & (1 << bit)) yield byte * 8 + bit;
    }
  }
}
