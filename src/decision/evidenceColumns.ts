import { builtInFeatureSet } from '../features/featureSet.js';
import type { FeatureEncoder } from '../features/featureEncoder.js';

const cache = new WeakMap<FeatureEncoder, readonly number[]>();

/**
 * The columns of an encoder that a change of evidence alone can move: every built-in feature
 * sourced from `evidence`, and every feature that is not built in (a lender's feature may read
 * anything, so it is always recomputed). A counterfactual of a plan (a certificate removed, a
 * what-if added, a reassessment step) differs from its main row only in its evidence, so its row
 * is the main row with these columns recomputed. Built-in features other than the evidence ones
 * never read `ctx.evidence` (test/evidenceColumns.test.ts holds them to it).
 */
export function evidenceColumns(encoder: FeatureEncoder): readonly number[] {
  let cols = cache.get(encoder);
  if (cols === undefined) {
    cols = [];
    encoder.definitions.forEach((d, j) => {
      const builtIn = builtInFeatureSet.byName.get(d.name) === (d as unknown);
      if (!builtIn || d.sources.includes('evidence')) (cols as number[]).push(j);
    });
    cache.set(encoder, cols);
  }
  return cols;
}

const builtInOnly = new WeakMap<FeatureEncoder, boolean>();

/**
 * Whether every {@link evidenceColumns} column of `encoder` is a built-in feature: functions of
 * their call's input alone, which keep nothing of it after returning (a lender's feature might),
 * so one evidence list may be refilled between calls.
 */
export function evidenceColumnsAreBuiltIn(encoder: FeatureEncoder): boolean {
  let only = builtInOnly.get(encoder);
  if (only === undefined) {
    only = evidenceColumns(encoder).every((j) => {
      const d = encoder.definitions[j];
      return d !== undefined && builtInFeatureSet.byName.get(d.name) === (d as unknown);
    });
    builtInOnly.set(encoder, only);
  }
  return only;
}
