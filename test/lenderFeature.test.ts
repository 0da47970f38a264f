import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../src/decision/createScorer.js';
import { ValidationError } from '../src/errors/validationError.js';
import { builtInFeatures, defineFeatureSet } from '../src/features/featureSet.js';
import { FeatureMismatchError } from '../src/features/featureMismatchError.js';
import { loadModel } from '../src/model/loadModel.js';
import { trainFromCsv } from '../src/train/commands/trainCommand.js';
import { parseCsv } from '../src/train/dataset/parseCsv.js';
import { featurizeBook } from '../src/train/featurize/featurizeBook.js';
import { generatePopulation } from '../src/train/synthetic/generatePopulation.js';
import type { Applicant } from '../src/schema/applicant.js';
import { behaviourScoreFeatures, type BehaviourScoreApplicant } from './helpers/lenderBehaviourScore.js';

/** A lender's own attribute and feature: its internal behaviour score, higher is safer. */
const features = behaviourScoreFeatures;
type LenderApplicant = BehaviourScoreApplicant;

const rows = generatePopulation({ size: 2_000, seed: 99, asOf: '2026-10-01' });
// The score carries the latent risk (plus noise), so the model learns it as a strong signal.
const withScore = (a: Applicant, score: number): LenderApplicant => ({ ...a, attributes: { internal_behaviour_score: score } });
const scoreOf = (latent: number, i: number) => Math.max(0, Math.min(1000, Math.round(600 - 120 * latent + ((i * 7919) % 101) - 50)));
const applicants = rows.map((r, i) => withScore(r.applicant, scoreOf(r.latentLogOdds, i)));
const outcomes = parseCsv(['id,defaulted', ...rows.map((r) => `${r.applicant.id},${r.defaulted12m ? 1 : 0}`)].join('\n'));

let scorer: Scorer<LenderApplicant>;
let modelBytes: Uint8Array;
beforeAll(async () => {
  const book = featurizeBook(applicants, outcomes, { idColumn: 'id', target: 'defaulted', features });
  const monotone = book.trainArgs[book.trainArgs.indexOf('--monotone') + 1]!;
  expect(monotone).toContain('internal_behaviour_score:-1');
  const trained = trainFromCsv(book.csv, { target: 'defaulted', positive: '1', monotone, params: { rounds: 40, learningRate: 0.2 } });
  modelBytes = trained.onnx;
  scorer = await createScorer({ model: modelBytes, features, suggestionsPerDecision: 0 });
});
afterAll(() => scorer?.close());

describe('a lender feature flows through schema, features, model, TreeSHAP factors and reasons', () => {
  const base = rows.find((r) => r.applicant.bureau.hasFile === false)!.applicant;
  const asking = (score: number): LenderApplicant => withScore({ ...base, controls: { requestedLimit: 5_000_000 } }, score);

  it('the attribute is validated by the lender schema; undeclared keys are still refused', async () => {
    const missing = await scorer.decide({ ...base } as unknown as LenderApplicant).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ValidationError);
    expect((missing as ValidationError).issues.map((i) => i.path.join('.'))).toContain('attributes.internal_behaviour_score');
    const extra = await scorer
      .decide({ ...asking(500), attributes: { internal_behaviour_score: 500, shoe_size: 42 } } as unknown as LenderApplicant)
      .catch((e: unknown) => e);
    expect((extra as ValidationError).issues.map((i) => `${i.code} ${i.path.join('.')}`).join('\n')).toMatch(/unrecognized.*attributes|shoe_size/);
    const outOfRange = await scorer.decide(asking(5000)).catch((e: unknown) => e);
    expect((outOfRange as ValidationError).issues[0]?.path).toEqual(['attributes', 'internal_behaviour_score']);
    // @ts-expect-error the lender's schema makes decide's input carry a numeric score
    const typed = () => scorer.decide({ ...base, attributes: { internal_behaviour_score: 'high' } });
    expect(typed).toBeTypeOf('function');
  });

  it('reassess reads the attribute in its update by the lender schema, as decide does', async () => {
    const prior = await scorer.decide(asking(300));
    // The profile changed: a better behaviour score. Its attributes are the lender's, not unknown fields.
    const next = await scorer.reassess(prior, { applicant: asking(900), evidence: [] });
    expect(next.pd).toBeLessThan(prior.pd);
    const missing = await scorer.reassess(prior, { applicant: { ...base } as unknown as LenderApplicant, evidence: [] }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ValidationError);
    expect((missing as ValidationError).issues.map((i) => i.path.join('.'))).toEqual(['applicant.attributes.internal_behaviour_score']);
  });

  it('a scorer without the declaration refuses the attribute and the model', async () => {
    const plain = await createScorer({ suggestionsPerDecision: 0 });
    try {
      const e = await plain.decide(asking(500) as never).catch((x: unknown) => x);
      expect((e as ValidationError).issues.map((i) => `${i.code} ${i.path.join('.')}`).join('\n')).toMatch(/attributes/);
    } finally {
      await plain.close();
    }
    const refused = await createScorer({ model: modelBytes }).catch((x: unknown) => x);
    expect(refused).toBeInstanceOf(FeatureMismatchError);
    expect((refused as FeatureMismatchError).mismatches).toEqual([
      expect.objectContaining({ feature: 'internal_behaviour_score', code: 'undeclared_feature' }),
    ]);
  });

  it('the model reads it, monotone -1: a higher score never raises the PD', async () => {
    const model = await loadModel(modelBytes);
    expect(model.manifest.features.at(-1)).toMatchObject({ name: 'internal_behaviour_score', monotone: -1 });
    await model.close();
    let previous = Number.POSITIVE_INFINITY;
    for (let s = 0; s <= 1000; s += 50) {
      const d = await scorer.decide(asking(s));
      expect(d.pd).toBeLessThanOrEqual(previous);
      previous = d.pd;
    }
    const low = await scorer.decide(asking(50));
    const high = await scorer.decide(asking(950));
    expect(low.pd).toBeGreaterThan(high.pd);
  });

  it('TreeSHAP credits it in its factor, and a low score is a principal reason in its own words', async () => {
    const d = await scorer.decide(asking(20));
    const factor = d.contributions.factors.find((f) => f.factor === 'platform_behaviour')!;
    const mine = factor.features.find((f) => f.name === 'internal_behaviour_score')!;
    expect(mine.value).toBeGreaterThan(0);
    expect(factor.features[0]!.name).toBe('internal_behaviour_score');
    const reason = d.reasons.find((r) => r.code === 'model_platform_behaviour');
    expect(reason).toMatchObject({ en: 'Your behaviour score with us is low', zhHans: '您在本机构的行为评分较低' });
    const good = await scorer.decide(asking(990));
    const goodFactor = good.contributions.factors.find((f) => f.factor === 'platform_behaviour')!;
    expect(goodFactor.features.find((f) => f.name === 'internal_behaviour_score')!.value).toBeLessThan(0);
  });
});

describe('defineFeatureSet refuses incomplete declarations, naming each', () => {
  it('a lender feature without a data category or reasons, a duplicate name, a categorical without categories', () => {
    const bad = () =>
      defineFeatureSet({
        features: [
          ...builtInFeatures,
          { name: 'income_rmb', description: 'd', unit: 'u', sources: [], monotone: 0, factor: 'income', kind: 'numeric', compute: () => 1 },
          {
            name: 'segment_code',
            description: 'd',
            unit: 'u',
            sources: [],
            monotone: 0,
            factor: 'profile',
            kind: 'categorical',
            dataCategory: 'x',
            compute: () => 'a',
          },
        ],
      });
    expect(bad).toThrow(ValidationError);
    const issues = (() => {
      try {
        bad();
      } catch (e) {
        return (e as ValidationError).issues.map((i) => i.code);
      }
      return [];
    })();
    expect(issues).toEqual(expect.arrayContaining(['duplicate_feature', 'missing_data_category', 'missing_reasons', 'missing_categories']));
  });
});
