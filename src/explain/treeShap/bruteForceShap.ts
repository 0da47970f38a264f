import { refuseArguments, typeIssue } from '../../errors/argumentIssues.js';
import { treeEnsembleIssues } from './validateTreeEnsemble.js';
import { CreditliftError } from '../../errors/index.js';
import { NodeMode, type Tree, type TreeEnsemble } from '../../model/treeEnsemble.js';
import { trueChildShare } from './childWeights.js';
import { goesTrue } from './splitDecision.js';

/** Largest feature count the enumeration accepts: 2^16 coalitions. */
const MAX_FEATURES = 16;

/**
 * Reference Shapley values by definition, for testing: enumerates every coalition S of features,
 * takes the path-dependent conditional expectation f_S(x) (follow the row at splits on features in
 * S, otherwise average both branches weighted by cover), and applies the Shapley formula.
 * Exponential in nFeatures (at most 16); same layout as the fast algorithm (features, then bias).
 */
export function bruteForceShap(model: TreeEnsemble, row: ArrayLike<number>): Float64Array {
  const structural = treeEnsembleIssues(model, { requireCovers: true });
  refuseArguments('bruteForceShap', [
    structural.map((i) => ({ ...i, path: ['model', ...i.path] })),
    typeIssue(['row'], row, 'numbers', 'the row of feature values, an array (or typed array) of numbers'),
    structural.length === 0 && typeIssue([], row, 'numbers', '') === undefined && row.length !== model.nFeatures
      ? { path: ['row'], code: 'invalid_length', message: `row has ${row.length} values, the model reads ${model.nFeatures}` }
      : undefined,
  ]);
  const m = model.nFeatures;
  if (m > MAX_FEATURES) throw new CreditliftError('model_unsupported', `bruteForceShap enumerates 2^${m} coalitions; at most ${MAX_FEATURES} features`);
  const nSubsets = 2 ** m;
  const value = new Float64Array(nSubsets);
  for (let s = 0; s < nSubsets; s++) {
    let v = model.baseValue;
    for (const tree of model.trees) v += conditionalExpectation(tree, 0, s, row);
    value[s] = v;
  }
  // Shapley weight |S|! (m - |S| - 1)! / m!, by coalition size.
  const weight = new Float64Array(m);
  for (let size = 0; size < m; size++) weight[size] = 1 / (m * binomial(m - 1, size));
  const phi = new Float64Array(m + 1);
  for (let s = 0; s < nSubsets; s++) {
    const size = popcount(s);
    for (let i = 0; i < m; i++) {
      if ((s >> i) & 1) continue;
      phi[i] = (phi[i] as number) + (weight[size] as number) * ((value[s | (1 << i)] as number) - (value[s] as number));
    }
  }
  phi[m] = value[0] as number;
  return phi;
}

function conditionalExpectation(tree: Tree, node: number, coalition: number, row: ArrayLike<number>): number {
  if (tree.mode[node] === NodeMode.LEAF) return tree.leafValue[node] as number;
  const f = tree.feature[node] as number;
  const tc = tree.trueChild[node] as number;
  const fc = tree.falseChild[node] as number;
  if ((coalition >> f) & 1) {
    const toTrue = goesTrue(tree.mode[node] as number, row[f] as number, tree.threshold[node] as number, tree.missingTracksTrue[node] as number);
    return conditionalExpectation(tree, toTrue ? tc : fc, coalition, row);
  }
  const share = trueChildShare(tree.cover[tc] as number, tree.cover[fc] as number);
  return share * conditionalExpectation(tree, tc, coalition, row) + (1 - share) * conditionalExpectation(tree, fc, coalition, row);
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let j = 1; j <= k; j++) r = (r * (n - k + j)) / j;
  return r;
}

function popcount(x: number): number {
  let c = 0;
  for (let v = x; v !== 0; v &= v - 1) c++;
  return c;
}
