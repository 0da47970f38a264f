import { createBoundedMemo } from '../common/boundedMemo.js';
import { typedArrayBytes } from '../common/freezeShared.js';
import type { WorkerModelProofs } from './workerModelProofs.js';

// What a pool's first worker proved about a model, kept in the pool's process for every worker
// started after it: its siblings' replacements, and the workers of the next pool on the same model
// (a service that restarts its pool, a test suite starting dozens). Kept per way of starting a
// worker (script, node flags, NODE_OPTIONS): those choose the package and the onnxruntime build a
// proof is about, so a worker started another way proves for itself. This process never takes
// them as its own proofs (its in-process scorers may load another onnxruntime): it only hands
// them on. 8 models, 64 MiB (the default model's, TreeSHAP tables included, is ~0.75 MB).
const known = createBoundedMemo<WorkerModelProofs>({ maxEntries: 8, maxBytes: 64 * 1024 * 1024 });

/** The key of workers started by `script` with `execArgv` and `nodeOptions` on the bytes with this SHA-256. */
export function poolProofsKey(script: string, execArgv: readonly string[], nodeOptions: string | undefined, sha256: string): string {
  return JSON.stringify([script, execArgv, nodeOptions ?? null, sha256]);
}

/** What a worker started this way proved about these bytes, or undefined. */
export function poolProofsFor(key: string): WorkerModelProofs | undefined {
  return known.get(key);
}

/** Keeps what a worker started this way proved, for the workers started after it. */
export function rememberPoolProofs(key: string, proofs: WorkerModelProofs): void {
  known.set(key, proofs, typedArrayBytes(proofs));
}

/**
 * Forgets every worker's proofs, so the next worker proves for itself (tests).
 * @internal
 */
export function forgetPoolProofs(): void {
  known.clear();
}
