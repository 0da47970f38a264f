/**
 * Benchmark-only converter: an XGBoost `save_model` JSON (binary:logistic, numeric splits) to the
 * creditlift tree-ensemble IR, so both implementations explain the very same trees.
 *
 * XGBoost goes left when `x < split_condition` and sends missing values to `default_left`; leaf
 * values sit in `split_conditions`; `sum_hessian` is the cover its TreeSHAP uses; `base_score` is
 * a probability for binary:logistic, so the margin bias is its logit.
 */
import { allocateTree, NodeMode, type Tree, type TreeEnsemble } from '../../src/model/treeEnsemble.js';

interface XgbTree {
  left_children: number[];
  right_children: number[];
  split_indices: number[];
  split_conditions: number[];
  default_left: number[];
  sum_hessian: number[];
}

/** Converts the parsed JSON of an XGBoost binary:logistic model. */
export function xgboostJsonToEnsemble(json: unknown): TreeEnsemble {
  const learner = (json as { learner: { learner_model_param: { base_score: string; num_feature: string }; gradient_booster: { model: { trees: XgbTree[] } } } })
    .learner;
  const baseScore = Number(learner.learner_model_param.base_score);
  const nFeatures = Number(learner.learner_model_param.num_feature);
  const trees = learner.gradient_booster.model.trees.map(convertTree);
  return { nFeatures, trees, baseValue: Math.log(baseScore / (1 - baseScore)), postTransform: 'LOGISTIC' };
}

function convertTree(x: XgbTree): Tree {
  const n = x.left_children.length;
  const tree = allocateTree(n);
  for (let i = 0; i < n; i++) {
    tree.cover[i] = x.sum_hessian[i] as number;
    const left = x.left_children[i] as number;
    if (left === -1) {
      tree.leafValue[i] = x.split_conditions[i] as number;
      continue;
    }
    tree.feature[i] = x.split_indices[i] as number;
    tree.threshold[i] = x.split_conditions[i] as number;
    tree.mode[i] = NodeMode.BRANCH_LT;
    tree.trueChild[i] = left;
    tree.falseChild[i] = x.right_children[i] as number;
    tree.missingTracksTrue[i] = x.default_left[i] === 1 ? 1 : 0;
  }
  return tree;
}
