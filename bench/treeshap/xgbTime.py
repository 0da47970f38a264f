"""Optional comparison only: times XGBoost pred_contribs on rows already saved by xgbTrain.py.

run.ts calls it once per timing round, between its own passes, so XGBoost and creditlift are timed
in alternation and load from other jobs hits both alike. Prints the CPU microseconds per row,
median of PASSES passes (default 3) after an untimed warm-up pass.

Usage: /usr/bin/python3 bench/treeshap/xgbTime.py DIR [PASSES]   (DIR as written by xgbTrain.py)
"""
import json
import os
import sys
import time

import numpy as np
import xgboost as xgb

d = sys.argv[1]
passes = int(sys.argv[2]) if len(sys.argv) > 2 else 3
info = json.load(open(os.path.join(d, "xgb.json")))
booster = xgb.Booster(model_file=os.path.join(d, "model.json"))
booster.set_param({"nthread": 1})
rows = np.fromfile(os.path.join(d, "rows.f32"), dtype=np.float32).reshape(info["nRows"], info["nFeatures"])
dm = xgb.DMatrix(rows, missing=np.nan)
booster.predict(dm, pred_contribs=True)
times = []
for _ in range(passes):
    # CPU time of this process, as run.ts measures its own.
    t0 = time.process_time()
    booster.predict(dm, pred_contribs=True)
    times.append((time.process_time() - t0) / info["nRows"] * 1e6)
times.sort()
print(times[len(times) // 2])
