import { builtPackage } from '../builtPackage.js';
import type { BenchWorkload } from '../benchWorkload.js';
import { measureLatency, type LatencyOptions } from '../harness/measureLatency.js';
import type { SampleSummary } from '../harness/summarizeSamples.js';

/** Exact TreeSHAP of one row (all features plus bias) on the workload's rows, no allocation per call. */
export async function treeShapPerRow(w: BenchWorkload, options: LatencyOptions): Promise<SampleSummary> {
  const explainer = (await builtPackage()).internals.createTreeExplainer(w.modelPath);
  const out = new Float64Array(explainer.nFeatures + 1);
  const n = w.applicants.length;
  const rows = Array.from({ length: n }, (_, i) => w.rows.subarray(i * w.width, (i + 1) * w.width));
  const [summary] = await measureLatency([(i) => explainer.shap(rows[i % n] as Float32Array, out)], options);
  return summary as SampleSummary;
}
