import type { ModelManifest } from '../model/manifest.js';
import type { TreeEnsemble } from '../model/treeEnsemble.js';

/** What the decision engine needs of a model: its identity, its manifest, its trees, and batched scoring. */
export interface ScoringModel {
  /** `name@version` from the manifest. */
  readonly id: string;
  /** SHA-256 of the ONNX bytes. */
  readonly sha256: string;
  readonly manifest: ModelManifest;
  /** The trees, for TreeSHAP. */
  readonly ensemble: TreeEnsemble;
  /** P(default) per row of a row-major float32 matrix, in one runtime call. */
  predict(rows: Float32Array, nRows: number): Promise<Float32Array>;
}

/** What the engine needs of an explainer: TreeSHAP values in log-odds, one per feature then the bias. */
export interface ContributionExplainer {
  readonly expectedValue: number;
  shap(row: ArrayLike<number>, out?: Float64Array): Float64Array;
  /** The same for `nRows` row-major rows at once: `nRows x (features + 1)` values. */
  shapBatch(rows: Float32Array, nRows: number, out?: Float64Array): Float64Array;
}
