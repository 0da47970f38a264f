import { sha256Hex } from '../hashing/sha256Hex.js';
import type * as ort from 'onnxruntime-node';
import { CreditliftError } from '../errors/creditliftError.js';
import { ValidationError } from '../errors/validationError.js';
import type { ModelManifest } from './manifest.js';
import { readEmbeddedManifest } from './readEmbeddedManifest.js';
import { readModelFile } from './readModelFile.js';
import { protectedModelCategoryIssues } from './protectedModelCategories.js';
import { protectedModelFeatureNameIssues } from './protectedModelFeatureNames.js';
import { decodeOnnxModel } from './onnx/decodeOnnxModel.js';
import { type DecodedTreeModel, decodeTreeEnsembleFromOnnx } from './onnx/decodeTreeEnsemble.js';
import { FEATURE_NAMES_METADATA_KEY } from './onnx/encodeTreeEnsemble.js';
import { OnnxDataType, type OnnxModel } from './onnx/onnxModel.js';
import { loadOnnxRuntime } from './onnxRuntime.js';
import { type ChosenEvaluator, chooseModelEvaluator, type ModelEvaluatorInfo, type ModelEvaluatorOption } from './chooseModelEvaluator.js';
import { checkLoadModelArguments } from './checkLoadModelArguments.js';
import { assertTreeReading } from './compareTreeReading.js';
import { buildProbeRows } from './evaluatorProbeRows.js';
import { evaluateFloat32 } from './float32Evaluator.js';
import { rememberProvenFloat32 } from './float32PartialEvaluator.js';
import { onnxruntimeOracleScorer } from './proveOnnxruntimeLogistic.js';
import type { TreeEnsemble } from './treeEnsemble.js';
import { assertMonotone } from './verifyMonotone.js';
import { flattenFloat32Ensemble } from './float32Ensemble.js';
import { handedEvaluatorFor, monotoneProvenFor, provenEvaluatorFor, rememberMonotoneProven, rememberProvenEvaluator } from './modelProofMemo.js';

/** Options for {@link loadModel}. */
export interface LoadModelOptions {
  /**
   * Threads onnxruntime may use inside one run: 1, the only value taken (any other is refused
   * with a ValidationError at `intraOpNumThreads`). Above 1 onnxruntime adds a row's trees up in
   * per-thread chunks, in an order that depends on the thread count and on how many rows share
   * the run, so a decision's PD, and with it its sealed bytes, changed with its batch. Threads
   * bought little or nothing (a 256-record `decideBatch` took 215-310 ms on 1 thread, 471-511 ms
   * on 2, on a busy 2-core machine). For more cores use `createScorerPool` (`--workers`): each
   * worker scores whole records on 1 thread.
   */
  readonly intraOpNumThreads?: 1;
  /**
   * Threads onnxruntime may use to run independent graph nodes at once: 1, the only value taken
   * (any other is refused with a ValidationError at `interOpNumThreads`). The session runs its
   * graph sequentially (`executionMode: 'sequential'`; the graph is one tree-ensemble node), and
   * onnxruntime reads this count only in parallel mode: any other count was taken and did nothing.
   * For more cores use `createScorerPool` (`--workers`).
   */
  readonly interOpNumThreads?: 1;
  /**
   * Hex SHA-256 the model bytes must have (e.g. the one an approval record names): any other
   * file is refused with `model_sha256_mismatch` before it is parsed.
   */
  readonly expectedSha256?: string;
  /**
   * Load a model even though it breaks a monotone direction its manifest claims. Default false:
   * such a model is refused with `model_monotonicity_violated` naming each feature. Opt out only
   * knowingly (e.g. to inspect the model); the scorer's "evidence never lowers a limit" rests on it.
   */
  readonly allowMonotoneViolations?: boolean;
  /**
   * Who scores small runs. `'auto'` (default): a float32 JS evaluator of the same trees serves
   * runs of at most {@link ModelEvaluatorInfo.maxRows} rows, but only after it gave onnxruntime's
   * exact bits on every row of a probe built from the model's thresholds (at load); otherwise, or
   * for a model form it does not implement, onnxruntime serves every run and `model.evaluator`
   * says why. `'onnxruntime'`: onnxruntime serves every run. Batches always go to onnxruntime.
   */
  readonly evaluator?: ModelEvaluatorOption;
}

/** A model ready to score: its manifest, IR and one reusable onnxruntime session. */
export interface LoadedModel {
  /** `name@version` from the manifest. */
  readonly id: string;
  /** Hex SHA-256 of the model bytes, for audit records. */
  readonly sha256: string;
  readonly manifest: ModelManifest;
  /** The tree ensemble, for TreeSHAP and JS evaluation. */
  readonly ensemble: TreeEnsemble;
  /** The model file's bytes. */
  readonly bytes: Uint8Array;
  /** Which evaluator serves small runs (float32 JS, proved at load, or onnxruntime) and why. */
  readonly evaluator: ModelEvaluatorInfo;
  /**
   * P(positive) for `nRows` rows stored row-major in `rows`: one onnxruntime session run, or for a
   * run of at most `evaluator.maxRows` rows the proved float32 JS evaluator (the same bits).
   */
  predict(rows: Float32Array, nRows: number): Promise<Float32Array>;
  /** P(positive) for one row. */
  predictOne(row: Float32Array | readonly number[]): Promise<number>;
  /** Releases the session once in-flight runs finish. Further predictions throw. */
  close(): Promise<void>;
}

/**
 * Loads a creditlift ONNX model from a path (a file, or a folder `train` or `model import` wrote:
 * its `model.onnx`) or bytes: parses it, reads and validates the manifest
 * stored in its metadata, checks the graph input against the manifest, decodes the tree ensemble
 * and opens one onnxruntime session reused by every prediction.
 *
 * Errors: bytes not matching `expectedSha256` -> 'model_sha256_mismatch'; a declared monotone
 * direction the trees break -> 'model_monotonicity_violated' (unless `allowMonotoneViolations`);
 * manifest features in another order than the model's columns -> 'model_shape_mismatch';
 * unreadable or non-ONNX input -> 'model_load_failed'; no manifest ->
 * 'model_metadata_missing'; invalid manifest -> ValidationError; input name, type or width not as
 * the manifest says -> 'model_shape_mismatch'; an ensemble the IR cannot represent ->
 * 'model_unsupported'; an input named for a protected characteristic (`sex_male`: a hand-built
 * manifest) or a category the manifest codes that names a protected group (`male`, `已婚`: a model
 * trained before category values were read) -> one ValidationError, `protected_characteristic` at
 * `features.N.name` or `features.N.categories.K`, naming the feature (and the value).
 *
 * @example
 * const model = await loadModel(defaultModelPath());
 * const pd = await model.predictOne(features);
 * await model.close();
 */
export async function loadModel(pathOrBytes: string | Uint8Array, given?: LoadModelOptions): Promise<LoadedModel> {
  const options = checkLoadModelArguments(pathOrBytes, given);
  const bytes = typeof pathOrBytes === 'string' ? await readModelFile(pathOrBytes) : pathOrBytes;
  const sha256 = sha256Hex(bytes);
  if (options.expectedSha256 !== undefined) checkSha256(sha256, options.expectedSha256);
  const onnx = decodeOnnxModel(bytes);
  const manifest = readEmbeddedManifest(onnx);
  // A hand-built manifest, or a model made before names and category values were read, may take
  // `sex_male` or code `male` / `female`: it never scores. One error names every such input.
  const protectedInputs = [...protectedModelFeatureNameIssues(manifest), ...protectedModelCategoryIssues(manifest)];
  if (protectedInputs.length > 0) throw new ValidationError('ModelManifest', protectedInputs);
  checkInput(onnx, manifest);
  checkFeatureOrder(onnx, manifest);
  const decoded = decodeTreeEnsembleFromOnnx(onnx);
  if (decoded.featureInputName !== manifest.inputName) {
    throw new CreditliftError(
      'model_shape_mismatch',
      `The tree ensemble reads "${decoded.featureInputName}" but the manifest names input "${manifest.inputName}"`,
    );
  }
  if (decoded.output.name !== manifest.probabilityOutputName || !decoded.output.isGraphOutput || decoded.output.width !== 2) {
    throw new CreditliftError(
      'model_shape_mismatch',
      `The manifest's probability output "${manifest.probabilityOutputName}" is not the tree ensemble's [N, 2] graph output (found "${decoded.output.name}", width ${decoded.output.width})`,
    );
  }

  // Column 1 must be a probability of default: a raw score (NONE) would be taken as a PD by every
  // caller, and the explanations are log-odds of sigmoid(margin). (Two-class SOFTMAX reads as
  // LOGISTIC of the class difference, exactly.) A margin-output model from another trainer is
  // turned into a LOGISTIC one by importOnnxModel.
  if (decoded.ensemble.postTransform !== 'LOGISTIC') {
    throw new CreditliftError(
      'model_unsupported',
      `The tree ensemble has post_transform ${decoded.ensemble.postTransform}: column 1 of "${decoded.output.name}" is then a raw score, not a probability of default. creditlift models use LOGISTIC; a model whose output is the log-odds margin is converted by importOnnxModel (creditlift model import)`,
    );
  }

  // Before any session exists: a model breaking its declared directions never gets to score. Bytes
  // that passed once in this process pass again (see modelProofMemo); a refusal is not remembered.
  if (options.allowMonotoneViolations !== true && !monotoneProvenFor(sha256)) {
    assertMonotone(decoded.ensemble, manifest.features);
    rememberMonotoneProven(sha256);
  }

  // Loaded here, on the first model load, not on import (see loadOnnxRuntime).
  const runtime = await loadOnnxRuntime();
  let session: ort.InferenceSession;
  try {
    session = await runtime.InferenceSession.create(bytes, {
      // The only count under which a row's trees are summed in one order whatever the run's size.
      intraOpNumThreads: 1,
      // Read by onnxruntime only in parallel mode: 1 says what sequential mode does (see LoadModelOptions).
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
  } catch (cause) {
    throw new CreditliftError('model_load_failed', `onnxruntime could not create a session: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }

  const width = manifest.features.length;
  const id = `${manifest.name}@${manifest.version}`;
  const inFlight = new Set<Promise<unknown>>();
  let closed: Promise<void> | undefined;

  const runOnnx = async (rows: Float32Array, nRows: number): Promise<Float32Array> => {
    // onnxruntime's Run is thread-safe on one session (the concurrency test checks results stay
    // per-call), so runs are not serialised; they are only tracked so close() can wait for them.
    const run = session.run({ [manifest.inputName]: new runtime.Tensor('float32', rows, [nRows, width]) }, [manifest.probabilityOutputName]);
    inFlight.add(run);
    try {
      const out = await run;
      const probs = out[manifest.probabilityOutputName]?.data;
      if (!(probs instanceof Float32Array) || probs.length !== nRows * 2) {
        throw new CreditliftError('internal_error', `Model ${id} returned an unexpected probability tensor`);
      }
      const result = new Float32Array(nRows);
      for (let r = 0; r < nRows; r++) {
        const p = probs[2 * r + 1] as number;
        // Finite weights and a LOGISTIC output were checked at load, so this cannot happen; if it
        // ever did, no caller may receive a NaN "probability".
        if (!(p >= 0 && p <= 1)) throw new CreditliftError('internal_error', `Model ${id} gave ${p} for row ${r}, not a probability`);
        result[r] = p;
      }
      return result;
    } catch (cause) {
      if (cause instanceof CreditliftError) throw cause;
      throw new CreditliftError('internal_error', `onnxruntime failed to score with ${id}: ${cause instanceof Error ? cause.message : String(cause)}`, {
        cause,
      });
    } finally {
      inFlight.delete(run);
    }
  };

  const evaluatorOption = options.evaluator ?? 'auto';
  // Proved once per process for these bytes and option (see modelProofMemo): the same bytes give
  // the same IR, the same probe and, under this process's onnxruntime, the same scores.
  let chosen = provenEvaluatorFor(sha256, evaluatorOption) ?? fromHandedProof(sha256, evaluatorOption, decoded);
  if (chosen === undefined) {
    try {
      // Whichever evaluator serves runs, the IR must be the model onnxruntime scores: TreeSHAP
      // explains it and the monotone check walked it. A probe from the model's own thresholds (each
      // exactly, one float32 either side, NaN, +-0) scored both ways must agree up to float32 rounding.
      const probe = buildProbeRows(decoded.ensemble);
      const scored = await runOnnx(probe.rows, probe.nRows);
      assertTreeReading(decoded.ensemble, probe, scored);
      // The evaluator's proof reuses onnxruntime's answer for the same probe rather than running it again.
      const reference = (rows: Float32Array, nRows: number): Promise<Float32Array> =>
        rows === probe.rows && nRows === probe.nRows ? Promise.resolve(scored.slice()) : runOnnx(rows, nRows);
      chosen = rememberProvenEvaluator(
        sha256,
        evaluatorOption,
        await chooseModelEvaluator(evaluatorOption, onnx, decoded, reference, onnxruntimeOracleScorer(runtime), probe),
      );
    } catch (cause) {
      await session.release();
      throw cause;
    }
  }
  const float32 = chosen.float32;
  const maxJsRows = chosen.info.maxRows;

  /** Small runs in JS; rows whose expf is a near tie (rare) and every larger run go to onnxruntime. */
  const runJs = async (rows: Float32Array, nRows: number, ensemble: NonNullable<typeof float32>): Promise<Float32Array> => {
    const out = new Float32Array(nRows);
    const uncertain: number[] = [];
    evaluateFloat32(ensemble, rows, nRows, out, uncertain);
    if (uncertain.length === 0) return out;
    const subset = new Float32Array(uncertain.length * width);
    uncertain.forEach((r, k) => subset.set(rows.subarray(r * width, (r + 1) * width), k * width));
    const exact = await runOnnx(subset, uncertain.length);
    uncertain.forEach((r, k) => {
      out[r] = exact[k] as number;
    });
    return out;
  };

  const predict = async (rows: Float32Array, nRows: number): Promise<Float32Array> => {
    // Closed under a call in flight (a scorer's close() during a batch): the documented refusal of a
    // closed scorer, which a service answers 503, not an internal error (500).
    if (closed !== undefined) throw new CreditliftError('scorer_closed', `Model ${id} has been closed (close()); create another to decide`);
    if (!Number.isInteger(nRows) || nRows < 0 || rows.length !== nRows * width) {
      throw new CreditliftError('model_shape_mismatch', `Expected ${nRows} rows of ${width} features (${nRows * width} values), got ${rows.length} values`);
    }
    if (nRows === 0) return new Float32Array(0);
    if (float32 !== undefined && nRows <= maxJsRows) return runJs(rows, nRows, float32);
    return runOnnx(rows, nRows);
  };

  const loaded: LoadedModel = {
    id,
    sha256,
    manifest,
    ensemble: decoded.ensemble,
    bytes,
    evaluator: chosen.info,
    predict,
    async predictOne(row) {
      const out = await predict(row instanceof Float32Array ? row : Float32Array.from(row), 1);
      return out[0] as number;
    },
    close() {
      closed ??= Promise.allSettled([...inFlight]).then(() => session.release());
      return closed;
    },
  };
  // The scorer re-walks only the trees a what-if changes, on the layout this proof ran on.
  if (float32 !== undefined) rememberProvenFloat32(loaded, float32);
  return loaded;
}

/**
 * The evaluator a proof handed to this process chose for these bytes (see rememberHandedEvaluator),
 * its float32 layout rebuilt from this process's own decoding of them; undefined when none was
 * handed, or when the layout cannot be rebuilt (then this process proves for itself).
 */
function fromHandedProof(sha256: string, option: ModelEvaluatorOption, decoded: DecodedTreeModel): ChosenEvaluator | undefined {
  const info = handedEvaluatorFor(sha256, option);
  if (info === undefined) return undefined;
  if (info.kind === 'onnxruntime') return rememberProvenEvaluator(sha256, option, { info });
  const flat = flattenFloat32Ensemble(decoded.ensemble);
  return flat.ok ? rememberProvenEvaluator(sha256, option, { info, float32: flat.ensemble }) : undefined;
}

/** Refuses bytes whose SHA-256 is not the pinned one (compared case-insensitively). */
export function checkSha256(actual: string, expected: string): void {
  if (!/^[0-9a-fA-F]{64}$/.test(expected)) {
    throw new CreditliftError('model_sha256_mismatch', `expectedSha256 must be 64 hex digits, got "${expected.slice(0, 80)}"`);
  }
  if (actual !== expected.toLowerCase()) {
    throw new CreditliftError('model_sha256_mismatch', `The model's SHA-256 is ${actual}, not the expected ${expected.toLowerCase()}`);
  }
}

/**
 * The manifest's features must be the model's input columns in the model's order, by name: a
 * manifest listing the same features in another order would feed every tree the wrong columns.
 * Checked against the names the encoder wrote beside it (models without them predate the check).
 */
function checkFeatureOrder(onnx: OnnxModel, manifest: ModelManifest): void {
  const entry = [...onnx.metadataProps].reverse().find((p) => p.key === FEATURE_NAMES_METADATA_KEY);
  if (entry === undefined) return;
  let names: unknown;
  try {
    names = JSON.parse(entry.value);
  } catch {
    names = undefined;
  }
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) {
    throw new CreditliftError('model_load_failed', `The model's "${FEATURE_NAMES_METADATA_KEY}" metadata is not a JSON array of names`);
  }
  const declared = manifest.features.map((f) => f.name);
  const wrong: string[] = [];
  for (let j = 0; j < Math.max(names.length, declared.length); j++) {
    if (names[j] !== declared[j])
      wrong.push(
        `column ${j} is ${names[j] === undefined ? 'absent' : `"${names[j]}"`} in the model but the manifest lists ${declared[j] === undefined ? 'nothing' : `"${declared[j]}"`}`,
      );
  }
  if (wrong.length > 0) {
    throw new CreditliftError(
      'model_shape_mismatch',
      `The manifest's feature order does not match the model's input columns by name: ${wrong.slice(0, 10).join('; ')}${wrong.length > 10 ? `; and ${wrong.length - 10} more` : ''}`,
    );
  }
}

function checkInput(onnx: OnnxModel, manifest: ModelManifest): void {
  const input = onnx.graph.inputs.find((i) => i.name === manifest.inputName);
  const width = manifest.features.length;
  if (input === undefined) {
    const names = onnx.graph.inputs.map((i) => `"${i.name}"`).join(', ');
    throw new CreditliftError('model_shape_mismatch', `The manifest names input "${manifest.inputName}" but the graph's inputs are ${names || 'none'}`);
  }
  if (input.elemType !== OnnxDataType.FLOAT) {
    throw new CreditliftError(
      'model_shape_mismatch',
      `Input "${input.name}" must be float32 (element type ${OnnxDataType.FLOAT}), is ${input.elemType ?? 'not a tensor'}`,
    );
  }
  if (input.shape === undefined || input.shape.length !== 2 || input.shape[1] !== width) {
    const shown = input.shape === undefined ? 'unknown' : `[${input.shape.map((d) => d ?? '?').join(', ')}]`;
    throw new CreditliftError('model_shape_mismatch', `Input "${input.name}" must have shape [N, ${width}] (one column per manifest feature), has ${shown}`);
  }
}
