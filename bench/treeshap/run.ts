/**
 * TreeSHAP benchmark: per-row time of createTreeExplainer().shap (median of several runs) on a
 * realistic ensemble, and optionally the same trees through XGBoost's C++ pred_contribs.
 *
 *   npx tsx bench/treeshap/run.ts                 # 300 random trees of depth 4-6
 *   npx tsx bench/treeshap/run.ts --xgboost       # also train XGBoost (python3-xgboost), check
 *                                                 # agreement with pred_contribs, compare speed
 * Options: --trees N (300), --depth D (6, XGBoost max_depth), --python PATH (/usr/bin/python3).
 *
 * Python is optional and only used here; the package and its tests never need it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTreeExplainer } from '../../src/explain/createTreeExplainer.js';
import { ensembleMargin } from '../../src/model/evaluateEnsemble.js';
import type { TreeEnsemble } from '../../src/model/treeEnsemble.js';
import { randomEnsemble, randomRows } from './randomEnsemble.js';
import { xgboostJsonToEnsemble } from './xgboostJsonToEnsemble.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? (args[i + 1] as string) : fallback;
};
const nTrees = Number(option('--trees', '300'));
const depth = Number(option('--depth', '6'));
const python = option('--python', '/usr/bin/python3');
const RUNS = 7;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** Median over RUNS of the CPU microseconds per row to explain every row of `rows`. */
function timeShap(model: TreeEnsemble, rows: Float32Array, nRows: number): { median: number; all: number[] } {
  const explainer = createTreeExplainer(model);
  const nF = model.nFeatures;
  const out = new Float64Array(nF + 1);
  const row = new Float64Array(nF);
  const one = () => {
    for (let r = 0; r < nRows; r++) {
      for (let j = 0; j < nF; j++) row[j] = rows[r * nF + j] as number;
      explainer.shap(row, out);
    }
  };
  one(); // warm-up: JIT
  const all: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const start = process.cpuUsage();
    one();
    const used = process.cpuUsage(start);
    all.push((used.user + used.system) / nRows);
  }
  return { median: median(all), all };
}

function describeModel(model: TreeEnsemble): string {
  let nodes = 0;
  for (const t of model.trees) nodes += t.feature.length;
  return `${model.trees.length} trees, ${(nodes / model.trees.length).toFixed(1)} nodes/tree, ${model.nFeatures} features`;
}

const machine = `${cpus()[0]?.model ?? 'unknown CPU'} x${cpus().length}, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
console.log(`machine: ${machine}`);

{
  const model = randomEnsemble({ nTrees, nFeatures: 30, minDepth: 4, maxDepth: 6, nRows: 20_000, minLeaf: 20, seed: 7 });
  const nRows = 1000;
  const rows = randomRows(nRows, 30, 99);
  const t = timeShap(model, rows, nRows);
  console.log(`random ensemble (${describeModel(model)}, depth 4-6): shap median ${t.median.toFixed(1)} us/row (runs: ${t.all.map((v) => v.toFixed(0)).join(' ')})`);
}

if (args.includes('--xgboost')) {
  const dir = mkdtempSync(join(tmpdir(), 'creditlift-xgb-'));
  const script = join(dirname(fileURLToPath(import.meta.url)), 'xgbTrain.py');
  const run = spawnSync(python, [script, dir, String(nTrees), String(depth)], { encoding: 'utf8' });
  if (run.status !== 0) {
    console.log(`XGBoost comparison skipped: ${python} ${script} failed (install python3-xgboost).\n${run.stderr}`);
    process.exit(0);
  }
  const info = JSON.parse(readFileSync(join(dir, 'xgb.json'), 'utf8')) as { xgboost: string; nRows: number; nFeatures: number; predContribsMicrosPerRow: { median: number; all: number[] } };
  const model = xgboostJsonToEnsemble(JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')));
  const f32 = (name: string) => {
    const b = readFileSync(join(dir, name));
    return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
  };
  const f64 = (name: string) => {
    const b = readFileSync(join(dir, name));
    return new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8);
  };
  const rows = f32('rows.f32');
  const theirs = f64('contribs.f64');
  const margins = f64('margins.f64');
  const nF = info.nFeatures;
  const nRows = info.nRows;
  const explainer = createTreeExplainer(model);
  let maxDiff = 0;
  let maxMargin = 0;
  let maxSum = 0;
  const x = new Float64Array(nF);
  for (let r = 0; r < nRows; r++) {
    for (let j = 0; j < nF; j++) x[j] = rows[r * nF + j] as number;
    const phi = explainer.shap(x);
    let s = 0;
    for (let j = 0; j <= nF; j++) {
      maxDiff = Math.max(maxDiff, Math.abs((phi[j] as number) - (theirs[r * (nF + 1) + j] as number)));
      s += phi[j] as number;
    }
    const m = ensembleMargin(model, x);
    maxSum = Math.max(maxSum, Math.abs(s - m));
    maxMargin = Math.max(maxMargin, Math.abs(m - (margins[r] as number)));
  }
  console.log(`XGBoost ${info.xgboost} model (${describeModel(model)}, max_depth ${depth}):`);
  console.log(`  agreement: max |ours - pred_contribs| = ${maxDiff.toExponential(2)} (XGBoost accumulates in float32), max |our margin - XGBoost margin| = ${maxMargin.toExponential(2)}, max |sum - margin| = ${maxSum.toExponential(2)}`);
  const ours = timeShap(model, rows, nRows);
  const xgb = info.predContribsMicrosPerRow;
  console.log(`  XGBoost pred_contribs, nthread=1: median ${xgb.median.toFixed(1)} us/row (runs: ${xgb.all.map((v) => v.toFixed(0)).join(' ')})`);
  console.log(`  creditlift shap:                  median ${ours.median.toFixed(1)} us/row (runs: ${ours.all.map((v) => v.toFixed(0)).join(' ')})`);
  console.log(`  speed-up: ${(xgb.median / ours.median).toFixed(1)}x`);
}
