import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { createScorerPool, type ScorerPool } from '../../src/parallel/createScorerPool.js';
import { resolvePolicy } from '../../src/policy/resolvePolicy.js';
import { assertCreditLaws, creditLaws, CreditLawViolation, type CreditLawName, type LawPool } from '../../src/testing/index.js';

// findings12-lawkit #10: a lender scoring through createScorerPool could not run the laws on that
// path (the pool was refused as a subject). A pool is now checked beside the scorer built with its
// scorer options: the laws that decide batches get a 'pool' part. One worker and few runs keep
// npm test quick (a pool starts a process).
const OPTIONS = { suggestionsPerDecision: 0 } as const;
const RUNS = { numRuns: 5, scorerNumRuns: 4, seed: 7, shrink: false } as const;
/** The same for the pool part alone, which reads no numRuns (it is refused there). */
const { numRuns: _policyRuns, ...POOL_RUNS } = RUNS;

let scorer: Scorer;
let pool: ScorerPool;
beforeAll(async () => {
  [scorer, pool] = await Promise.all([createScorer(OPTIONS), createScorerPool({ workers: 1, scorer: OPTIONS })]);
});
afterAll(async () => {
  await Promise.all([scorer.close(), pool.close()]);
});

const refusal = async (run: () => Promise<unknown>) => {
  const e = await run().then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ValidationError);
  return (e as ValidationError).issues;
};

describe('the laws that decide batches check a scorer pool', () => {
  it("a sound pool passes, and the laws with a pool part say so in 'parts'", async () => {
    expect(creditLaws.limit_within_caps.parts).toEqual(['policy', 'scorer', 'pool']);
    expect(creditLaws.reassessment_within_bounds.parts).toEqual(['policy', 'scorer']);
    expect(creditLaws.results_below_useful_level_never_count.parts).toEqual(['scorer', 'pool']);
    let pooled = 0;
    let reassessed = 0;
    const counted: LawPool = {
      ...pool,
      decideBatch: (a, o) => {
        pooled += a.length;
        return pool.decideBatch(a, o);
      },
      safeReassessBatch: (items, o) => {
        reassessed += items.length;
        return pool.safeReassessBatch(items, o);
      },
    };
    for (const law of ['limit_within_caps', 'same_input_same_decision'] as const)
      await creditLaws[law].check({ scorer, pool: counted }, { ...POOL_RUNS, part: 'pool' });
    expect(pooled).toBeGreaterThan(0);
    // Each decided batch is reassessed on the pool too, as one batch.
    expect(reassessed).toBeGreaterThan(0);
  });

  it("law: each item of a pool's safeReassessBatch is scorer.reassess of it alone; a pool raising the second item of a batch a step is caught, naming it", async () => {
    const raised: LawPool = {
      ...pool,
      safeReassessBatch: async (items, o) =>
        (await pool.safeReassessBatch(items, o)).map((r, i) =>
          i > 0 && r.ok && r.decision.outcome === 'approve' ? { ...r, decision: { ...r.decision, limit: r.decision.limit + 10_000 } } : r,
        ),
    };
    const e = await creditLaws.limit_within_caps.check({ scorer, pool: raised }, { ...POOL_RUNS, scorerNumRuns: 10, part: 'pool' }).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(CreditLawViolation);
    const v = e as CreditLawViolation;
    expect(v.part).toBe('pool');
    expect(v.why).toMatch(/\(pool\.safeReassessBatch, item [2-9] of \d+\): differs from scorer\.reassess: limit \d+ \(scorer: \d+\)/);
  });

  it('a pool that raises every approval in a batch a step is caught, on the pool part, naming the difference', async () => {
    const raised: LawPool = {
      ...pool,
      decideBatch: async (a, o) =>
        (await pool.decideBatch(a, o)).map((r) =>
          r.ok && r.decision.outcome === 'approve' ? { ...r, decision: { ...r.decision, limit: r.decision.limit + 10_000 } } : r,
        ),
    };
    const e = await creditLaws.limit_within_caps.check({ scorer, pool: raised }, { ...RUNS, scorerNumRuns: 10 }).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(CreditLawViolation);
    const v = e as CreditLawViolation;
    expect(v.part).toBe('pool');
    expect(v.replay.part).toBe('pool');
    expect(v.why).toMatch(/pool batch, record \d+ of \d+\): pool\.decideBatch differs from the scorer's decision: limit \d+ \(scorer: \d+\)/);
  });

  it('a law with no batch to decide, a pool without a scorer, or one built with other options is refused by name', async () => {
    const noPart = await refusal(() => creditLaws.reassessment_within_bounds.check({ scorer, pool }, RUNS));
    expect(noPart).toEqual([expect.objectContaining({ path: ['subject', 'pool'], code: 'part_unavailable' })]);
    expect(noPart[0]?.message).toMatch(/^reassessment_within_bounds has no pool part/);
    const asPart = await refusal(() => creditLaws.suggestions_come_true.check({ scorer, pool }, { ...POOL_RUNS, part: 'pool' }));
    expect(asPart).toEqual([expect.objectContaining({ path: ['part'], code: 'part_unavailable' })]);
    const alone = await refusal(() => creditLaws.limit_within_caps.check({ pool } as never, RUNS));
    expect(alone).toEqual([expect.objectContaining({ path: ['subject', 'scorer'], code: 'missing_subject' })]);
    const noPool = await refusal(() => creditLaws.limit_within_caps.check({ scorer }, { ...POOL_RUNS, part: 'pool' }));
    expect(noPool).toEqual([expect.objectContaining({ path: ['part'], code: 'missing_subject' })]);
    const notAPool = await refusal(() => creditLaws.limit_within_caps.check({ scorer, pool: scorer as never }, RUNS));
    expect(notAPool).toEqual([expect.objectContaining({ path: ['subject', 'pool'], code: 'invalid_type' })]);
    // A wrapper that leaves out the batch reassessment is refused, never checked without it.
    const { safeReassessBatch: _left, ...decidingOnly } = pool;
    const partial = await refusal(() => creditLaws.limit_within_caps.check({ scorer, pool: decidingOnly as never }, RUNS));
    expect(partial).toEqual([expect.objectContaining({ path: ['subject', 'pool'], code: 'invalid_type' })]);
    expect(partial[0]?.message).toContain('safeReassessBatch');
    const strict = await createScorer({ ...OPTIONS, policy: resolvePolicy({ limits: { lenderCapPerBorrower: 3_000_000 } }) });
    try {
      const other = await refusal(() => creditLaws.limit_within_caps.check({ scorer: strict, pool }, RUNS));
      expect(other).toEqual([expect.objectContaining({ path: ['subject', 'pool'], code: 'pool_mismatch' })]);
      expect(other[0]?.message).toContain(pool.policyHash);
    } finally {
      await strict.close();
    }
    const named: CreditLawName[] = ['limits_rounded', 'reduction_within_bounds', 'suggestions_come_true'];
    const listed = await refusal(() => assertCreditLaws({ scorer, pool, laws: named, ...RUNS }));
    expect(listed).toEqual([expect.objectContaining({ path: ['laws'], code: 'part_unavailable' })]);
    expect(listed[0]?.message).toMatch(/^reduction_within_bounds and suggestions_come_true have no pool part \(they decide no batch/);
    // findings21-docs F3: one law, in the singular (was "tampered_priors_refused have no pool part").
    const one = await refusal(() => assertCreditLaws({ scorer, pool, laws: ['tampered_priors_refused'], ...RUNS }));
    expect(one[0]?.message).toMatch(
      /^tampered_priors_refused has no pool part \(it decides no batch.*check it with the scorer alone, or leave it out of laws$/,
    );
  });
});
