/**
 * Times trainGbdt on 100k synthetic rows x 25 features, 300 rounds, depth 4, lr 0.05.
 * Run: npx tsx bench/trainer/trainSpeed.ts [rows] [features] [rounds]
 */
import { performance } from 'node:perf_hooks';
import { trainGbdt } from '../../src/train/gbdt/trainGbdt.js';
import { createPrng } from '../../src/train/gbdt/prng.js';

const nRows = Number(process.argv[2] ?? 100_000);
const nFeatures = Number(process.argv[3] ?? 25);
const rounds = Number(process.argv[4] ?? 300);
const prng = createPrng(42);
const features = new Float32Array(nRows * nFeatures);
const labels = new Uint8Array(nRows);
for (let i = 0; i < nRows; i++) {
  let z = -1;
  for (let j = 0; j < nFeatures; j++) {
    const missing = j % 5 === 4 && prng.next() < 0.1;
    const x = prng.next() * 2 - 1;
    features[i * nFeatures + j] = missing ? Number.NaN : x;
    if (!missing) z += (j % 3 === 0 ? 1 : -0.5) * x * (j < 8 ? 1 : 0.2) + (j === 1 ? x * x : 0);
  }
  labels[i] = prng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
}
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const model = trainGbdt({ features, nRows, nFeatures, labels }, { rounds, learningRate: 0.05, maxDepth: 4, seed: 1 });
const seconds = (performance.now() - t0) / 1000;
// CPU time as well: on a shared 2-core machine wall time mostly measures the neighbours.
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const last = model.log[model.log.length - 1]!;
console.log(
  JSON.stringify({
    nRows,
    nFeatures,
    rounds,
    seconds: Number(seconds.toFixed(2)),
    cpuSeconds: Number(cpuSeconds.toFixed(2)),
    trees: model.ensemble.trees.length,
    trainLogLoss: last.trainLogLoss,
  }),
);
