/**
 * TreeSHAP benchmark: CPU time per row of explaining rows one by one, as createTreeExplainer().shap
 * does, for the default per-tree strategy ('auto': leaf pattern tables where they fit the memory
 * guard, quadrature sweeps elsewhere) against quadrature sweeps on every tree (the algorithm before
 * the tables). The two are timed in alternating runs of the same process, so load from other jobs
 * on a shared machine hits both alike; the speed-up quoted is the median of the per-run ratios.
 *
 *   npx tsx bench/treeshap/run.ts                 # random trees of depth 4-6, and the default model
 *   npx tsx bench/treeshap/run.ts --xgboost       # also train XGBoost (python3-xgboost), check
 *                                                 # agreement with pred_contribs, compare speed
 * Options: --trees N (300), --depth D (6, XGBoost max_depth), --python PATH (/usr/bin/python3),
 * --runs N (7), --max-table-entries N and --table-height H (compileTreeShap's table options; default
 * as shipped).
 *
 * Python is optional and only used here; the package and its tests never need it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTreeExplainer } from '../../src/explain/createTreeExplainer.js';
import { compileTreeShap, type CompileTreeShapOptions, type CompiledTreeShap } from '../../src/explain/treeShap/compileTreeShap.js';
import { createTreeShapScratch, treeShapRow } from '../../src/explain/treeShap/treeShapRow.js';
import { decodeTreeEnsembleModel } from '../../src/model/onnx/decodeTreeEnsemble.js';
import { ensembleMargin } from '../../src/model/evaluateEnsemble.js';
import type { TreeEnsemble } from '../../src/model/treeEnsemble.js';
import { randomEnsemble, randomRows, rowsAroundThresholds } from './randomEnsemble.js';
import { xgboostJsonToEnsemble } from './xgboostJsonToEnsemble.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? (args[i + 1] as string) : fallback;
};
const nTrees = Number(option('--trees', '300'));
const depth = Number(option('--depth', '6'));
const python = option('--python', '/usr/bin/python3');
const RUNS = Number(option('--runs', '7'));
const maxTableEntries = args.includes('--max-table-entries') ? Number(option('--max-table-entries', '0')) : undefined;
const tableHeight = args.includes('--table-height') ? Number(option('--table-height', '0')) : undefined;
const autoOptions: CompileTreeShapOptions = {
  ...(maxTableEntries === undefined ? {} : { maxTableEntriesPerTree: maxTableEntries }),
  ...(tableHeight === undefined ? {} : { tableHeight }),
};

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** What createTreeExplainer().shap does per row, for a compiled model of either strategy. */
function rowExplainer(compiled: CompiledTreeShap): (rows: Float32Array, r: number, out: Float64Array) => void {
  const scratch = createTreeShapScratch(compiled);
  const nF = compiled.nFeatures;
  const x = new Float64Array(nF);
  return (rows, r, out) => {
    for (let j = 0; j < nF; j++) x[j] = Math.fround(rows[r * nF + j] as number);
    treeShapRow(compiled, scratch, x, out, 0);
  };
}

interface Timing { median: number; all: number[] }

/** Alternating runs of both strategies; CPU microseconds per row, and the per-run speed-ups. */
function timeStrategies(model: TreeEnsemble, rows: Float32Array, nRows: number): { auto: Timing; quadrature: Timing; ratio: Timing; tables: string } {
  const t0 = process.cpuUsage();
  const auto = compileTreeShap(model, autoOptions);
  const compileAuto = process.cpuUsage(t0);
  const t1 = process.cpuUsage();
  const quadrature = compileTreeShap(model, { strategy: 'quadrature' });
  const compileQuad = process.cpuUsage(t1);
  const out = new Float64Array(model.nFeatures + 1);
  const pass = (explain: ReturnType<typeof rowExplainer>) => {
    const start = process.cpuUsage();
    for (let r = 0; r < nRows; r++) explain(rows, r, out);
    const used = process.cpuUsage(start);
    return (used.user + used.system) / nRows;
  };
  const a = rowExplainer(auto);
  const q = rowExplainer(quadrature);
  pass(a); // warm-up: JIT
  pass(q);
  const ta: number[] = [];
  const tq: number[] = [];
  const ratios: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const x = pass(q);
    const y = pass(a);
    tq.push(x);
    ta.push(y);
    ratios.push(x / y);
  }
  const heights = new Map<number, number>();
  for (const t of auto.trees) if (t.nInternal > 0) heights.set(t.tableHeight, (heights.get(t.tableHeight) ?? 0) + 1);
  const onTable = [...heights].filter(([h]) => h >= 0).reduce((a, [, c]) => a + c, 0);
  const cuts = [...heights].sort(([a], [b]) => a - b).map(([h, c]) => `${c} at ${h < 0 ? 'quadrature' : `height ${h}`}`).join(', ');
  const entries = auto.tables.values.length;
  const ms = (u: NodeJS.CpuUsage) => ((u.user + u.system) / 1000).toFixed(0);
  const tables = `${onTable}/${auto.trees.length} trees on tables (${cuts}), ${((entries * 8) / 2 ** 20).toFixed(2)} MiB of tables; compile ${ms(compileAuto)} ms (quadrature only: ${ms(compileQuad)} ms)`;
  return { auto: { median: median(ta), all: ta }, quadrature: { median: median(tq), all: tq }, ratio: { median: median(ratios), all: ratios }, tables };
}

function report(label: string, t: ReturnType<typeof timeStrategies>): void {
  const runs = (x: Timing, digits = 0) => x.all.map((v) => v.toFixed(digits)).join(' ');
  console.log(`${label}`);
  console.log(`  ${t.tables}`);
  console.log(`  quadrature on every tree (before): median ${t.quadrature.median.toFixed(1)} us/row (runs: ${runs(t.quadrature)})`);
  console.log(`  auto, tables where they fit (now): median ${t.auto.median.toFixed(1)} us/row (runs: ${runs(t.auto)})`);
  console.log(`  speed-up, median of per-run ratios: ${t.ratio.median.toFixed(2)}x (runs: ${runs(t.ratio, 2)})`);
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
  report(`random ensemble (${describeModel(model)}, depth 4-6):`, timeStrategies(model, randomRows(nRows, 30, 99), nRows));
}

{
  const path = join(dirname(fileURLToPath(import.meta.url)), '../../models/default/model.onnx');
  if (existsSync(path)) {
    const model = decodeTreeEnsembleModel(readFileSync(path)).ensemble;
    const nRows = 1000;
    report(`default model models/default/model.onnx (${describeModel(model)}), rows around its thresholds:`, timeStrategies(model, rowsAroundThresholds(model, nRows, 5), nRows));
  }
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
  const quadrature = compileTreeShap(model, { strategy: 'quadrature' });
  const quadratureRow = rowExplainer(quadrature);
  const viaQuadrature = new Float64Array(nF + 1);
  let maxStrategyDiff = 0;
  let maxDiff = 0;
  let maxMargin = 0;
  let maxSum = 0;
  const x = new Float64Array(nF);
  for (let r = 0; r < nRows; r++) {
    for (let j = 0; j < nF; j++) x[j] = rows[r * nF + j] as number;
    const phi = explainer.shap(x);
    quadratureRow(rows, r, viaQuadrature);
    let s = 0;
    for (let j = 0; j <= nF; j++) {
      maxStrategyDiff = Math.max(maxStrategyDiff, Math.abs((phi[j] as number) - (viaQuadrature[j] as number)));
      maxDiff = Math.max(maxDiff, Math.abs((phi[j] as number) - (theirs[r * (nF + 1) + j] as number)));
      s += phi[j] as number;
    }
    const m = ensembleMargin(model, x);
    maxSum = Math.max(maxSum, Math.abs(s - m));
    maxMargin = Math.max(maxMargin, Math.abs(m - (margins[r] as number)));
  }
  console.log(`XGBoost ${info.xgboost} model (${describeModel(model)}, max_depth ${depth}):`);
  console.log(`  agreement: max |ours - pred_contribs| = ${maxDiff.toExponential(2)} (XGBoost accumulates in float32), max |our margin - XGBoost margin| = ${maxMargin.toExponential(2)}, max |sum - margin| = ${maxSum.toExponential(2)}, max |tables - quadrature| = ${maxStrategyDiff.toExponential(2)}`);
  const t = timeStrategies(model, rows, nRows);
  const xgb = info.predContribsMicrosPerRow;
  report('  timing:', t);
  console.log(`  XGBoost pred_contribs, nthread=1: median ${xgb.median.toFixed(1)} us/row (runs: ${xgb.all.map((v) => v.toFixed(0)).join(' ')})`);
  console.log(`  vs XGBoost: before ${(xgb.median / t.quadrature.median).toFixed(1)}x, now ${(xgb.median / t.auto.median).toFixed(1)}x`);
}
