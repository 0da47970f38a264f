import type { CompiledTreeShap } from '../explain/treeShap/compileTreeShap.js';
import { adoptCompiledTreeShap, sharedCompilations } from '../explain/treeShap/compiledTreeShapMemo.js';
import type { ModelEvaluatorInfo, ModelEvaluatorOption } from '../model/chooseModelEvaluator.js';
import { monotoneProvenFor, provenEvaluatorFor, rememberHandedEvaluator, rememberMonotoneProven } from '../model/modelProofMemo.js';

/**
 * What a pool worker proved and compiled about its model's bytes while it started (see
 * modelProofMemo, compiledTreeShapMemo), as plain data the pool hands the workers started after it,
 * so they skip about a quarter of a start's CPU (bench/RESULTS.md, "Pool worker start").
 *
 * Why they may trust it: every worker of a pool runs the same script with the same flags and
 * environment, so the same package and the same onnxruntime build, and a proof is a fact about
 * these bytes under that build. A worker takes it only for the bytes it was given, by the SHA-256
 * it computes itself; an evaluator choice only for the evaluator option it was proved under; a
 * TreeSHAP compilation only for trees and covers whose own fingerprint is its key.
 */
export interface WorkerModelProofs {
  /** SHA-256 of the model bytes these facts are about. */
  readonly sha256: string;
  /** The bytes keep every monotone direction their manifest declares. */
  readonly monotone: boolean;
  /** The evaluator chosen under each option, once the trees were proved to be the ones onnxruntime scores. */
  readonly evaluators: readonly { readonly option: ModelEvaluatorOption; readonly info: ModelEvaluatorInfo }[];
  /** TreeSHAP compilations, each under the fingerprint of the trees and covers it was compiled from. */
  readonly treeShap: readonly { readonly key: string; readonly compiled: CompiledTreeShap }[];
}

const OPTIONS: readonly ModelEvaluatorOption[] = ['auto', 'onnxruntime'];

/**
 * What this process proved about the bytes with this SHA-256, and the TreeSHAP compilations it
 * holds (a worker holds only its scorer's); undefined when it proved nothing about them.
 */
export function knownWorkerModelProofs(sha256: string): WorkerModelProofs | undefined {
  const monotone = monotoneProvenFor(sha256);
  const evaluators = OPTIONS.flatMap((option) => {
    const chosen = provenEvaluatorFor(sha256, option);
    return chosen === undefined ? [] : [{ option, info: chosen.info }];
  });
  if (!monotone && evaluators.length === 0) return undefined;
  return { sha256, monotone, evaluators, treeShap: sharedCompilations() };
}

/**
 * Takes `proofs` as this process's own when they are about the bytes whose SHA-256 this process
 * computed (`bytesSha256`); proofs about other bytes are left, and the worker proves for itself.
 * Returns whether they were taken.
 */
export function acceptWorkerModelProofs(proofs: WorkerModelProofs, bytesSha256: string): boolean {
  if (proofs.sha256 !== bytesSha256) return false;
  if (proofs.monotone) rememberMonotoneProven(bytesSha256);
  for (const { option, info } of proofs.evaluators) rememberHandedEvaluator(bytesSha256, option, info);
  for (const { key, compiled } of proofs.treeShap) adoptCompiledTreeShap(key, compiled);
  return true;
}
