/**
 * Rebuilds models/default from scratch: `npm run train`. The output is byte-for-byte reproducible
 * (the same settings give the same ONNX file, manifest and card); test/trainDefaultModel.test.ts
 * proves determinism on a small fixture, and CI checks the shipped manifest matches the file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256Hex } from '../src/hashing/sha256Hex.js';
import { renderModelCard } from '../src/train/defaultModel/renderModelCard.js';
import { trainDefaultModel } from '../src/train/defaultModel/trainDefaultModel.js';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'models', 'default');
const started = performance.now();
const build = trainDefaultModel();
const sha = sha256Hex(build.onnx);
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'model.onnx'), build.onnx);
writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(build.manifest, null, 2)}\n`);
writeFileSync(join(outDir, 'MODEL_CARD.md'), renderModelCard(build, sha));
// A feature of the synthetic population without signal would ship as an input the model never reads.
for (const w of build.trained.warnings) process.stderr.write(`warning (${w.code}): ${w.message}\n`);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
process.stdout.write(
  `models/default rebuilt in ${seconds}s: ${build.trained.bestIteration} trees, holdout AUC ${build.holdout.auc.toFixed(4)}, ` +
    `KS ${build.holdout.ks.toFixed(4)}, Brier ${build.holdout.brier.toFixed(5)}, sha256 ${sha}\n`,
);
