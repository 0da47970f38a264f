import { CreditliftError } from '../errors/creditliftError.js';
import type { ModelManifest } from '../model/manifest.js';
import type { FeatureContext } from './featureContext.js';
import { featureDefinitionsByName, type FeatureDefinition } from './featureDefinitions.js';

/** Turns a feature context into a model's input row, in the model's own column order. */
export interface FeatureEncoder {
  /** Column names, in model input order. */
  readonly names: readonly string[];
  /** The definitions behind each column, in the same order. */
  readonly definitions: readonly FeatureDefinition[];
  /** Number of columns. */
  readonly width: number;
  /**
   * Writes one row into `out` at `offset` (row-major batches share one buffer; no allocation on
   * the hot path). Missing values become NaN; an unknown category becomes NaN.
   */
  encode(ctx: FeatureContext, out: Float32Array, offset?: number): void;
}

type ColumnEncoder = (ctx: FeatureContext) => number;

/**
 * Compiles the manifest's column list into encoders once, so that per-decision work is a flat
 * loop over closures with category lookups already turned into maps.
 *
 * @throws CreditliftError `model_shape_mismatch` when the model asks for a feature creditlift does
 * not compute, or declares a different kind for it.
 */
export function createFeatureEncoder(manifest: Pick<ModelManifest, 'features'>): FeatureEncoder {
  const definitions: FeatureDefinition[] = [];
  const columns: ColumnEncoder[] = [];
  const unknown: string[] = [];
  for (const feature of manifest.features) {
    const def = featureDefinitionsByName.get(feature.name);
    if (def === undefined) {
      unknown.push(feature.name);
      continue;
    }
    if (def.kind !== feature.kind) {
      throw new CreditliftError(
        'model_shape_mismatch',
        `Model feature "${feature.name}" is ${feature.kind} but creditlift computes it as ${def.kind}`,
      );
    }
    definitions.push(def);
    if (def.kind === 'categorical') {
      // The model's own category order wins: a lender's model may have encoded them differently.
      const codes = new Map((feature.categories ?? def.categories ?? []).map((c, i) => [c, i]));
      columns.push((ctx) => codes.get(String(def.compute(ctx))) ?? Number.NaN);
    } else {
      columns.push((ctx) => def.compute(ctx) as number);
    }
  }
  if (unknown.length > 0) {
    throw new CreditliftError(
      'model_shape_mismatch',
      `Model needs feature(s) creditlift does not compute: ${unknown.join(', ')}`,
    );
  }
  const names = manifest.features.map((f) => f.name);
  return {
    names,
    definitions,
    width: columns.length,
    encode(ctx, out, offset = 0) {
      for (let j = 0; j < columns.length; j++) out[offset + j] = (columns[j] as ColumnEncoder)(ctx);
    },
  };
}

/** The default model's column list, straight from the definitions (used when training it). */
export function defaultFeatureColumns(): Pick<ModelManifest, 'features'> {
  return {
    features: [...featureDefinitionsByName.values()].map((d) => ({
      name: d.name,
      kind: d.kind,
      monotone: d.monotone,
      description: d.description,
      ...(d.categories ? { categories: [...d.categories] } : {}),
    })),
  };
}
