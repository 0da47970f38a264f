// Type-level tests of the pool's entry points: checked by `tsc -p tsconfig.json` in `npm test`.
// The pool is typed like the in-process scorer: typed records in `decideBatch`, unknown ones in `safeDecideBatch`.
import { describe, expectTypeOf, it } from 'vitest';
import { createScorerPool } from '../../src/index.js';
import type { ApplicantInput, ApplicantInputWith, BatchResult, BatchResultJson, FeatureSet, Scorer, ScorerPool } from '../../src/index.js';

declare const pool: ScorerPool;
declare const applicant: ApplicantInput;

describe('ScorerPool entry points', () => {
  it('decideBatch and decideBatchJson take ApplicantInput records, as Scorer.decideBatch does', () => {
    expectTypeOf(pool.decideBatch).parameter(0).toEqualTypeOf<readonly ApplicantInput[]>();
    expectTypeOf(pool.decideBatch).parameter(0).toEqualTypeOf<Parameters<Scorer['decideBatch']>[0]>();
    expectTypeOf(pool.decideBatchJson).parameter(0).toEqualTypeOf<readonly ApplicantInput[]>();
    expectTypeOf(pool.decideBatch([applicant])).resolves.toEqualTypeOf<BatchResult[]>();
    expectTypeOf(pool.decideBatchJson([applicant])).resolves.toEqualTypeOf<BatchResultJson[]>();
  });

  it('a misspelled field or an unknown record is a compile error in decideBatch', () => {
    // @ts-expect-error: 'birthdate' is not a field (it is birthDate)
    void pool.decideBatch([{ ...applicant, birthdate: '2000-01-01' }]);
    // @ts-expect-error: records of unknown shape need safeDecideBatch
    void pool.decideBatch(JSON.parse('[]') as unknown[]);
    // @ts-expect-error: the same for the JSON variant
    void pool.decideBatchJson(JSON.parse('[]') as unknown[]);
  });

  it('safeDecideBatch and safeDecideBatchJson take records of unknown shape, as Scorer.safeDecideBatch does', () => {
    expectTypeOf(pool.safeDecideBatch).parameter(0).toEqualTypeOf<readonly unknown[]>();
    expectTypeOf(pool.safeDecideBatch).parameter(0).toEqualTypeOf<Parameters<Scorer['safeDecideBatch']>[0]>();
    expectTypeOf(pool.safeDecideBatchJson).parameter(0).toEqualTypeOf<readonly unknown[]>();
    expectTypeOf(pool.safeDecideBatch(JSON.parse('[]') as unknown[])).resolves.toEqualTypeOf<BatchResult[]>();
    expectTypeOf(pool.safeDecideBatchJson([null, 1, 'x'])).resolves.toEqualTypeOf<BatchResultJson[]>();
    const r = {} as BatchResultJson;
    expectTypeOf(r.index).toEqualTypeOf<number>();
  });
});

// A lender's own attributes: the pool used to have no type parameter, so `decideBatch` typed
// `attributes` as `{ [x: string]: never }` and refused (TS2719) the very record a scorer built on
// the same feature set decides, and a pool with `featuresModule` decides at run time.
type BranchAttributes = { branch_code: string };
declare const lenderFeatures: FeatureSet<BranchAttributes, BranchAttributes>;
declare const lenderScorer: Scorer<ApplicantInputWith<BranchAttributes>>;

describe('a ScorerPool over a lender feature set is typed like the scorer built on it', () => {
  it('createScorerPool<typeof features>({ featuresModule }) takes the records the scorer takes', async () => {
    const lenderPool = await createScorerPool<typeof lenderFeatures>({ workers: 1, featuresModule: './features.js' });
    expectTypeOf(lenderPool).toEqualTypeOf<ScorerPool<ApplicantInputWith<BranchAttributes>>>();
    expectTypeOf(lenderPool.decideBatch).parameter(0).toEqualTypeOf<Parameters<typeof lenderScorer.decideBatch>[0]>();
    expectTypeOf(lenderPool.decideBatchJson).parameter(0).toEqualTypeOf<Parameters<typeof lenderScorer.decideBatch>[0]>();
    const record = { ...applicant, attributes: { branch_code: 'SZ-01' } };
    void lenderScorer.decideBatch([record]);
    void lenderPool.decideBatch([record]);
    void lenderPool.decideBatchJson([record]);
    // @ts-expect-error: the lender's schema types the attribute (a string, not a number)
    void lenderPool.decideBatch([{ ...applicant, attributes: { branch_code: 1 } }]);
    // @ts-expect-error: a misspelled attribute is a compile error, as in the scorer
    void lenderPool.decideBatch([{ ...applicant, attributes: { branch_cod: 'SZ-01' } }]);
    // Records of unknown shape still go to the safe variants, untyped.
    expectTypeOf(lenderPool.safeDecideBatch).parameter(0).toEqualTypeOf<readonly unknown[]>();
  });

  it('a feature set type without its module is a compile error (the types would promise attributes no worker reads)', async () => {
    // @ts-expect-error: featuresModule is required with a feature set type
    void createScorerPool<typeof lenderFeatures>({ workers: 1 });
    // Without a type argument the pool takes the built-in ApplicantInput, as before.
    const plain = await createScorerPool({ workers: 1, featuresModule: './features.js' });
    expectTypeOf(plain).toEqualTypeOf<ScorerPool>();
    // @ts-expect-error: the built-in records carry no lender attributes
    void plain.decideBatch([{ ...applicant, attributes: { branch_code: 'SZ-01' } }]);
  });
});
