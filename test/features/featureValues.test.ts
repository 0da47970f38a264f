import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import { createFeatureEncoder, defaultFeatureColumns } from '../../src/features/featureEncoder.js';
import { builtInFeatures, defineFeatureSet } from '../../src/features/featureSet.js';
import { parseFeatureApplicant } from '../../src/features/parseFeatureApplicant.js';
import { parseCsv } from '../../src/train/dataset/parseCsv.js';
import { featurizeBook } from '../../src/train/featurize/featurizeBook.js';
import { bureauScoreAttributes, bureauScoreBook, bureauScoreFeature, bureauScoreFeatures, trainBureauScoreModel } from '../helpers/lenderBureauScore.js';

/** A lender feature set whose two own features return whatever the test hands them. */
function echoing(values: { a: unknown; b: unknown }) {
  const own = (name: 'a' | 'b', kind: 'numeric' | 'categorical') => ({
    name: `own_${name}`,
    description: 'd',
    unit: 'u',
    sources: [],
    monotone: 0 as const,
    factor: 'profile' as const,
    kind,
    ...(kind === 'categorical' ? { categories: ['x', 'y'] } : {}),
    dataCategory: 'lender_internal',
    reasons: { raisesRisk: { en: 'r', zhHans: '风险' }, lowersRisk: { en: 'l', zhHans: '良好' } },
    compute: () => values[name] as number,
  });
  return defineFeatureSet({ features: [...builtInFeatures, own('a', 'numeric'), own('b', 'categorical')] });
}

const { applicants } = bureauScoreBook(6, 1);
const anApplicant = parseFeatureApplicant(applicants[0], bureauScoreFeatures);

const anyValue = fc.oneof(
  fc.double(),
  fc.constant(null),
  fc.constant(undefined),
  fc.string(),
  fc.constantFrom('x', 'y'),
  fc.boolean(),
  fc.bigInt(),
  fc.object({ maxDepth: 1 }),
  fc.array(fc.integer(), { maxLength: 2 }),
);

describe("a lender feature's computed value", () => {
  it('law: a float32-finite number is written as is, null, undefined or NaN is missing (NaN), a declared category is its code; anything else is a ValidationError naming every bad feature, with the code of what is wrong', () => {
    const F32_MAX = 3.4028234663852886e38;
    const aIssue = (a: unknown): string | null => {
      if (a === null || a === undefined) return null;
      if (typeof a !== 'number') return 'invalid_type';
      if (a === Number.POSITIVE_INFINITY || a === Number.NEGATIVE_INFINITY) return 'not_finite';
      return Number.isFinite(Math.fround(a)) || Number.isNaN(a) ? null : 'out_of_range';
    };
    const bIssue = (b: unknown): string | null => {
      if (b === null || b === undefined || Number.isNaN(b)) return null;
      if (typeof b !== 'string') return 'invalid_type';
      return b === 'x' || b === 'y' ? null : 'invalid_value';
    };
    const numbers = fc.oneof(fc.double(), fc.constantFrom(F32_MAX, -F32_MAX, 3.4028235677973366e38, 1e39, -1e300, Number.MAX_VALUE));
    fc.assert(
      fc.property(fc.oneof(anyValue, numbers), anyValue, (a, b) => {
        const features = echoing({ a, b });
        const encoder = createFeatureEncoder(defaultFeatureColumns(features), features);
        const row = new Float32Array(encoder.width);
        const ja = encoder.names.indexOf('own_a');
        const jb = encoder.names.indexOf('own_b');
        const [aBad, bBad] = [aIssue(a), bIssue(b)];
        let error: unknown;
        try {
          encoder.encode({ applicant: anApplicant, evidence: [] }, row);
        } catch (e) {
          error = e;
        }
        if (aBad === null && bBad === null) {
          expect(error).toBeUndefined();
          expect(row[ja]).toBe(typeof a === 'number' ? Math.fround(a) : Number.NaN);
          expect(Number.isFinite(row[ja]) || Number.isNaN(row[ja])).toBe(true);
          expect(row[jb]).toBe(b === 'x' ? 0 : b === 'y' ? 1 : Number.NaN);
          return;
        }
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).issues.map((i) => [i.path.join('.'), i.code])).toEqual([
          ...(aBad ? [['features.own_a', aBad]] : []),
          ...(bBad ? [['features.own_b', bBad]] : []),
        ]);
      }),
      { numRuns: 400, seed: 20261130 },
    );
  });

  it('featurizeBook writes a null as a missing cell and NaN, and names every record whose feature is not a number', () => {
    const { applicants: book } = bureauScoreBook(5, 2);
    const withScore = (i: number, score: unknown) => ({ ...(book[i] as object), attributes: { bureau_score: score } });
    const outcomes = parseCsv(`id,defaulted\n${book.map((a) => `${a.id},0`).join('\n')}\n`);
    const options = { idColumn: 'id', target: 'defaulted', features: bureauScoreFeatures };

    const ok = featurizeBook([withScore(0, null), withScore(1, 700)], outcomes, options);
    const j = ok.featureNames.indexOf('bureau_score');
    expect(ok.matrix[j]).toBeNaN();
    expect(ok.matrix[ok.featureNames.length + j]).toBe(700);
    const cells = ok.csv
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[j]);
    expect(cells).toEqual(['', '700']);

    let error: unknown;
    try {
      featurizeBook([withScore(0, '650'), withScore(1, 700), withScore(2, 'n/a'), withScore(3, null)], outcomes, options);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual(['applicants.1.features.bureau_score', 'applicants.3.features.bureau_score']);
  });

  describe('in a scorer batch', () => {
    let scorer: Scorer<never>;
    beforeAll(async () => {
      scorer = await createScorer({ model: trainBureauScoreModel(), features: bureauScoreFeatures, suggestionsPerDecision: 0 });
    });
    afterAll(async () => scorer?.close());

    it("a record whose feature is not a number is that record's own error, naming the feature; null scores as missing", async () => {
      const { applicants: book } = bureauScoreBook(4, 3);
      const withScore = (i: number, score: unknown) => ({ ...(book[i] as object), attributes: { bureau_score: score } });
      const withoutScore = { ...(book[2] as object), attributes: {} };
      const results = await scorer.safeDecideBatch([withScore(0, 640), withScore(1, '640'), withScore(2, null), withoutScore, withScore(3, 'n/a')]);
      expect(results.map((r) => r.ok)).toEqual([true, false, true, true, false]);
      for (const k of [1, 4]) {
        const r = results[k]!;
        if (r.ok) throw new Error('expected an error');
        expect(r.error.code).toBe('validation_failed');
        expect(r.error.message).toContain('features.bureau_score');
      }
      // null and an absent attribute are the same missing value to the model.
      const [nullPd, absentPd] = [results[2], results[3]].map((r) => (r?.ok ? r.decision.pd : Number.NaN));
      expect(nullPd).toBe(absentPd);
      await expect(scorer.decide(withScore(1, '640') as never)).rejects.toThrow(ValidationError);
    });

    it("a bad value in any row a decision needs (here a certificate taken away) is that record's error alone, not its chunk's", async () => {
      const graduate = { ...exampleFor('new_graduate').applicant, id: 'row-without-certificate-is-bad' };
      const accepted = (await scorer.decide({ ...graduate, attributes: { bureau_score: 640 } } as never)).evidence.filter(
        (e) => e.status === 'accepted',
      ).length;
      expect(accepted).toBeGreaterThan(0);
      // The same column, read from the evidence for one applicant: text in a row with a certificate
      // taken away (what the decision's certificate impacts need), a number in its main row.
      const fromEvidence = defineFeatureSet({
        attributes: bureauScoreAttributes,
        features: [
          ...builtInFeatures,
          {
            ...bureauScoreFeature,
            compute: (ctx: { applicant: { id: string }; evidence: readonly { status: string }[] }) =>
              ctx.applicant.id === graduate.id && ctx.evidence.filter((e) => e.status === 'accepted').length < accepted ? 'no certificate' : 640,
          },
        ],
      } as never);
      const evidenceScorer = await createScorer({ model: trainBureauScoreModel(), features: fromEvidence, suggestionsPerDecision: 0 });
      try {
        const others = bureauScoreBook(3, 3).applicants;
        const results = await evidenceScorer.safeDecideBatch([others[0], graduate, others[1], others[2]]);
        expect(results.map((r) => r.ok)).toEqual([true, false, true, true]);
        const bad = results[1];
        if (bad?.ok !== false) throw new Error('expected an error');
        expect(bad.error.message).toContain('features.bureau_score');
      } finally {
        await evidenceScorer.close();
      }
    });
  });
});
