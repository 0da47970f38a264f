import { NodeMode } from '../../model/treeEnsemble.js';

/**
 * Whether a value takes the true branch of a split, exactly as onnxruntime (and
 * `evaluateEnsemble`) decide it: the value is rounded to float32 and compared with the float32
 * threshold; the true branch is taken when the comparison holds, or when the value is NaN and the
 * node tracks missing to true. So a NaN goes where `missingTracksTrue` says, except at
 * BRANCH_NEQ, where `NaN != t` holds and it always goes true.
 *
 * @example goesTrue(NodeMode.BRANCH_LEQ, 0.1, Math.fround(0.1), 0) // true
 */
export function goesTrue(mode: number, value: number, threshold: number, missingTracksTrue: number): boolean {
  const x = Math.fround(value);
  if (x !== x) return mode === NodeMode.BRANCH_NEQ || missingTracksTrue === 1;
  switch (mode) {
    case NodeMode.BRANCH_LEQ:
      return x <= threshold;
    case NodeMode.BRANCH_LT:
      return x < threshold;
    case NodeMode.BRANCH_GTE:
      return x >= threshold;
    case NodeMode.BRANCH_GT:
      return x > threshold;
    case NodeMode.BRANCH_EQ:
      return x === threshold;
    case NodeMode.BRANCH_NEQ:
      return x !== threshold;
    default:
      return false;
  }
}
