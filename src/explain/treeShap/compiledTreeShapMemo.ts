import { createHash } from 'node:crypto';
import { createBoundedMemo } from '../../common/boundedMemo.js';
import { freezeShared, typedArrayBytes } from '../../common/freezeShared.js';
import type { Tree, TreeEnsemble } from '../../model/treeEnsemble.js';
import { type CompiledTreeShap, compileTreeShap } from './compileTreeShap.js';

// Compiling TreeSHAP depends only on the ensemble and its covers, so explainers of the same trees
// (the scorers of one model: challengers, tenants, a scorer rebuilt) share one compilation. The key
// is a SHA-256 of every value compileTreeShap reads, covers included, so another model, the same
// model under other covers (a background) or an ensemble changed in one threshold gets its own.
// Hashing the default model's arrays costs well under a millisecond; compiling it, tens.
//
// An LRU of the last 8 ensembles within 256 MiB, not WeakRefs: scorers are often created, closed
// and created again, and a WeakRef entry would be lost whenever the last explainer was collected
// in between. An explainer's tables may reach 64 MiB (DEFAULT_MAX_TABLE_BYTES), so the byte bound,
// not the count, limits a process explaining several large models; the default model's is ~1 MB.
const compilations = createBoundedMemo<CompiledTreeShap>({ maxEntries: 8, maxBytes: 256 * 1024 * 1024 });

/**
 * {@link compileTreeShap} with its default options, shared with every explainer of the same trees
 * and covers in this process. The result is frozen, and its typed arrays are only read (by
 * treeShapRow and treeShapBlock, which write into their own scratch): no explainer can change
 * another's. An ensemble whose fields are not the typed arrays a TreeEnsemble holds is compiled
 * afresh, for compileTreeShap to name what is wrong.
 *
 * @example
 * const compiled = sharedCompiledTreeShap(withCovers);
 */
export function sharedCompiledTreeShap(ensemble: TreeEnsemble): CompiledTreeShap {
  // Each field read once, so the compilation is of exactly what was hashed (a getter cannot hand
  // the hash one array and the compiler another). compileTreeShap copies what it keeps, so later
  // changes to the caller's arrays cannot reach the shared result either.
  const snapshot = snapshotOf(ensemble);
  if (snapshot === undefined) return compileTreeShap(ensemble);
  const key = fingerprint(snapshot);
  const known = compilations.get(key);
  if (known !== undefined) return known;
  const compiled = freezeShared(compileTreeShap(snapshot));
  return compilations.set(key, compiled, typedArrayBytes(compiled));
}

/**
 * Every compilation held, each under the SHA-256 of what it was compiled from (a scorer pool's
 * worker hands its own to the pool, for the workers after it: see workerModelProofs).
 * @internal
 */
export function sharedCompilations(): { readonly key: string; readonly compiled: CompiledTreeShap }[] {
  return compilations.entries().map(([key, compiled]) => ({ key, compiled }));
}

/**
 * Holds `compiled` under `key` as if compiled here: a compilation another process of the same
 * program made. Only explainers of trees and covers whose own fingerprint is `key` ever read it.
 * @internal
 */
export function adoptCompiledTreeShap(key: string, compiled: CompiledTreeShap): void {
  compilations.set(key, freezeShared(compiled), typedArrayBytes(compiled));
}

/**
 * Forgets every shared compilation (tests comparing a cold explainer with a warm one).
 * @internal
 */
export function forgetCompiledTreeShap(): void {
  compilations.clear();
}

const TREE_FIELDS = [
  ['feature', Int32Array],
  ['threshold', Float32Array],
  ['mode', Uint8Array],
  ['trueChild', Int32Array],
  ['falseChild', Int32Array],
  ['missingTracksTrue', Uint8Array],
  ['leafValue', Float64Array],
  ['cover', Float64Array],
] as const;

/** A plain copy of the ensemble's structure (the same arrays), or undefined when a field is not what a TreeEnsemble holds. */
function snapshotOf(ensemble: TreeEnsemble): TreeEnsemble | undefined {
  if (ensemble === null || typeof ensemble !== 'object') return undefined;
  const { nFeatures, trees, baseValue, postTransform } = ensemble;
  if (typeof nFeatures !== 'number' || typeof baseValue !== 'number' || typeof postTransform !== 'string' || !Array.isArray(trees)) return undefined;
  const copies: Tree[] = [];
  for (const tree of trees as readonly unknown[]) {
    if (tree === null || typeof tree !== 'object') return undefined;
    const copy: Record<string, unknown> = {};
    for (const [name, type] of TREE_FIELDS) {
      const value = (tree as Record<string, unknown>)[name];
      if (!(value instanceof type)) return undefined;
      copy[name] = value;
    }
    copies.push(copy as unknown as Tree);
  }
  return { nFeatures, trees: copies, baseValue, postTransform };
}

function fingerprint(ensemble: TreeEnsemble): string {
  const hash = createHash('sha256');
  // Counts and lengths go in with the values, so no two ensembles hash the same byte stream.
  // Numbers as float64 bits: a -0 base value is not 0 to the compiler's sums.
  hash.update(new Uint8Array(Float64Array.of(ensemble.nFeatures, ensemble.baseValue, ensemble.trees.length).buffer));
  hash.update(ensemble.postTransform);
  const header = new Float64Array(TREE_FIELDS.length);
  for (const tree of ensemble.trees) {
    TREE_FIELDS.forEach(([name], k) => {
      header[k] = tree[name].length;
    });
    hash.update(new Uint8Array(header.buffer));
    for (const [name] of TREE_FIELDS) {
      const a = tree[name];
      hash.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    }
  }
  return hash.digest('hex');
}
