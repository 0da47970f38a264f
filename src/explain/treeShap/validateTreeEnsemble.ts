import type { ValidationIssue } from '../../errors/index.js';
import { NodeMode, treeEnsembleShapeIssues, type TreeEnsemble } from '../../model/treeEnsemble.js';

/**
 * Every structural problem that would make TreeSHAP (or evaluation) of an ensemble meaningless,
 * each with its path (`['trees', 3, 'trueChild', 7]`). Nodes unreachable from the root are ignored,
 * as the runtime never visits them. With `requireCovers`, the cover of every node below a split
 * must be a finite non-negative number.
 */
export function treeEnsembleIssues(model: TreeEnsemble, options: { requireCovers: boolean }): ValidationIssue[] {
  // The shape first: a value that is not a tree ensemble at all threw a TypeError below.
  const shape = treeEnsembleShapeIssues(model);
  if (shape.length > 0) return shape;
  const issues: ValidationIssue[] = [];
  const { nFeatures } = model;
  if (!Number.isInteger(nFeatures) || nFeatures < 1) {
    issues.push({ path: ['nFeatures'], code: 'invalid_value', message: 'nFeatures must be a positive integer', received: String(nFeatures) });
  }
  if (!Number.isFinite(model.baseValue)) {
    issues.push({ path: ['baseValue'], code: 'invalid_value', message: 'baseValue must be a finite number' });
  }
  if (model.trees.length === 0) {
    issues.push({ path: ['trees'], code: 'too_small', message: 'the ensemble has no trees' });
  }
  model.trees.forEach((tree, t) => {
    const n = tree.feature.length;
    const arrays = ['threshold', 'mode', 'trueChild', 'falseChild', 'missingTracksTrue', 'leafValue', 'cover'] as const;
    let consistent = n > 0;
    if (n === 0) issues.push({ path: ['trees', t], code: 'too_small', message: 'tree has no nodes' });
    for (const key of arrays) {
      if (tree[key].length !== n) {
        consistent = false;
        issues.push({ path: ['trees', t, key], code: 'invalid_length', message: `${key} has ${tree[key].length} entries, feature has ${n}` });
      }
    }
    if (!consistent) return;
    const seen = new Uint8Array(n);
    const stack = [0];
    seen[0] = 1;
    while (stack.length > 0) {
      const i = stack.pop() as number;
      const mode = tree.mode[i] as number;
      if (mode === NodeMode.LEAF) {
        if (!Number.isFinite(tree.leafValue[i])) {
          issues.push({ path: ['trees', t, 'leafValue', i], code: 'invalid_value', message: 'leaf value must be finite' });
        }
        continue;
      }
      if (!(mode >= NodeMode.BRANCH_LEQ && mode <= NodeMode.BRANCH_NEQ)) {
        issues.push({ path: ['trees', t, 'mode', i], code: 'invalid_value', message: `unknown node mode ${mode}` });
        continue;
      }
      const f = tree.feature[i] as number;
      if (!(f >= 0 && f < nFeatures)) {
        issues.push({ path: ['trees', t, 'feature', i], code: 'invalid_value', message: `feature ${f} is outside [0, ${nFeatures})` });
      }
      if (Number.isNaN(tree.threshold[i])) {
        issues.push({ path: ['trees', t, 'threshold', i], code: 'invalid_value', message: 'threshold is NaN' });
      }
      for (const key of ['trueChild', 'falseChild'] as const) {
        const c = tree[key][i] as number;
        if (!(c > 0 && c < n)) {
          issues.push({ path: ['trees', t, key, i], code: 'invalid_value', message: `child ${c} is not a node of this tree (1..${n - 1})` });
          continue;
        }
        if (seen[c] === 1) {
          issues.push({ path: ['trees', t, key, i], code: 'invalid_value', message: `node ${c} is reached twice: the nodes do not form a tree` });
          continue;
        }
        seen[c] = 1;
        if (options.requireCovers) {
          const cover = tree.cover[c] as number;
          if (!(Number.isFinite(cover) && cover >= 0)) {
            issues.push({ path: ['trees', t, 'cover', c], code: 'invalid_value', message: 'cover must be a finite non-negative number' });
          }
        }
        stack.push(c);
      }
    }
  });
  return issues;
}

/** True when every node below a split of every tree has a finite, non-negative cover. */
export function hasCovers(model: TreeEnsemble): boolean {
  for (const tree of model.trees) {
    for (let i = 0; i < tree.feature.length; i++) {
      if (tree.mode[i] === NodeMode.LEAF) continue;
      for (const c of [tree.trueChild[i] as number, tree.falseChild[i] as number]) {
        const cover = tree.cover[c];
        if (cover === undefined || !(Number.isFinite(cover) && cover >= 0)) return false;
      }
    }
  }
  return true;
}
