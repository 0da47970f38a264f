import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { Decision } from '../../src/decision/decision.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { loadModel } from '../../src/model/loadModel.js';
import { createScorerPool, type ScorerPool } from '../../src/parallel/createScorerPool.js';
import { parseCsv } from '../../src/train/dataset/parseCsv.js';
import { featurizeBook } from '../../src/train/featurize/featurizeBook.js';
import { bundledFeaturesModule } from '../helpers/bundledFeaturesModule.js';
import { misbehavingBook, misbehavingFeatures, misbehavingFeaturesModule, trainMisbehavingModel } from '../helpers/misbehavingFeatures.js';

/**
 * A lender feature that misbehaves (a category it never declared, ±Infinity or a number past
 * float32, a throw, a value that changes from call to call) is refused with a ValidationError naming
 * `features.<name>` on every path: decide, safeDecide, a batch (that record's own error, the others
 * decided), the pool, and featurize (every applicant line listed). A category the feature declares
 * but the model never saw is scored as missing, and the decision says so.
 */

const { applicants: book } = misbehavingBook(40, 3);
const outcomes = parseCsv(`id,defaulted\n${book.map((a, i) => `${a.id},${i % 2}`).join('\n')}\n`);
const withMode = (i: number, mode: string) => ({ ...(book[i] as object), attributes: { score: 500, mode } }) as never;
const behaving = (i: number) => ({ ...(book[i] as object), attributes: { score: 500 } }) as never;
const farmerIndex = book.findIndex((a) => a.employment.type === 'farmer');
const nonFarmerIndex = book.findIndex((a) => a.employment.type === 'salaried');

/** Each misbehaviour, the feature it is on and the issue code it is refused with. */
const CASES = [
  { mode: 'badcat', feature: 'lender_band', code: 'invalid_value' },
  { mode: 'inf', feature: 'lender_num', code: 'not_finite' },
  { mode: 'ninf', feature: 'lender_num', code: 'not_finite' },
  { mode: 'big', feature: 'lender_num', code: 'out_of_range' },
  { mode: 'throw', feature: 'lender_num', code: 'feature_failed' },
  { mode: 'random', feature: 'lender_num', code: 'nondeterministic_feature' },
] as const;

function issuesOf(e: unknown): { path: string; code: string }[] {
  expect(e).toBeInstanceOf(ValidationError);
  return (e as ValidationError).issues.map((i) => ({ path: i.path.join('.'), code: i.code }));
}

let model: Uint8Array;
let scorer: Scorer<never>;
beforeAll(async () => {
  model = trainMisbehavingModel();
  scorer = await createScorer({ model, features: misbehavingFeatures, suggestionsPerDecision: 1 });
});
afterAll(async () => scorer?.close());

describe('a misbehaving lender feature is refused, naming the feature', () => {
  for (const { mode, feature, code } of CASES) {
    it(`${mode}: decide and safeDecide refuse it (${code} at features.${feature})`, async () => {
      let error: unknown;
      try {
        await scorer.decide(withMode(0, mode));
      } catch (e) {
        error = e;
      }
      expect(issuesOf(error)).toEqual([{ path: `features.${feature}`, code }]);
      const safe = await scorer.safeDecide(withMode(0, mode));
      expect(safe.ok).toBe(false);
      if (!safe.ok) expect(issuesOf(safe.error)).toEqual([{ path: `features.${feature}`, code }]);
    });
  }

  it('in a batch each misbehaving record is its own error naming the feature; the others are decided as alone', async () => {
    const batch = [behaving(1), ...CASES.map((c, k) => withMode(k + 2, c.mode)), behaving(9)];
    const results = await scorer.safeDecideBatch(batch);
    expect(results.map((r) => r.ok)).toEqual([true, ...CASES.map(() => false), true]);
    CASES.forEach((c, k) => {
      const r = results[k + 1];
      if (r?.ok !== false) throw new Error('expected an error');
      expect(r.error.code).toBe('validation_failed');
      expect(r.error.issues?.map((i) => [i.path.join('.'), i.code])).toEqual([[`features.${c.feature}`, c.code]]);
    });
    const alone = await scorer.decide(behaving(9));
    const last = results.at(-1);
    expect(last?.ok ? last.decision : undefined).toEqual(alone);
  });

  it('featurize lists every misbehaving applicant by line beside every other problem, instead of stopping at the first throw', () => {
    const applicants = book.map((_, i) => (i % 10 === 3 ? withMode(i, CASES[(i - 3) / 10]?.mode ?? 'throw') : behaving(i)));
    let error: unknown;
    try {
      featurizeBook(applicants, outcomes, { idColumn: 'id', target: 'defaulted', features: misbehavingFeatures });
    } catch (e) {
      error = e;
    }
    expect(issuesOf(error)).toEqual([
      { path: 'applicants.4.features.lender_band', code: 'invalid_value' },
      { path: 'applicants.14.features.lender_num', code: 'not_finite' },
      { path: 'applicants.24.features.lender_num', code: 'not_finite' },
      { path: 'applicants.34.features.lender_num', code: 'out_of_range' },
    ]);
    const throwing = book.map((_, i) => (i % 10 === 3 ? withMode(i, 'throw') : i === 5 ? withMode(i, 'random') : behaving(i)));
    try {
      featurizeBook(throwing, outcomes, { idColumn: 'id', target: 'defaulted', features: misbehavingFeatures });
      error = undefined;
    } catch (e) {
      error = e;
    }
    expect(issuesOf(error)).toEqual([
      { path: 'applicants.4.features.lender_num', code: 'feature_failed' },
      { path: 'applicants.6.features.lender_num', code: 'nondeterministic_feature' },
      { path: 'applicants.14.features.lender_num', code: 'feature_failed' },
      { path: 'applicants.24.features.lender_num', code: 'feature_failed' },
      { path: 'applicants.34.features.lender_num', code: 'feature_failed' },
    ]);
    expect((error as ValidationError).issues[0]?.message).toContain('bureau service down');
  });

  it("a throwing feature's error names the feature and what it threw", async () => {
    const safe = await scorer.safeDecide(withMode(0, 'throw'));
    if (safe.ok) throw new Error('expected an error');
    expect(safe.error.message).toContain('features.lender_num');
    expect((safe.error as ValidationError).issues[0]?.message).toContain('Error: bureau service down');
  });
});

describe('a category the model never saw', () => {
  it('is scored as missing and the decision says so (unseenCategories); a category the model knows says nothing', async () => {
    expect(farmerIndex).toBeGreaterThanOrEqual(0);
    const farmer = await scorer.decide(behaving(farmerIndex));
    // The book had no farmers, so no farming industry either: both are named, in column order.
    expect(farmer.unseenCategories).toEqual([
      { feature: 'employment_type', category: 'farmer' },
      { feature: 'industry', category: 'agriculture' },
    ]);
    // Its contribution is that of a missing value, and the decision parses (and so can be reassessed).
    expect(Decision.parse(farmer)).toEqual(farmer);
    const other = await scorer.decide(behaving(nonFarmerIndex));
    expect(other).not.toHaveProperty('unseenCategories');
    // A batch says it as decide does.
    const results = await scorer.safeDecideBatch([behaving(nonFarmerIndex), behaving(farmerIndex)]);
    expect(results.map((r) => (r.ok ? (r.decision.unseenCategories ?? []).length : -1))).toEqual([0, 2]);
  });

  it('the scorer lists them when it is built, before any applicant takes one (scorer.model.unseenCategories)', async () => {
    const listed = scorer.model.unseenCategories;
    expect(listed).toEqual(
      expect.arrayContaining([
        { feature: 'employment_type', category: 'farmer' },
        { feature: 'industry', category: 'agriculture' },
      ]),
    );
    // Each is a category the model does not code, and every one it does not code is listed.
    const loaded = await loadModel(model);
    try {
      const coded = new Map(loaded.manifest.features.map((f) => [f.name, new Set(f.categories ?? [])]));
      for (const u of listed) expect(coded.get(u.feature)?.has(u.category)).toBe(false);
      const declared = misbehavingFeatures.definitions.filter((d) => d.kind === 'categorical' && coded.has(d.name));
      const missing = declared.flatMap((d) =>
        (d.categories ?? []).filter((c) => !coded.get(d.name)?.has(c)).map((category) => ({ feature: d.name, category })),
      );
      expect([...listed].sort((a, b) => `${a.feature} ${a.category}`.localeCompare(`${b.feature} ${b.category}`))).toEqual(
        missing.sort((a, b) => `${a.feature} ${a.category}`.localeCompare(`${b.feature} ${b.category}`)),
      );
    } finally {
      await loaded.close();
    }
  });

  it('a follow-up of such a decision carries the note (it is the same model reading)', async () => {
    const farmer = await scorer.decide({ ...(behaving(farmerIndex) as object), controls: { humanReview: true } } as never);
    expect(farmer.unseenCategories?.length).toBe(2);
    const reviewed = scorer.recordReview(farmer, { outcome: 'approve', limit: farmer.review?.proposed.limit ?? 0, reviewerRole: 'credit_officer' } as never);
    expect(reviewed.unseenCategories).toEqual(farmer.unseenCategories);
  });

  it("featurize on the model's manifest writes them as missing, as the scorer feeds them, and warns naming each", async () => {
    const loaded = await loadModel(model);
    try {
      const featurized = featurizeBook(
        book.map((_, i) => behaving(i)),
        outcomes,
        { idColumn: 'id', target: 'defaulted', features: misbehavingFeatures, manifest: loaded.manifest },
      );
      const farmers = book.filter((a) => a.employment.type === 'farmer').length;
      const j = featurized.featureNames.indexOf('employment_type');
      expect(featurized.matrix[farmerIndex * featurized.featureNames.length + j]).toBeNaN();
      expect(featurized.warnings).toEqual([
        `categories the model never saw are written as missing, as the scorer feeds them to it: employment_type "farmer" (${farmers} applicant(s)), industry "agriculture" (${
          book.filter((a) => a.employment.industry === 'agriculture').length
        } applicant(s))`,
      ]);
    } finally {
      await loaded.close();
    }
  });

  it('the default model codes every built-in category: no example decision carries the note', async () => {
    const builtIn = await createScorer({ suggestionsPerDecision: 0 });
    try {
      expect(builtIn.model.unseenCategories).toEqual([]);
      for (const r of await builtIn.decideBatch(exampleApplicants.map((e) => e.applicant))) {
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.decision).not.toHaveProperty('unseenCategories');
      }
    } finally {
      await builtIn.close();
    }
  });
});

describe('in a pool, whose workers import the feature module', () => {
  let dir: string;
  let pool: ScorerPool;
  beforeAll(async () => {
    const scratch = join(process.cwd(), 'node_modules', '.cache');
    mkdirSync(scratch, { recursive: true });
    dir = mkdtempSync(join(scratch, 'pool-misbehaving-'));
    // Bundled to JavaScript: the worker starts plain node, not the source tree through tsx (about
    // 2.5 CPU-s against 1); loading TypeScript in workers is typeScriptLoaderHint.test.ts's.
    const featuresModule = await bundledFeaturesModule(dir, 'features', misbehavingFeaturesModule());
    writeFileSync(join(dir, 'model.onnx'), model);
    pool = await createScorerPool({
      workers: 1,
      featuresModule,
      scorer: { model: join(dir, 'model.onnx'), suggestionsPerDecision: 1 },
    });
  });
  afterAll(async () => {
    await pool?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives every misbehaving record the in-process error and the farmer the same note', async () => {
    const batch = [behaving(1), ...CASES.filter((c) => c.mode !== 'random').map((c, k) => withMode(k + 2, c.mode)), behaving(farmerIndex)];
    const [pooled, local] = await Promise.all([pool.safeDecideBatch(batch), scorer.safeDecideBatch(batch)]);
    expect(JSON.stringify(pooled)).toBe(JSON.stringify(local));
    expect(local.map((r) => r.ok)).toEqual([true, false, false, false, false, false, true]);
  });
});
