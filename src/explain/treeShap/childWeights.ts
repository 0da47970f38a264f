/**
 * Share of a node's cover that goes to its true child, the weight path-dependent TreeSHAP gives
 * that branch when the split's feature is absent from the coalition.
 *
 * Normalised by the children's own covers rather than the parent's so that the two shares always
 * sum to 1 (trainers round covers, and ONNX hit rates need not add up exactly). When neither child
 * has any cover (a background sample that never reaches the node) the branches get one half each:
 * any split of the unit mass keeps the Shapley game well defined, and an even split is the one
 * that assumes nothing about data the sample never showed.
 *
 * @example trueChildShare(30, 10) // 0.75
 */
export function trueChildShare(trueCover: number, falseCover: number): number {
  const total = trueCover + falseCover;
  return total > 0 ? trueCover / total : 0.5;
}
