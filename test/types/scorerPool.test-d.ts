// Type-level tests of the pool's entry points: checked by `tsc -p tsconfig.json` in `npm test`.
// The pool is typed like the in-process scorer: typed records in `decideBatch`, unknown ones in `safeDecideBatch`.
import { describe, expectTypeOf, it } from 'vitest';
import type { ApplicantInput, BatchResult, BatchResultJson, Scorer, ScorerPool } from '../../src/index.js';

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
