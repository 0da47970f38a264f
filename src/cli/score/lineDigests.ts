import { createHash } from 'node:crypto';
import { growsDense } from './denseLineRule.js';

/** The 64-bit digest {@link LineDigests} keeps of a text: its SHA-256, cut to two 32-bit words. */
export function digest64(text: string): readonly [number, number] {
  const d = createHash('sha256').update(text).digest();
  return [d.readUInt32LE(0), d.readUInt32LE(4)];
}

/** Lines up to this always fit the arrays: a million lines in 8 MB. */
const DENSE_FLOOR = 1 << 20;
/** The arrays' bound (their indexes are taken with 32-bit shifts). */
const DENSE_CEILING = 2 ** 28;

/**
 * A 64-bit digest per line number, in a growable typed array (8 bytes a line: ten million lines
 * take 80 MB, where a map of strings would take gigabytes). Lines never set read as absent. A line
 * number far beyond the lines held (an answer file naming `"line":4000000000`) is held apart in a map,
 * by LineSet's rule (growsDense): the arrays grew to the largest number named (32 GB for that one line) and a
 * number past 2^32 wrapped onto a small one.
 */
export class LineDigests {
  private words = new Uint32Array(2048);
  private present = new Uint8Array(128);
  private readonly apart = new Map<number, readonly [number, number]>();
  private count = 0;

  /** Sets the digest of `line` (a positive safe integer). */
  set(line: number, digest: readonly [number, number]): void {
    if (this.apart.has(line) || line >= DENSE_CEILING || (2 * line + 1 >= this.words.length && !growsDense(line, this.count, DENSE_FLOOR, DENSE_CEILING))) {
      this.apart.set(line, [digest[0], digest[1]]);
      return;
    }
    if (2 * line + 1 >= this.words.length) {
      let n = this.words.length;
      while (n <= 2 * line + 1) n *= 2;
      const grown = new Uint32Array(n);
      grown.set(this.words);
      this.words = grown;
      const flags = new Uint8Array(n / 16);
      flags.set(this.present);
      this.present = flags;
    }
    const byte = line >>> 3;
    if (((this.present[byte] as number) & (1 << (line & 7))) === 0) this.count++;
    this.words[2 * line] = digest[0];
    this.words[2 * line + 1] = digest[1];
    this.present[byte] = (this.present[byte] as number) | (1 << (line & 7));
  }

  /** Whether `line` has a digest equal to `digest`: undefined when it has none. */
  matches(line: number, digest: readonly [number, number]): boolean | undefined {
    const held = this.apart.get(line);
    if (held !== undefined) return held[0] === digest[0] && held[1] === digest[1];
    if (line >= DENSE_CEILING) return undefined;
    const byte = line >>> 3;
    if (byte >= this.present.length || ((this.present[byte] as number) & (1 << (line & 7))) === 0) return undefined;
    return this.words[2 * line] === digest[0] && this.words[2 * line + 1] === digest[1];
  }
}
