import { createBoundedMemo } from '../common/boundedMemo.js';
import { freezeShared, typedArrayBytes } from '../common/freezeShared.js';
import type { ChosenEvaluator, ModelEvaluatorInfo, ModelEvaluatorOption } from './chooseModelEvaluator.js';

// What loadModel proves about a model depends only on its bytes (the IR, the manifest and what
// onnxruntime scores are all read from them) and, for the evaluator, on the evaluator option; so
// it is proved once per process per SHA-256 of the bytes and option. The proof against
// onnxruntime is a fact about these bytes under the onnxruntime this process loaded (loaded once,
// see loadOnnxRuntime, and never swapped), so it holds for every later session on the same bytes;
// another process proves it again. A proof that fails throws and is never remembered: the next
// load of those bytes is refused again, by the same check.
//
// An LRU of the last 8 models, not WeakRefs: a scorer is often created, closed and created again
// (tests, a tenant's scorer rebuilt), and a WeakRef entry would be lost whenever the last scorer's
// objects were collected in between. 8 covers a champion, its challengers and a few tenants; an
// entry is the flat float32 layout (~24 bytes a node: 0.2 MB for the default model), and the byte
// bound keeps 8 unusually large models from pinning more than 128 MiB.
const MAX_MODELS = 8;
const MAX_BYTES = 128 * 1024 * 1024;

const monotoneProven = createBoundedMemo<true>({ maxEntries: MAX_MODELS, maxBytes: MAX_BYTES });
const evaluatorsProven = createBoundedMemo<ChosenEvaluator>({ maxEntries: MAX_MODELS, maxBytes: MAX_BYTES });
// Choices another process of the same program proved and handed over (a scorer pool's worker gets
// them from the pool, see acceptWorkerModelProofs): only the info, as the layout is rebuilt from
// the bytes in a millisecond or two, where shipping it would cost more than that.
const evaluatorsHanded = createBoundedMemo<ModelEvaluatorInfo>({ maxEntries: MAX_MODELS, maxBytes: MAX_BYTES });

/**
 * Whether the bytes with this SHA-256 already passed the monotone check in this process.
 * @internal
 */
export function monotoneProvenFor(sha256: string): boolean {
  return monotoneProven.get(sha256) === true;
}

/**
 * Records that the bytes with this SHA-256 keep every monotone direction their manifest declares.
 * @internal
 */
export function rememberMonotoneProven(sha256: string): void {
  monotoneProven.set(sha256, true, 0);
}

/**
 * The evaluator chosen for these bytes under `option` once their trees were proved to be the ones
 * onnxruntime scores, or undefined when not proved in this process (or forgotten).
 * @internal
 */
export function provenEvaluatorFor(sha256: string, option: ModelEvaluatorOption): ChosenEvaluator | undefined {
  return evaluatorsProven.get(`${option}:${sha256}`);
}

/**
 * Records the evaluator chosen for these bytes under `option`, frozen (its info and layout are then
 * shared by every model loaded from them; the layout's typed arrays are only read, by the float32
 * evaluators), and returns it.
 * @internal
 */
export function rememberProvenEvaluator(sha256: string, option: ModelEvaluatorOption, chosen: ChosenEvaluator): ChosenEvaluator {
  return evaluatorsProven.set(`${option}:${sha256}`, freezeShared(chosen), typedArrayBytes(chosen));
}

/**
 * The evaluator choice handed to this process for these bytes under `option` (proved by another
 * process running the same program), or undefined.
 * @internal
 */
export function handedEvaluatorFor(sha256: string, option: ModelEvaluatorOption): ModelEvaluatorInfo | undefined {
  return evaluatorsHanded.get(`${option}:${sha256}`);
}

/**
 * Records an evaluator choice proved for these bytes under `option` by another process of the
 * same program; loadModel takes it in place of its own proof, rebuilding the layout.
 * @internal
 */
export function rememberHandedEvaluator(sha256: string, option: ModelEvaluatorOption, info: ModelEvaluatorInfo): void {
  evaluatorsHanded.set(`${option}:${sha256}`, freezeShared(info), 0);
}

/**
 * Forgets every proof, so the next load proves again (tests comparing a cold load with a warm one).
 * @internal
 */
export function forgetModelProofs(): void {
  monotoneProven.clear();
  evaluatorsProven.clear();
  evaluatorsHanded.clear();
}
