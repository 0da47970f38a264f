/**
 * Writes models/default/monitorBaseline.json, the baseline `creditlift monitor` compares against
 * by default: `npx tsx scripts/buildMonitorBaseline.ts`. Deterministic: the training population
 * is regenerated from the seed, size and date in the model's manifest, its holdout (the last
 * holdoutFraction of rows, as the trainer splits it) is the reference sample, and the PD bins are
 * the model card's own (ONNX metadata `creditlift.baseline`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultModelPath } from '../src/model/defaultModelPath.js';
import { loadModel } from '../src/model/loadModel.js';
import { decodeOnnxModel } from '../src/model/onnx/decodeOnnxModel.js';
import { buildMonitorBaseline, type CardScoreBaseline } from '../src/monitor/buildMonitorBaseline.js';
import { iteratePopulation } from '../src/train/synthetic/generatePopulation.js';
import type { Applicant } from '../src/schema/applicant.js';

const path = defaultModelPath();
const bytes = new Uint8Array(readFileSync(path));
const card = decodeOnnxModel(bytes).metadataProps.find((p) => p.key === 'creditlift.baseline');
if (card === undefined) throw new Error('the default model carries no creditlift.baseline');
const cardScoreBaseline = JSON.parse(card.value) as CardScoreBaseline;
const model = await loadModel(bytes);
const p = model.manifest.params;
const size = Number(p.populationSize);
const seed = Number(p.populationSeed);
const asOf = String(p.populationAsOf);
const holdoutFrom = size - Math.floor(size * Number(p.holdoutFraction));
const holdout: Applicant[] = [];
let i = 0;
for (const row of iteratePopulation({ size, seed, asOf })) if (i++ >= holdoutFrom) holdout.push(row.applicant);
const baseline = await buildMonitorBaseline({
  model,
  applicants: holdout,
  cardScoreBaseline,
  source: `holdout rows ${holdoutFrom + 1}-${size} of the training population (seed ${seed}, asOf ${asOf})`,
});
await model.close();
const round = (x: number) => Number(x.toPrecision(8));
const json = JSON.stringify(baseline, (_k, v: unknown) => (typeof v === 'number' ? round(v) : v), 2);
writeFileSync(join(path, '..', 'monitorBaseline.json'), `${json}\n`);
process.stdout.write(`monitorBaseline.json: ${baseline.count} holdout applicants, ${baseline.features.length} features, ${baseline.factors.length} factors\n`);
