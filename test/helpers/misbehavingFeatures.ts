import { z } from 'zod';
import { builtInFeatures, defineFeatureSet } from '../../src/features/featureSet.js';
import type { Applicant } from '../../src/schema/applicant.js';
import { trainFromCsv } from '../../src/train/commands/trainCommand.js';
import { parseCsv } from '../../src/train/dataset/parseCsv.js';
import { featurizeBook } from '../../src/train/featurize/featurizeBook.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';

const reasons = {
  raisesRisk: { en: 'Low score with us', zhHans: '本机构评分较低' },
  lowersRisk: { en: 'Good score with us', zhHans: '本机构评分良好' },
};
type Ctx = { readonly applicant: { readonly attributes: { readonly score: number; readonly mode?: string | undefined } } };

/**
 * A lender feature set whose two own features misbehave on request: the applicant's
 * `attributes.mode` says how (`throw`, `inf`, `ninf`, `big`, `random` for the numeric `lender_num`;
 * `badcat` makes the categorical `lender_band` return a category it never declared).
 */
export const misbehavingFeatures = defineFeatureSet({
  attributes: { score: z.number().int().min(0).max(1000), mode: z.string().optional() },
  features: [
    ...builtInFeatures,
    {
      name: 'lender_num',
      description: 'Our own score',
      unit: 'points',
      sources: ['attributes.score', 'attributes.mode'],
      monotone: 0,
      factor: 'platform_behaviour',
      kind: 'numeric',
      dataCategory: 'lender_internal',
      reasons,
      compute: (ctx: Ctx) => {
        const { score, mode } = ctx.applicant.attributes;
        switch (mode) {
          case 'throw':
            throw new Error('bureau service down');
          case 'inf':
            return Number.POSITIVE_INFINITY;
          case 'ninf':
            return Number.NEGATIVE_INFINITY;
          case 'big':
            return 1e39;
          case 'random':
            return Math.floor(Math.random() * 1e9);
          default:
            return score;
        }
      },
    },
    {
      name: 'lender_band',
      description: 'Our own band',
      unit: 'band',
      sources: ['attributes.score', 'attributes.mode'],
      monotone: 0,
      factor: 'platform_behaviour',
      kind: 'categorical',
      categories: ['low', 'mid', 'high'],
      dataCategory: 'lender_internal',
      reasons,
      compute: (ctx: Ctx) => {
        const { score, mode } = ctx.applicant.attributes;
        if (mode === 'badcat') return 'hgih';
        return score < 333 ? 'low' : score < 666 ? 'mid' : 'high';
      },
    },
  ],
});

/** The text of a module whose default export is {@link misbehavingFeatures}, for a pool's workers to import. */
export function misbehavingFeaturesModule(): string {
  return `export { misbehavingFeatures as default } from '${new URL('./misbehavingFeatures.ts', import.meta.url).pathname}';\n`;
}

/** A generated book whose applicants carry `attributes.score` (and no `mode`: every feature behaves). */
export function misbehavingBook(size: number, seed: number): { applicants: Applicant[]; defaulted: Map<string, boolean> } {
  const population = generatePopulation({ size, seed, asOf: '2026-10-01' });
  return {
    applicants: population.map((r, i) => ({ ...r.applicant, attributes: { score: (i * 389) % 1001 } }) as unknown as Applicant),
    defaulted: new Map(population.map((r) => [r.applicant.id, r.defaulted12m])),
  };
}

/**
 * A small model trained on `featurize` output of such a book **without farmers**: it reads
 * `lender_num` and `lender_band`, and its manifest does not code the `farmer` employment type.
 */
export function trainMisbehavingModel(): Uint8Array {
  const { applicants, defaulted } = misbehavingBook(1200, 11);
  const book = applicants.filter((a) => a.employment.type !== 'farmer');
  const outcomes = parseCsv(`id,defaulted\n${book.map((a) => `${a.id},${defaulted.get(a.id) ? 1 : 0}`).join('\n')}\n`);
  const featurized = featurizeBook(book, outcomes, { idColumn: 'id', target: 'defaulted', features: misbehavingFeatures });
  const monotone = featurized.trainArgs[featurized.trainArgs.indexOf('--monotone') + 1] as string;
  return trainFromCsv(featurized.csv, { target: 'defaulted', positive: '1', monotone, params: { rounds: 10, learningRate: 0.3 } }).onnx;
}
