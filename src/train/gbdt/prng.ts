/**
 * A small seeded PRNG (mulberry32) so row and column subsampling are reproducible from `seed`
 * alone. `Math.random` would make two runs with the same seed train different models.
 */

/** A deterministic source of uniform numbers in [0, 1). */
export interface Prng {
  /** Next uniform number in [0, 1). */
  next(): number;
}

/** Creates a mulberry32 generator from a 32-bit seed; callers pass one GbdtParams or holdoutSplit has checked (0..2^32-1). */
export function createPrng(seed: number): Prng {
  let state = Math.trunc(seed) >>> 0;
  return {
    next(): number {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** Fisher-Yates shuffle of `0..n-1` driven by `prng`; returns a fresh permutation. */
export function permutation(n: number, prng: Prng): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(prng.next() * (i + 1));
    const tmp = out[i]!;
    out[i] = out[j]!;
    out[j] = tmp;
  }
  return out;
}
