import type { TreeEnsemble } from './treeEnsemble.js';
import { NodeMode } from './treeEnsemble.js';

/** Options of {@link buildProbeRows}. */
export interface ProbeRowOptions {
  /** Seed of the random rows (deterministic: the same model always gets the same probe). */
  readonly seed?: number;
  /** Random rows added after the edge rows. Default 256. */
  readonly randomRows?: number;
  /** Upper bound on the edge rows (the cycle of the feature with the most split values). Default 4096. */
  readonly maxEdgeRows?: number;
}

/** Row-major float32 rows for the load-time proof, and how many. */
export interface ProbeRows {
  readonly rows: Float32Array;
  readonly nRows: number;
}

/**
 * Rows that put every split of `ensemble` on its edge, for proving an evaluator against
 * onnxruntime. Per feature, the probe values are each threshold exactly, the float32 just below
 * and just above it (nextafter), NaN, and +-0; row r gives feature j its value number
 * (r + 7j) mod count_j, so the edge rows are as many as the busiest feature's values and the
 * features' edges meet in varying combinations (which reaches splits deep in the trees, not only
 * at the root). Then `randomRows` seeded rows draw each feature from its probe values or NaN or
 * uniformly between its extreme thresholds. No clock, no Math.random: the same model gets the same
 * probe every load.
 *
 * @example
 * const { rows, nRows } = buildProbeRows(model.ensemble);
 */
export function buildProbeRows(ensemble: TreeEnsemble, options: ProbeRowOptions = {}): ProbeRows {
  const width = ensemble.nFeatures;
  const values: number[][] = Array.from({ length: width }, () => []);
  const thresholds: Set<number>[] = Array.from({ length: width }, () => new Set<number>());
  for (const tree of ensemble.trees) {
    for (let i = 0; i < tree.feature.length; i++) {
      if (tree.mode[i] === NodeMode.LEAF) continue;
      thresholds[tree.feature[i] as number]?.add(tree.threshold[i] as number);
    }
  }
  for (let j = 0; j < width; j++) {
    const own = values[j] as number[];
    own.push(Number.NaN, 0, -0);
    for (const t of [...(thresholds[j] as Set<number>)].sort((a, b) => a - b)) own.push(t, nextFloat32Down(t), nextFloat32Up(t));
  }
  const edgeRows = Math.min(options.maxEdgeRows ?? 4096, Math.max(1, ...values.map((v) => v.length)));
  const randomCount = options.randomRows ?? 256;
  const nRows = edgeRows + randomCount;
  const rows = new Float32Array(nRows * width);
  for (let r = 0; r < edgeRows; r++) {
    for (let j = 0; j < width; j++) {
      const own = values[j] as number[];
      rows[r * width + j] = own[(r + 7 * j) % own.length] as number;
    }
  }
  const lows = thresholds.map((set) => (set.size === 0 ? 0 : Math.min(...set)));
  const spans = thresholds.map((set, j) => (set.size === 0 ? 1 : Math.max(...set) - (lows[j] as number) || 1));
  const random = mulberry32(options.seed ?? 0x5eed);
  for (let r = edgeRows; r < nRows; r++) {
    for (let j = 0; j < width; j++) {
      const own = values[j] as number[];
      const u = random();
      const lo = lows[j] as number;
      const span = spans[j] as number;
      let x: number;
      if (u < 0.1) x = Number.NaN;
      else if (u < 0.5) x = own[Math.floor(random() * own.length)] as number;
      else x = lo - span * 0.1 + random() * span * 1.2;
      rows[r * width + j] = x;
    }
  }
  return { rows, nRows };
}

const scratch = new Float32Array(1);
const bits = new Int32Array(scratch.buffer);

/** The largest float32 below `x` (x a float32; infinities and NaN come back unchanged). */
export function nextFloat32Down(x: number): number {
  if (!Number.isFinite(x)) return x;
  if (x === 0) return -(2 ** -149);
  scratch[0] = x;
  bits[0] = (bits[0] as number) + (x > 0 ? -1 : 1);
  return scratch[0] as number;
}

/** The smallest float32 above `x` (x a float32; infinities and NaN come back unchanged). */
export function nextFloat32Up(x: number): number {
  if (!Number.isFinite(x)) return x;
  if (x === 0) return 2 ** -149;
  scratch[0] = x;
  bits[0] = (bits[0] as number) + (x > 0 ? 1 : -1);
  return scratch[0] as number;
}

/** Deterministic PRNG (mulberry32) in [0, 1): the probe must not depend on Math.random. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
