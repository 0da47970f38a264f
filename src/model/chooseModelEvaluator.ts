import { buildProbeRows, type ProbeRows } from './evaluatorProbeRows.js';
import { type Float32Ensemble, flattenFloat32Ensemble } from './float32Ensemble.js';
import { evaluateFloat32 } from './float32Evaluator.js';
import { float32EvaluatorUnsupported } from './float32EvaluatorSupport.js';
import type { DecodedTreeModel } from './onnx/decodeTreeEnsemble.js';
import type { OnnxModel } from './onnx/onnxModel.js';
import { proveEvaluatorBitEqual, type ReferenceEvaluator } from './proveEvaluatorBitEqual.js';
import { type OracleScorer, proveOnnxruntimeLogistic } from './proveOnnxruntimeLogistic.js';

/**
 * Which evaluator may serve small runs: `'auto'` (default) lets a float32 JS evaluator serve them
 * once it is proved bit-equal to onnxruntime at load; `'onnxruntime'` forces onnxruntime for
 * every run.
 */
export type ModelEvaluatorOption = 'auto' | 'onnxruntime';

/**
 * Runs of at most this many rows go to the proved JS evaluator, larger ones to onnxruntime, where
 * JS stops winning. Measured on the default model as shipped then (196 trees, 28 features; median of 400 runs,
 * same process, 2 shared cores): onnxruntime/JS time 2.8x at 1 row, 2.1x at 2, 1.5x at 3, 1.1x
 * at 4, 0.98x at 6, 0.78x at 16 (see bench/RESULTS.md).
 */
export const JS_EVALUATOR_MAX_ROWS = 4;

/** Which evaluator a loaded model uses for small runs, and why. */
export interface ModelEvaluatorInfo {
  /** `'js-float32'`: runs of at most `maxRows` rows are scored in JS; `'onnxruntime'`: every run goes to onnxruntime. */
  readonly kind: 'js-float32' | 'onnxruntime';
  /** Why: the proof's evidence, or why the JS evaluator is not used (forced, unsupported form, a differing probe row). */
  readonly reason: string;
  /** Largest run the JS evaluator serves (0 under onnxruntime). */
  readonly maxRows: number;
  /**
   * The load-time probe, when one ran: rows compared, rows deferred to onnxruntime, time it took.
   * It runs on the first load of given bytes (and option) in a process; later loads share its
   * result, time included.
   */
  readonly probe?: { readonly rows: number; readonly deferredRows: number; readonly differingRows: number; readonly milliseconds: number };
}

/** The choice and, under js-float32, the layout the JS evaluator walks. */
export interface ChosenEvaluator {
  readonly info: ModelEvaluatorInfo;
  readonly float32?: Float32Ensemble;
}

/**
 * Decides whether the float32 JS evaluator may serve small runs of this model: not when forced
 * off, not for a model form it does not implement, not when this platform's expf
 * breaks the bound the JS logistic relies on (checked once per process), and not unless it gives
 * onnxruntime's exact bits on every row of a deterministic probe built from the model's own
 * thresholds (`probeRows`, built from the ensemble unless the caller already has it). Any "no" is
 * recorded with its reason; onnxruntime then serves every run.
 *
 * @example
 * const { info, float32 } = await chooseModelEvaluator('auto', onnx, decoded, runOnnx, onnxruntimeOracleScorer(runtime));
 */
export async function chooseModelEvaluator(
  option: ModelEvaluatorOption,
  onnx: OnnxModel,
  decoded: DecodedTreeModel,
  reference: ReferenceEvaluator,
  logisticOracle: OracleScorer,
  probeRows: ProbeRows = buildProbeRows(decoded.ensemble),
): Promise<ChosenEvaluator> {
  const onnxOnly = (reason: string, probe?: ModelEvaluatorInfo['probe']): ChosenEvaluator => ({
    info: probe === undefined ? { kind: 'onnxruntime', reason, maxRows: 0 } : { kind: 'onnxruntime', reason, maxRows: 0, probe },
  });
  if (option === 'onnxruntime') return onnxOnly("forced by the evaluator option 'onnxruntime'");
  const unsupported = float32EvaluatorUnsupported(onnx, decoded);
  if (unsupported !== undefined) return onnxOnly(unsupported);
  const flat = flattenFloat32Ensemble(decoded.ensemble);
  if (!flat.ok) return onnxOnly(flat.reason);

  const started = performance.now();
  if (flat.ensemble.postTransform === 'LOGISTIC') {
    const problem = await proveOnnxruntimeLogistic(logisticOracle);
    if (problem !== undefined) return onnxOnly(problem);
  }
  const { rows, nRows } = probeRows;
  const proof = await proveEvaluatorBitEqual(
    (r, n, out, uncertain) => evaluateFloat32(flat.ensemble, r, n, out, uncertain),
    reference,
    rows,
    nRows,
    decoded.ensemble.nFeatures,
  );
  const probe = {
    rows: proof.rows,
    deferredRows: proof.deferredRows,
    differingRows: proof.differingRows,
    milliseconds: Math.round((performance.now() - started) * 10) / 10,
  };
  if (!proof.bitEqual) return onnxOnly(proof.reason, probe);
  return { info: { kind: 'js-float32', reason: proof.reason, maxRows: JS_EVALUATOR_MAX_ROWS, probe }, float32: flat.ensemble };
}
