/**
 * TreeSHAP benchmark: CPU time per row of explaining 1000-2000 rows three ways: quadrature sweeps
 * on every tree (the algorithm before the pattern tables), the default per-tree strategy ('auto':
 * leaf pattern tables where they fit the memory guard, quadrature sweeps elsewhere) row by row as
 * createTreeExplainer().shap does, and the same tables in row blocks as shapBatch does. They are
 * timed in alternating passes of the same process, so load from other jobs on a shared machine
 * hits all alike; each speed-up quoted is the median of the per-pass ratios.
 *
 *   npx tsx bench/treeshap/run.ts                 # random trees of depth 4-6, and the default model
 *   npx tsx bench/treeshap/run.ts --xgboost       # also train XGBoost (python3-xgboost), check
 *                                                 # agreement with pred_contribs, compare speed
 * With --xgboost, every timing round also runs XGBoost's pred_contribs (nthread=1, same rows, same
 * trees) in a Python process between our passes (xgbTime.py: median of 3 passes after a warm-up),
 * so the ratios to XGBoost are per round, too.
 * Options: --trees N (300), --depth D (6, XGBoost max_depth), --python PATH (/usr/bin/python3),
 * --runs N (7), --max-table-entries N and --table-height H (compileTreeShap's table options; default
 * as shipped), --block-rows N (rows per block; default as shipped, see defaultShapBlockRows).
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
import { createTreeShapBlockScratch, treeShapBlock } from '../../src/explain/treeShap/treeShapBlock.js';
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
const blockRows = args.includes('--block-rows') ? Number(option('--block-rows', '0')) : undefined;
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

/** What createTreeExplainer().shapBatch does: the rows in blocks through one reused scratch. */
function batchExplainer(compiled: CompiledTreeShap): (rows: Float32Array, nRows: number, out: Float64Array) => void {
  const scratch = createTreeShapBlockScratch(compiled, ...(blockRows === undefined ? [] : [blockRows]));
  const width = compiled.nFeatures + 1;
  const B = scratch.blockRows;
  return (rows, nRows, out) => {
    for (let r = 0; r < nRows; r += B) treeShapBlock(compiled, scratch, rows, r, Math.min(B, nRows - r), out, r * width);
  };
}

interface Timing {
  median: number;
  all: number[];
}

const timing = (all: number[]): Timing => ({ median: median(all), all });

interface StrategyTimes {
  quadrature: Timing;
  auto: Timing;
  batch: Timing;
  /** Per pass: quadrature / auto, auto / batch, quadrature / batch. */
  tablesOverQuadrature: Timing;
  batchOverRows: Timing;
  batchOverQuadrature: Timing;
  /** Per round, when `between` is given: its figure, and its ratio to auto and to batch. */
  other?: { own: Timing; overAuto: Timing; overBatch: Timing };
  blockRows: number;
  tables: string;
}

/**
 * Alternating passes of the three ways, CPU microseconds per row, and the per-pass speed-ups.
 * `between`, when given, runs once per round (an outside figure in us/row, e.g. XGBoost's).
 */
function timeStrategies(model: TreeEnsemble, rows: Float32Array, nRows: number, between?: () => number): StrategyTimes {
  const t0 = process.cpuUsage();
  const auto = compileTreeShap(model, autoOptions);
  const compileAuto = process.cpuUsage(t0);
  const t1 = process.cpuUsage();
  const quadrature = compileTreeShap(model, { strategy: 'quadrature' });
  const compileQuad = process.cpuUsage(t1);
  const width = model.nFeatures + 1;
  const out = new Float64Array(width);
  const outBatch = new Float64Array(nRows * width);
  const cpu = (run: () => void) => {
    const start = process.cpuUsage();
    run();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / nRows;
  };
  const pass = (explain: ReturnType<typeof rowExplainer>) =>
    cpu(() => {
      for (let r = 0; r < nRows; r++) explain(rows, r, out);
    });
  const a = rowExplainer(auto);
  const q = rowExplainer(quadrature);
  const batch = batchExplainer(auto);
  const batchPass = () => cpu(() => batch(rows, nRows, outBatch));
  pass(a); // warm-up: JIT
  pass(q);
  batchPass();
  const tq: number[] = [];
  const ta: number[] = [];
  const tb: number[] = [];
  const to: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    if (between !== undefined) to.push(between());
    tq.push(pass(q));
    ta.push(pass(a));
    tb.push(batchPass());
  }
  const ratios = (num: number[], den: number[]) => timing(num.map((v, k) => v / (den[k] as number)));
  const heights = new Map<number, number>();
  for (const t of auto.trees) if (t.nInternal > 0) heights.set(t.tableHeight, (heights.get(t.tableHeight) ?? 0) + 1);
  const onTable = [...heights].filter(([h]) => h >= 0).reduce((a, [, c]) => a + c, 0);
  const cuts = [...heights]
    .sort(([a], [b]) => a - b)
    .map(([h, c]) => `${c} at ${h < 0 ? 'quadrature' : `height ${h}`}`)
    .join(', ');
  const entries = auto.tables.values.length;
  const ms = (u: NodeJS.CpuUsage) => ((u.user + u.system) / 1000).toFixed(0);
  const tables = `${onTable}/${auto.trees.length} trees on tables (${cuts}), ${((entries * 8) / 2 ** 20).toFixed(2)} MiB of tables; compile ${ms(compileAuto)} ms (quadrature only: ${ms(compileQuad)} ms)`;
  return {
    quadrature: timing(tq),
    auto: timing(ta),
    batch: timing(tb),
    tablesOverQuadrature: ratios(tq, ta),
    batchOverRows: ratios(ta, tb),
    batchOverQuadrature: ratios(tq, tb),
    ...(between === undefined ? {} : { other: { own: timing(to), overAuto: ratios(to, ta), overBatch: ratios(to, tb) } }),
    blockRows: blockRows ?? createTreeShapBlockScratch(auto).blockRows,
    tables,
  };
}

function report(label: string, t: StrategyTimes): void {
  const runs = (x: Timing, digits = 0) => x.all.map((v) => v.toFixed(digits)).join(' ');
  console.log(`${label}`);
  console.log(`  ${t.tables}`);
  console.log(`  quadrature on every tree, row by row (before the tables): median ${t.quadrature.median.toFixed(1)} us/row (runs: ${runs(t.quadrature)})`);
  console.log(`  auto, tables where they fit, row by row (shap): median ${t.auto.median.toFixed(1)} us/row (runs: ${runs(t.auto)})`);
  console.log(`  auto in blocks of ${t.blockRows} rows (shapBatch): median ${t.batch.median.toFixed(1)} us/row (runs: ${runs(t.batch, 1)})`);
  console.log(
    `  speed-ups, median of per-pass ratios: tables row by row vs quadrature ${t.tablesOverQuadrature.median.toFixed(2)}x (runs: ${runs(t.tablesOverQuadrature, 2)}); blocks vs row by row ${t.batchOverRows.median.toFixed(2)}x (runs: ${runs(t.batchOverRows, 2)}); blocks vs quadrature ${t.batchOverQuadrature.median.toFixed(2)}x`,
  );
}

function describeModel(model: TreeEnsemble): string {
  let nodes = 0;
  for (const t of model.trees) nodes += t.feature.length;
  return `${model.trees.length} trees, ${(nodes / model.trees.length).toFixed(1)} nodes/tree, ${model.nFeatures} features`;
}

const machine = `${cpus()[0]?.model ?? 'unknown CPU'} x${cpus().length}, Node ${process.version}, load average ${loadavg()
  .map((l) => l.toFixed(2))
  .join(' ')}`;
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
    report(
      `default model models/default/model.onnx (${describeModel(model)}), rows around its thresholds:`,
      timeStrategies(model, rowsAroundThresholds(model, nRows, 5), nRows),
    );
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
  const info = JSON.parse(readFileSync(join(dir, 'xgb.json'), 'utf8')) as {
    xgboost: string;
    nRows: number;
    nFeatures: number;
    predContribsMicrosPerRow: { median: number; all: number[] };
  };
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
  const viaBatch = explainer.shapBatch(rows, nRows);
  let batchBitsEqual = true;
  for (let r = 0; r < nRows; r++) {
    for (let j = 0; j < nF; j++) x[j] = rows[r * nF + j] as number;
    const phi = explainer.shap(x);
    for (let j = 0; j <= nF; j++) if (!Object.is(phi[j], viaBatch[r * (nF + 1) + j])) batchBitsEqual = false;
  }
  console.log(`XGBoost ${info.xgboost} model (${describeModel(model)}, max_depth ${depth}):`);
  console.log(
    `  agreement: max |ours - pred_contribs| = ${maxDiff.toExponential(2)} (XGBoost accumulates in float32), max |our margin - XGBoost margin| = ${maxMargin.toExponential(2)}, max |sum - margin| = ${maxSum.toExponential(2)}, max |tables - quadrature| = ${maxStrategyDiff.toExponential(2)}, shapBatch equals shap bit for bit on all ${nRows} rows: ${batchBitsEqual}`,
  );
  const xgbTime = join(dirname(fileURLToPath(import.meta.url)), 'xgbTime.py');
  const xgbPass = () => {
    const timed = spawnSync(python, [xgbTime, dir], { encoding: 'utf8' });
    if (timed.status !== 0) throw new Error(`${python} ${xgbTime} failed:\n${timed.stderr}`);
    return Number(timed.stdout.trim());
  };
  const t = timeStrategies(model, rows, nRows, xgbPass);
  const xgb = info.predContribsMicrosPerRow;
  const other = t.other as NonNullable<StrategyTimes['other']>;
  const runs = (v: Timing, digits = 1) => v.all.map((u) => u.toFixed(digits)).join(' ');
  report('  timing:', t);
  console.log(
    `  XGBoost pred_contribs, nthread=1, ${nRows}-row DMatrix, in the same rounds: median ${other.own.median.toFixed(1)} us/row (runs: ${runs(other.own, 0)}); in the training process before: median ${xgb.median.toFixed(1)} us/row`,
  );
  console.log(
    `  vs XGBoost, median of per-round ratios: quadrature ${(other.own.median / t.quadrature.median).toFixed(1)}x (medians), shap row by row ${other.overAuto.median.toFixed(1)}x (runs: ${runs(other.overAuto)}), shapBatch ${other.overBatch.median.toFixed(1)}x (runs: ${runs(other.overBatch)})`,
  );
}
