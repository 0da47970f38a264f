import { ValidationError, type ValidationIssue } from '../errors/index.js';
import { NodeMode, type Tree, type TreeEnsemble } from '../model/treeEnsemble.js';
import { goesTrue } from './treeShap/splitDecision.js';
import { treeEnsembleIssues } from './treeShap/validateTreeEnsemble.js';

/** A background sample: one array per row, or a row-major Float32Array of `nRows * nFeatures` values. */
export type BackgroundSample = readonly ArrayLike<number>[] | { readonly data: Float32Array; readonly nRows: number };

/**
 * The ensemble with every node's cover replaced by the number of background rows that reach it,
 * each row walked down each tree exactly as the runtime routes it (float32 comparisons, NaN
 * following the node's missing direction). Use it when a model carries no `nodes_hitrates`.
 *
 * Nodes no background row reaches get cover 0. TreeSHAP then gives an unreached branch no weight,
 * and a split none of whose children is reached splits its weight evenly (see `trueChildShare`),
 * so the values stay finite and still sum to the margin. A small background makes such nodes
 * common and the explanation coarse: a few hundred rows drawn like the scored population is a
 * sensible minimum.
 *
 * Throws ValidationError when the model is malformed or a row has the wrong width, listing every
 * problem.
 *
 * @example
 * const withCovers = coversFromBackground(ensemble, { data: sample, nRows: 500 });
 */
export function coversFromBackground(model: TreeEnsemble, background: BackgroundSample): TreeEnsemble {
  const structural = treeEnsembleIssues(model, { requireCovers: false });
  if (structural.length > 0) throw new ValidationError('TreeEnsemble', structural);
  const nF = model.nFeatures;
  const issues: ValidationIssue[] = [];
  let nRows: number;
  let valueAt: (r: number, f: number) => number;
  if ('data' in background && background.data instanceof Float32Array) {
    const { data } = background;
    nRows = background.nRows;
    if (!Number.isInteger(nRows) || nRows < 1) {
      issues.push({ path: ['background', 'nRows'], code: 'invalid_value', message: 'nRows must be a positive integer', received: String(nRows) });
    } else if (data.length !== nRows * nF) {
      issues.push({
        path: ['background', 'data'],
        code: 'invalid_length',
        message: `expected ${nRows} rows x ${nF} features = ${nRows * nF} values, got ${data.length}`,
      });
    }
    valueAt = (r, f) => data[r * nF + f] as number;
  } else {
    const rows = background as readonly ArrayLike<number>[];
    nRows = rows.length;
    if (nRows === 0) issues.push({ path: ['background'], code: 'too_small', message: 'the background sample has no rows' });
    rows.forEach((row, r) => {
      if (row.length !== nF) issues.push({ path: ['background', r], code: 'invalid_length', message: `row has ${row.length} values, the model reads ${nF}` });
    });
    valueAt = (r, f) => (rows[r] as ArrayLike<number>)[f] as number;
  }
  if (issues.length > 0) throw new ValidationError('BackgroundSample', issues);

  const trees = model.trees.map((tree): Tree => {
    const cover = new Float64Array(tree.feature.length);
    for (let r = 0; r < nRows; r++) {
      let i = 0;
      for (;;) {
        cover[i] = (cover[i] as number) + 1;
        if (tree.mode[i] === NodeMode.LEAF) break;
        const f = tree.feature[i] as number;
        const toTrue = goesTrue(tree.mode[i] as number, valueAt(r, f), tree.threshold[i] as number, tree.missingTracksTrue[i] as number);
        i = (toTrue ? tree.trueChild[i] : tree.falseChild[i]) as number;
      }
    }
    return { ...tree, cover };
  });
  return { ...model, trees };
}
