"""5-fold CV AUC of XGBoost on the fold matrices written by cvCreditlift.ts.

Optional comparison tool only: nothing in the package or its tests needs Python.
Usage: /usr/bin/python3 bench/trainer/cvXgboost.py OUT_DIR [N_FOLDS]
Needs: apt-get install -y python3-xgboost (1.7.x)
"""
import json
import sys
import time

import numpy as np
import xgboost as xgb


def auc(y, s):
    """Mann-Whitney AUC with ties counted one half."""
    order = np.argsort(s, kind="mergesort")
    s, y = s[order], y[order]
    ranks = np.empty(len(s))
    i = 0
    while i < len(s):
        j = i
        while j + 1 < len(s) and s[j + 1] == s[i]:
            j += 1
        ranks[i : j + 1] = (i + j) / 2 + 1
        i = j + 1
    pos = y == 1
    n_pos, n_neg = pos.sum(), (~pos).sum()
    return (ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def load(path):
    m = np.genfromtxt(path, delimiter=",", skip_header=1, filling_values=np.nan)
    return m[:, 1:].astype(np.float32), m[:, 0]


out_dir = sys.argv[1]
n_folds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
params = {
    "objective": "binary:logistic",
    "tree_method": "hist",
    "max_depth": 4,
    "eta": 0.05,
    "min_child_weight": 1,
    "lambda": 1,
    "max_bin": 256,
    "nthread": 1,
    "seed": 1,
}
# Same monotone directions as the creditlift run (feature order is the fold files' column order).
with open(f"{out_dir}/creditlift.json") as f:
    monotone = json.load(f)["params"].get("monotone", "")
if monotone and any(d != "0" for d in monotone.split(",")):
    params["monotone_constraints"] = "(" + monotone + ")"
aucs, seconds = [], 0.0
for k in range(n_folds):
    x_train, y_train = load(f"{out_dir}/fold{k}.train.csv")
    x_test, y_test = load(f"{out_dir}/fold{k}.test.csv")
    # Same starting margin as creditlift: log-odds of the training mean.
    p = {**params, "base_score": float(y_train.mean())}
    t0 = time.perf_counter()
    booster = xgb.train(p, xgb.DMatrix(x_train, label=y_train, missing=np.nan), num_boost_round=300)
    seconds += time.perf_counter() - t0
    aucs.append(auc(y_test, booster.predict(xgb.DMatrix(x_test, missing=np.nan))))
result = {
    "trainer": f"xgboost {xgb.__version__}",
    "params": params,
    "folds": [round(float(a), 4) for a in aucs],
    "meanAuc": round(float(np.mean(aucs)), 4),
    "trainSeconds": round(seconds, 2),
}
with open(f"{out_dir}/xgboost.json", "w") as f:
    json.dump(result, f, indent=2)
print(json.dumps(result))
