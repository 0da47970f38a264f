import { z } from 'zod';
import { builtInFeatures, defineFeatureSet } from '../../src/features/featureSet.js';
import type { Applicant } from '../../src/schema/applicant.js';
import { trainFromCsv } from '../../src/train/commands/trainCommand.js';
import { parseCsv } from '../../src/train/dataset/parseCsv.js';
import { featurizeBook } from '../../src/train/featurize/featurizeBook.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';

/**
 * A lender's feature set as a loosely typed JavaScript module can be: `bureau_score` is passed
 * straight from an attribute whose schema lets a string or null through, so the encoder (not the
 * schema) is what stands between a bad value and the model.
 */
/** The attribute as a loose module may declare it: a string or null gets through the schema. */
export const bureauScoreAttributes = { bureau_score: z.union([z.number(), z.string()]).nullable().optional() };

/** The `bureau_score` feature, passed straight from the attribute. */
export const bureauScoreFeature = {
  name: 'bureau_score',
  description: 'Bureau score the lender buys',
  unit: 'points 300-850',
  sources: ['attributes.bureau_score'],
  monotone: 0,
  factor: 'credit_history',
  kind: 'numeric',
  dataCategory: 'credit_bureau',
  reasons: {
    raisesRisk: { en: 'Low bureau score', zhHans: '征信评分较低' },
    lowersRisk: { en: 'Good bureau score', zhHans: '征信评分良好' },
  },
  compute: (ctx: { applicant: { attributes: { bureau_score?: unknown } } }) => ctx.applicant.attributes.bureau_score as number,
} as const;

export const bureauScoreFeatures = defineFeatureSet({ attributes: bureauScoreAttributes, features: [...builtInFeatures, bureauScoreFeature] });

/** A bureau score for the i-th applicant of a book (every seventh has none: null). */
export const bureauScoreOf = (i: number): number | null => (i % 7 === 3 ? null : 300 + ((i * 97) % 551));

/** A generated book whose applicants carry `attributes.bureau_score`, with the generator's outcomes. */
export function bureauScoreBook(size: number, seed: number): { applicants: Applicant[]; defaulted: Map<string, boolean> } {
  const population = generatePopulation({ size, seed, asOf: '2026-10-01' });
  return {
    applicants: population.map((r, i) => ({ ...r.applicant, attributes: { bureau_score: bureauScoreOf(i) } }) as unknown as Applicant),
    defaulted: new Map(population.map((r) => [r.applicant.id, r.defaulted12m])),
  };
}

/** A small model trained on `featurize` output of such a book: it reads `bureau_score` as a column. */
export function trainBureauScoreModel(): Uint8Array {
  const { applicants, defaulted } = bureauScoreBook(1500, 5);
  const outcomes = parseCsv(`id,defaulted\n${applicants.map((a) => `${a.id},${defaulted.get(a.id) ? 1 : 0}`).join('\n')}\n`);
  const book = featurizeBook(applicants, outcomes, { idColumn: 'id', target: 'defaulted', features: bureauScoreFeatures });
  const monotone = book.trainArgs[book.trainArgs.indexOf('--monotone') + 1] as string;
  return trainFromCsv(book.csv, { target: 'defaulted', positive: '1', monotone, params: { rounds: 15, learningRate: 0.3 } }).onnx;
}
