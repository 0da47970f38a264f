/** Scores rows in JS: P per row in `out`, NaN and an index in `uncertain` where it defers to the reference. */
export type CandidateEvaluator = (rows: Float32Array, nRows: number, out: Float32Array, uncertain: number[]) => void;
/** Scores rows with the reference (onnxruntime). */
export type ReferenceEvaluator = (rows: Float32Array, nRows: number) => Promise<Float32Array>;

/** What {@link proveEvaluatorBitEqual} found. */
export interface EvaluatorProof {
  /** True when every row the candidate scored has the reference's exact bits. */
  readonly bitEqual: boolean;
  /** One line: the evidence (rows, deferred rows) or the first difference. */
  readonly reason: string;
  /** Rows compared. */
  readonly rows: number;
  /** Rows the candidate left to the reference (near ties in expf). */
  readonly deferredRows: number;
  /** Rows whose bits differ. */
  readonly differingRows: number;
}

/**
 * Runs `rows` through the candidate and the reference and compares the float32 bit patterns of
 * every P the candidate produced (so -0 vs 0 or a one-ulp step counts as a difference; rows the
 * candidate defers are the reference's by construction). The reference also scores
 * `singleRowChecks` rows one at a time: onnxruntime takes another code path for a one-row run
 * than for a batch, and the candidate will serve one-row runs, so the proof must cover that path
 * too.
 *
 * @example
 * const proof = await proveEvaluatorBitEqual(js, ort, probe.rows, probe.nRows, width);
 * if (!proof.bitEqual) console.warn(proof.reason);
 */
export async function proveEvaluatorBitEqual(
  candidate: CandidateEvaluator,
  reference: ReferenceEvaluator,
  rows: Float32Array,
  nRows: number,
  width: number,
  singleRowChecks = 8,
): Promise<EvaluatorProof> {
  const got = new Float32Array(nRows);
  const uncertain: number[] = [];
  candidate(rows, nRows, got, uncertain);
  const want = await reference(rows, nRows);
  const deferred = new Set(uncertain);
  const gotBits = new Uint32Array(got.buffer, got.byteOffset, nRows);
  const wantBits = new Uint32Array(want.buffer, want.byteOffset, nRows);
  let differing = 0;
  let first: string | undefined;
  for (let r = 0; r < nRows; r++) {
    if (deferred.has(r) || gotBits[r] === wantBits[r]) continue;
    differing++;
    first ??= `probe row ${r}: float32 JS gave ${got[r]} (0x${hex(gotBits[r] as number)}), onnxruntime ${want[r]} (0x${hex(wantBits[r] as number)})`;
  }
  if (first !== undefined) {
    return {
      bitEqual: false,
      reason: `${differing} of ${nRows} probe rows differ; ${first}`,
      rows: nRows,
      deferredRows: deferred.size,
      differingRows: differing,
    };
  }
  const step = Math.max(1, Math.floor(nRows / Math.max(1, singleRowChecks)));
  for (let r = 0, done = 0; r < nRows && done < singleRowChecks; r += step, done++) {
    const one = await reference(rows.subarray(r * width, (r + 1) * width), 1);
    const oneBits = new Uint32Array(one.buffer, one.byteOffset, 1)[0] as number;
    if (oneBits !== wantBits[r]) {
      return {
        bitEqual: false,
        reason: `onnxruntime scores probe row ${r} differently alone (${one[0]}) than in a batch (${want[r]}), so no evaluator can match both`,
        rows: nRows,
        deferredRows: deferred.size,
        differingRows: 1,
      };
    }
  }
  return {
    bitEqual: true,
    reason: `bit-equal to onnxruntime on ${nRows} probe rows (${deferred.size} deferred to onnxruntime at expf near-ties)`,
    rows: nRows,
    deferredRows: deferred.size,
    differingRows: 0,
  };
}

function hex(bits: number): string {
  return bits.toString(16).padStart(8, '0');
}
