import { createHash } from 'node:crypto';

/** The 64-bit digest {@link LineDigests} keeps of a text: its SHA-256, cut to two 32-bit words. */
export function digest64(text: string): readonly [number, number] {
  const d = createHash('sha256').update(text).digest();
  return [d.readUInt32LE(0), d.readUInt32LE(4)];
}

/**
 * A 64-bit digest per line number, in a growable typed array (8 bytes a line: ten million lines
 * take 80 MB, where a map of strings would take gigabytes). Lines never set read as absent.
 */
export class LineDigests {
  private words = new Uint32Array(2048);
  private present = new Uint8Array(128);

  /** Sets the digest of `line` (a positive safe integer). */
  set(line: number, digest: readonly [number, number]): void {
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
    this.words[2 * line] = digest[0];
    this.words[2 * line + 1] = digest[1];
    this.present[line >>> 3] = (this.present[line >>> 3] as number) | (1 << (line & 7));
  }

  /** Whether `line` has a digest equal to `digest`: undefined when it has none. */
  matches(line: number, digest: readonly [number, number]): boolean | undefined {
    const byte = line >>> 3;
    if (byte >= this.present.length || ((this.present[byte] as number) & (1 << (line & 7))) === 0) return undefined;
    return this.words[2 * line] === digest[0] && this.words[2 * line + 1] === digest[1];
  }
}
