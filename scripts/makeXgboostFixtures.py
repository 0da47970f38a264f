#!/usr/bin/python3
"""Trains small XGBoost models and writes them as ONNX, with XGBoost's own predictions and
pred_contribs, into test/fixtures/xgboost/. The tests then need no Python.

Needs Debian's python3-xgboost and python3-onnx (apt-get install -y python3-xgboost python3-onnx).
Debian has no ONNX converter for XGBoost (onnxmltools), so the graphs are written here from
XGBoost's own JSON model with onnx.helper, in the two layouts the converters produce:

- TreeEnsembleClassifier, binary, every leaf weight on class 0, post_transform LOGISTIC, one base
  value (the onnxmltools XGBoost layout; LightGBM's converter writes the same shape), with
  nodes_hitrates = XGBoost's per-node hessian sums (its covers);
- TreeEnsembleRegressor, one target, post_transform NONE: the raw margin, without covers (the
  importer then computes them from a background sample).

Two boosters: one unconstrained on data whose risk is U-shaped in x1 (claiming monotonicity in x1
must be refused), one trained with monotone_constraints.

Run from the repository root: /usr/bin/python3 scripts/makeXgboostFixtures.py
"""
import json
import math
import os

import numpy as np
import onnx
import xgboost as xgb
from onnx import TensorProto, helper

OUT = os.path.join('test', 'fixtures', 'xgboost')
N_FEATURES = 5
BASE_SCORE = 0.3


def make_data(rng, n):
    x = rng.normal(size=(n, N_FEATURES)).astype(np.float32)
    # Missing values in two columns, so learned missing directions matter.
    x[rng.random(n) < 0.1, 3] = np.nan
    x[rng.random(n) < 0.05, 0] = np.nan
    x0 = np.nan_to_num(x[:, 0])
    x3 = np.nan_to_num(x[:, 3])
    logit = -1.0 + 0.9 * x0 + 0.8 * (x[:, 1] ** 2 - 1) - 0.7 * x[:, 2] + 0.4 * x3 + 0.1 * x[:, 4]
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(np.float32)
    return x, y


def train(x, y, monotone):
    params = {
        'objective': 'binary:logistic', 'max_depth': 3, 'eta': 0.3, 'base_score': BASE_SCORE,
        'tree_method': 'hist', 'seed': 7, 'nthread': 1,
    }
    if monotone is not None:
        params['monotone_constraints'] = '(' + ','.join(str(m) for m in monotone) + ')'
    return xgb.train(params, xgb.DMatrix(x, label=y, missing=np.nan), num_boost_round=25)


def trees_of(booster):
    model = json.loads(booster.save_raw('json').decode())
    return model, model['learner']['gradient_booster']['model']['trees']


def node_lists(trees, with_hitrates, covers=None):
    """The v3 attribute lists; XGBoost goes left when x < split_condition (or missing with default_left)."""
    a = {k: [] for k in ['treeids', 'nodeids', 'featureids', 'modes', 'values', 'true', 'false', 'missing', 'hitrates']}
    leaves = {'treeids': [], 'nodeids': [], 'weights': []}
    for t, tree in enumerate(trees):
        left, right = tree['left_children'], tree['right_children']
        for i in range(len(left)):
            leaf = left[i] == -1
            a['treeids'].append(t)
            a['nodeids'].append(i)
            a['featureids'].append(0 if leaf else tree['split_indices'][i])
            a['modes'].append('LEAF' if leaf else 'BRANCH_LT')
            a['values'].append(0.0 if leaf else tree['split_conditions'][i])
            a['true'].append(0 if leaf else left[i])
            a['false'].append(0 if leaf else right[i])
            a['missing'].append(0 if leaf else int(tree['default_left'][i]))
            a['hitrates'].append(float(covers[t][i] if covers is not None else tree['sum_hessian'][i]))
            if leaf:
                leaves['treeids'].append(t)
                leaves['nodeids'].append(i)
                leaves['weights'].append(tree['split_conditions'][i])
    return a, leaves


def write_model(path, trees, layout):
    a, leaves = node_lists(trees, layout == 'classifier')
    base_margin = math.log(BASE_SCORE / (1 - BASE_SCORE))
    common = dict(
        nodes_treeids=a['treeids'], nodes_nodeids=a['nodeids'], nodes_featureids=a['featureids'],
        nodes_modes=a['modes'], nodes_values=a['values'], nodes_truenodeids=a['true'],
        nodes_falsenodeids=a['false'], nodes_missing_value_tracks_true=a['missing'],
        base_values=[base_margin],
    )
    x = helper.make_tensor_value_info('input', TensorProto.FLOAT, [None, N_FEATURES])
    if layout == 'classifier':
        node = helper.make_node(
            'TreeEnsembleClassifier', ['input'], ['label', 'probabilities'], domain='ai.onnx.ml',
            class_treeids=leaves['treeids'], class_nodeids=leaves['nodeids'],
            class_ids=[0] * len(leaves['weights']), class_weights=leaves['weights'],
            classlabels_int64s=[0, 1], post_transform='LOGISTIC', nodes_hitrates=a['hitrates'], **common)
        outputs = [helper.make_tensor_value_info('label', TensorProto.INT64, [None]),
                   helper.make_tensor_value_info('probabilities', TensorProto.FLOAT, [None, 2])]
    else:
        node = helper.make_node(
            'TreeEnsembleRegressor', ['input'], ['margin'], domain='ai.onnx.ml', n_targets=1,
            target_treeids=leaves['treeids'], target_nodeids=leaves['nodeids'],
            target_ids=[0] * len(leaves['weights']), target_weights=leaves['weights'],
            post_transform='NONE', aggregate_function='SUM', **common)
        outputs = [helper.make_tensor_value_info('margin', TensorProto.FLOAT, [None, 1])]
    graph = helper.make_graph([node], 'xgboost', [x], outputs)
    model = helper.make_model(graph, producer_name='makeXgboostFixtures.py',
                              opset_imports=[helper.make_opsetid('', 15), helper.make_opsetid('ai.onnx.ml', 3)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, path)


def route_counts(trees, x):
    """Background rows reaching each node, routed as XGBoost routes them (float32, x < cond)."""
    out = []
    for tree in trees:
        counts = [0] * len(tree['left_children'])
        for row in x:
            i = 0
            while True:
                counts[i] += 1
                if tree['left_children'][i] == -1:
                    break
                v = row[tree['split_indices'][i]]
                if np.isnan(v):
                    go_left = bool(tree['default_left'][i])
                else:
                    go_left = np.float32(v) < np.float32(tree['split_conditions'][i])
                i = tree['left_children'][i] if go_left else tree['right_children'][i]
        out.append(counts)
    return out


def contribs_with_covers(model_json, covers, x):
    """pred_contribs of the same booster with its covers replaced (XGBoost's TreeSHAP reads sum_hessian)."""
    m = json.loads(json.dumps(model_json))
    for tree, c in zip(m['learner']['gradient_booster']['model']['trees'], covers):
        tree['sum_hessian'] = [float(v) for v in c]
    b = xgb.Booster()
    b.load_model(bytearray(json.dumps(m).encode()))
    return b.predict(xgb.DMatrix(x, missing=np.nan), pred_contribs=True)


def write_csv(path, x):
    with open(path, 'w') as f:
        f.write(','.join(f'x{j}' for j in range(N_FEATURES)) + '\n')
        for row in x:
            f.write(','.join('' if np.isnan(v) else repr(float(v)) for v in row) + '\n')


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20261128)
    x, y = make_data(rng, 3000)
    x_test, _ = make_data(rng, 200)
    write_csv(os.path.join(OUT, 'rows.csv'), x_test)
    boosters = {name: train(x, y, monotone) for name, monotone in [('free', None), ('monotone', [1, 0, -1, 0, 0])]}
    # XGBoost's TreeSHAP divides by covers, so the background must reach every node: the smallest
    # prefix of the training rows that does.
    size = 500
    while any(c == 0 for b in boosters.values() for t in route_counts(trees_of(b)[1], x[:size]) for c in t):
        size += 250
    background = x[:size]
    write_csv(os.path.join(OUT, 'background.csv'), background)
    expected = {'xgboostVersion': xgb.__version__, 'baseScore': BASE_SCORE}
    for name, monotone in [('free', None), ('monotone', [1, 0, -1, 0, 0])]:
        booster = boosters[name]
        model_json, trees = trees_of(booster)
        write_model(os.path.join(OUT, f'{name}_classifier.onnx'), trees, 'classifier')
        write_model(os.path.join(OUT, f'{name}_regressor.onnx'), trees, 'regressor')
        d = xgb.DMatrix(x_test, missing=np.nan)
        covers = route_counts(trees, background)
        expected[name] = {
            'monotone': monotone,
            'probability': [float(v) for v in booster.predict(d)],
            'margin': [float(v) for v in booster.predict(d, output_margin=True)],
            'contribs': [[float(v) for v in r] for r in booster.predict(d, pred_contribs=True)],
            'contribsBackgroundCovers': [[float(v) for v in r] for r in contribs_with_covers(model_json, covers, x_test)],
        }
    with open(os.path.join(OUT, 'expected.json'), 'w') as f:
        json.dump(expected, f)
        f.write('\n')


if __name__ == '__main__':
    main()
