/**
 * 5-fold cross-validated AUC of creditlift's trainer on a credit CSV, and the exact encoded fold
 * matrices for cvXgboost.py, so both trainers see identical inputs and folds.
 *
 * Usage: npx tsx bench/trainer/cvCreditlift.ts DATA.csv OUT_DIR [--target Status --positive bad --exclude Marital --monotone Income:-1]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { evaluateEnsembleBatch } from '../../src/model/evaluateEnsemble.js';
import { parseCsv } from '../../src/train/dataset/parseCsv.js';
import { fitTabularEncoding } from '../../src/train/dataset/tabularEncoding.js';
import { auc } from '../../src/train/gbdt/metrics.js';
import { createPrng, permutation } from '../../src/train/gbdt/prng.js';
import { parseMonotone } from '../../src/train/commands/parseMonotone.js';
import { trainGbdt } from '../../src/train/gbdt/trainGbdt.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    target: { type: 'string', default: 'Status' },
    positive: { type: 'string', default: 'bad' },
    exclude: { type: 'string', default: 'Marital' },
    folds: { type: 'string', default: '5' },
    seed: { type: 'string', default: '2024' },
    monotone: { type: 'string', default: '' },
  },
});
const [dataPath, outDir] = positionals;
if (dataPath === undefined || outDir === undefined) throw new Error('usage: cvCreditlift.ts DATA.csv OUT_DIR');
mkdirSync(outDir, { recursive: true });
const table = parseCsv(readFileSync(dataPath, 'utf8'));
const nFolds = Number(values.folds);
const exclude = values.exclude === '' ? [] : values.exclude.split(',');

// Stratified folds: positives and negatives are dealt round-robin after one seeded shuffle.
const full = fitTabularEncoding(table, { target: values.target, positive: values.positive, exclude });
const fold = new Uint8Array(full.nRows);
const dealt = [0, 0];
for (const i of permutation(full.nRows, createPrng(Number(values.seed)))) {
  const y = full.labels[i]!;
  fold[i] = dealt[y]!++ % nFolds;
}

const monotone = parseMonotone(
  values.monotone,
  full.encodings.map((e) => e.name),
);
const params = { rounds: 300, learningRate: 0.05, maxDepth: 4, minChildWeight: 1, lambda: 1, maxBins: 256, seed: 1, monotone };
const aucs: number[] = [];
let seconds = 0;
for (let k = 0; k < nFolds; k++) {
  const trainRows = Uint32Array.from([...fold.keys()].filter((i) => fold[i] !== k));
  const testRows = Uint32Array.from([...fold.keys()].filter((i) => fold[i] === k));
  // Category codes are ordered by event rate on the training folds only, as in production.
  const enc = fitTabularEncoding(table, { target: values.target, positive: values.positive, exclude, fitRows: trainRows });
  const p = enc.nFeatures;
  const take = (rows: Uint32Array) => {
    const features = new Float32Array(rows.length * p);
    rows.forEach((r, t) => features.set(enc.features.subarray(r * p, (r + 1) * p), t * p));
    return { features, labels: Uint8Array.from(rows, (r) => enc.labels[r]!), nRows: rows.length, nFeatures: p };
  };
  const train = take(trainRows);
  const test = take(testRows);
  const t0 = performance.now();
  const model = trainGbdt(train, params);
  seconds += (performance.now() - t0) / 1000;
  const { probabilities } = evaluateEnsembleBatch(model.ensemble, test.features, test.nRows);
  aucs.push(auc(test.labels, probabilities));
  for (const [name, part] of [
    ['train', train],
    ['test', test],
  ] as const) {
    const lines = [['label', ...enc.encodings.map((e) => e.name)].join(',')];
    for (let i = 0; i < part.nRows; i++) {
      const row = Array.from(part.features.subarray(i * p, (i + 1) * p), (x) => (Number.isNaN(x) ? '' : String(x)));
      lines.push([String(part.labels[i]), ...row].join(','));
    }
    writeFileSync(join(outDir, `fold${k}.${name}.csv`), `${lines.join('\n')}\n`);
  }
}
const mean = aucs.reduce((s, a) => s + a, 0) / aucs.length;
const result = {
  trainer: 'creditlift',
  params: { ...params, monotone: monotone.join(',') },
  folds: aucs.map((a) => Number(a.toFixed(4))),
  meanAuc: Number(mean.toFixed(4)),
  trainSeconds: Number(seconds.toFixed(2)),
};
writeFileSync(join(outDir, 'creditlift.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result));
