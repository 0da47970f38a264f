/** The distinct rows of a row-major block, and for every row the distinct row it equals. */
export interface UniqueRows {
  /** The distinct rows in order of first appearance; the input block itself when every row is distinct. */
  readonly rows: Float32Array;
  readonly count: number;
  /** For each input row, the index of its row in `rows`. */
  readonly rowOf: Int32Array;
}

/**
 * Deduplicates rows by their bits (so two NaNs of the same payload are equal and 0 and -0 are
 * not): identical bits score identically, so the model runs once per distinct row. A plan's
 * what-ifs often give its main row again (a kind whose typical result adds nothing the applicant's
 * features can see) or each other's row (kinds of one category at the same strength).
 */
export function uniqueRows(block: Float32Array, count: number, width: number): UniqueRows {
  const bits = new Uint32Array(block.buffer, block.byteOffset, count * width);
  const rowOf = new Int32Array(count);
  const firstOfHash = new Map<number, number[]>();
  const kept: number[] = [];
  for (let r = 0; r < count; r++) {
    const at = r * width;
    let h = 0x811c9dc5;
    for (let j = 0; j < width; j++) h = Math.imul(h ^ (bits[at + j] as number), 0x01000193);
    let bucket = firstOfHash.get(h);
    let same = -1;
    if (bucket === undefined) firstOfHash.set(h, (bucket = []));
    else {
      for (const u of bucket) {
        const uAt = (kept[u] as number) * width;
        let j = 0;
        while (j < width && bits[uAt + j] === bits[at + j]) j++;
        if (j === width) {
          same = u;
          break;
        }
      }
    }
    if (same < 0) {
      same = kept.length;
      kept.push(r);
      bucket.push(same);
    }
    rowOf[r] = same;
  }
  if (kept.length === count) return { rows: block, count, rowOf };
  const rows = new Float32Array(kept.length * width);
  kept.forEach((r, u) => rows.set(block.subarray(r * width, (r + 1) * width), u * width));
  return { rows, count: kept.length, rowOf };
}

/** Spreads the PDs of the distinct rows back to every input row. */
export function spreadToRows(pds: Float32Array, unique: UniqueRows): Float32Array {
  if (unique.count === unique.rowOf.length) return pds;
  const out = new Float32Array(unique.rowOf.length);
  for (let r = 0; r < out.length; r++) out[r] = pds[unique.rowOf[r] as number] as number;
  return out;
}
