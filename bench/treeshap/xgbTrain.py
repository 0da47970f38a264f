"""Optional comparison only (never needed by the package or tests).

Trains an XGBoost model on random data, saves it as JSON for our converter, saves the rows and
XGBoost's own pred_contribs, and times pred_contribs single-threaded (median of several runs,
CPU time).

Usage: /usr/bin/python3 bench/treeshap/xgbTrain.py OUT_DIR [n_trees] [max_depth]
"""
import json
import os
import platform
import sys
import time

import numpy as np
import xgboost as xgb

out_dir = sys.argv[1]
n_trees = int(sys.argv[2]) if len(sys.argv) > 2 else 300
max_depth = int(sys.argv[3]) if len(sys.argv) > 3 else 6
os.makedirs(out_dir, exist_ok=True)

rng = np.random.default_rng(7)
n_train, n_features, n_explain = 20000, 30, 2000
X = rng.normal(size=(n_train, n_features)).astype(np.float32)
X[rng.random(X.shape) < 0.05] = np.nan
logit = X[:, 0] - 0.5 * np.nan_to_num(X[:, 1]) ** 2 + 0.8 * np.nan_to_num(X[:, 2] * X[:, 3]) + 0.3 * np.nan_to_num(X[:, 4])
y = (rng.random(n_train) < 1 / (1 + np.exp(-np.nan_to_num(logit)))).astype(np.float32)

params = {"objective": "binary:logistic", "max_depth": max_depth, "eta": 0.05, "nthread": 1, "tree_method": "hist", "base_score": 0.3}
booster = xgb.train(params, xgb.DMatrix(X, label=y, missing=np.nan), num_boost_round=n_trees)
booster.save_model(os.path.join(out_dir, "model.json"))

Xe = rng.normal(size=(n_explain, n_features)).astype(np.float32)
Xe[rng.random(Xe.shape) < 0.05] = np.nan
Xe.tofile(os.path.join(out_dir, "rows.f32"))
dm = xgb.DMatrix(Xe, missing=np.nan)
booster.set_param({"nthread": 1})
contribs = booster.predict(dm, pred_contribs=True)
margins = booster.predict(dm, output_margin=True)
contribs.astype(np.float64).tofile(os.path.join(out_dir, "contribs.f64"))
margins.astype(np.float64).tofile(os.path.join(out_dir, "margins.f64"))

times = []
for _ in range(7):
    # CPU time of this process, as the TypeScript side measures, so load from other processes
    # on a shared machine inflates neither figure.
    t0 = time.process_time()
    booster.predict(dm, pred_contribs=True)
    times.append((time.process_time() - t0) / n_explain * 1e6)
times.sort()
info = {
    "xgboost": xgb.__version__,
    "nTrees": n_trees,
    "maxDepth": max_depth,
    "nFeatures": n_features,
    "nRows": n_explain,
    "predContribsMicrosPerRow": {"median": times[len(times) // 2], "all": times},
    "machine": platform.processor() or platform.machine(),
}
with open(os.path.join(out_dir, "xgb.json"), "w") as f:
    json.dump(info, f, indent=2)
print(json.dumps(info))
