/**
 * Gauss-Legendre quadrature on [0, 1]. TreeSHAP's Shapley weights are Beta integrals of a
 * polynomial whose degree is below the number of distinct features on a root-to-leaf path, and a
 * q-point Gauss rule integrates every polynomial of degree <= 2q - 1 exactly, so a handful of
 * points replaces the combinatorial sums of the classic algorithm with no approximation.
 */

/** Quadrature nodes and weights on [0, 1]; `weights` sum to 1. */
export interface GaussLegendreRule {
  /** Nodes in (0, 1), ascending. */
  readonly nodes: Float64Array;
  /** Positive weights, one per node. */
  readonly weights: Float64Array;
}

const cache = new Map<number, GaussLegendreRule>();

/**
 * The `q`-point Gauss-Legendre rule mapped to [0, 1]: exact for polynomials of degree <= 2q - 1.
 *
 * @example gaussLegendre(2).nodes // [0.2113..., 0.7886...]
 */
export function gaussLegendre(q: number): GaussLegendreRule {
  if (!Number.isInteger(q) || q < 1 || q > 64) throw new RangeError(`gaussLegendre: q must be an integer in [1, 64], got ${q}`);
  const hit = cache.get(q);
  if (hit) return hit;
  const nodes = new Float64Array(q);
  const weights = new Float64Array(q);
  for (let k = 0; k < q; k++) {
    // Newton on the Legendre polynomial P_q from the Tricomi initial guess; converges in a few steps.
    let x = Math.cos((Math.PI * (k + 0.75)) / (q + 0.5));
    let dp = 1;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = x;
      for (let n = 2; n <= q; n++) {
        const p2 = ((2 * n - 1) * x * p1 - (n - 1) * p0) / n;
        p0 = p1;
        p1 = p2;
      }
      const pq = q === 1 ? x : p1;
      const pPrev = q === 1 ? 1 : p0;
      dp = (q * (x * pq - pPrev)) / (x * x - 1);
      const dx = pq / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    // Map from [-1, 1] to [0, 1]; weights halve.
    nodes[q - 1 - k] = (x + 1) / 2;
    weights[q - 1 - k] = 1 / ((1 - x * x) * dp * dp);
  }
  const rule = { nodes, weights };
  cache.set(q, rule);
  return rule;
}
