/**
 * The default model's monitor baseline as `models/default/monitorBaseline.json` holds it, computed
 * from the code as it stands: the training population regenerated from the seed, size and date in
 * the model's manifest, its holdout (the last holdoutFraction of rows, as the trainer splits it) as
 * the reference sample, and the PD bins the model card's own (ONNX metadata `creditlift.baseline`).
 * A test holds the shipped file to it: a change to how evidence is assessed or features computed
 * moves the holdout's distributions, and a stale baseline would show that change as drift.
 */
import { readFileSync } from 'node:fs';
import { defaultModelPath } from '../src/model/defaultModelPath.js';
import { loadModel } from '../src/model/loadModel.js';
import { decodeOnnxModel } from '../src/model/onnx/decodeOnnxModel.js';
import { buildMonitorBaseline, type CardScoreBaseline } from '../src/monitor/buildMonitorBaseline.js';
import { iteratePopulation } from '../src/train/synthetic/generatePopulation.js';
import type { Applicant } from '../src/schema/applicant.js';

/** The file's text (numbers to 8 significant digits) and what it counts. */
export async function defaultMonitorBaselineJson(): Promise<{
  readonly text: string;
  readonly count: number;
  readonly features: number;
  readonly factors: number;
}> {
  const path = defaultModelPath();
  const bytes = new Uint8Array(readFileSync(path));
  const card = decodeOnnxModel(bytes).metadataProps.find((p) => p.key === 'creditlift.baseline');
  if (card === undefined) throw new Error('the default model carries no creditlift.baseline');
  const cardScoreBaseline = JSON.parse(card.value) as CardScoreBaseline;
  const model = await loadModel(bytes);
  try {
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
    const round = (x: number) => Number(x.toPrecision(8));
    const json = JSON.stringify(baseline, (_k, v: unknown) => (typeof v === 'number' ? round(v) : v), 2);
    return { text: `${json}\n`, count: baseline.count, features: baseline.features.length, factors: baseline.factors.length };
  } finally {
    await model.close();
  }
}
