import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer, type ScorerOptions } from '../../src/decision/createScorer.js';
import { createScorerPool, type ScorerPool } from '../../src/parallel/createScorerPool.js';
import { assertCreditLaws, CREDIT_LAW_NAMES, creditLaws, CreditLawViolation, type LawPool } from '../../src/testing/index.js';
import { lenderStrictPolicy } from '../testing/mutantScorers.js';
import { deepSeed } from './deepSeed.js';

// findings12-lawkit #10, at the README's settings: every law with a pool part holds on a sound pool
// (the default policy and the strict lender's), and a pool raising batches a step is caught on
// every seed. npm test runs the short version (test/testing/poolLaws.test.ts).
const POOL_SETTINGS = { scorerNumRuns: 10, shrink: false } as const;
const seed = deepSeed('poolLaws');

const made: { scorer: Scorer; pool: ScorerPool }[] = [];
async function pair(options: ScorerOptions) {
  const [scorer, pool] = await Promise.all([createScorer(options), createScorerPool({ workers: 1, scorer: options })]);
  made.push({ scorer, pool });
  return { scorer, pool };
}
let sound: Awaited<ReturnType<typeof pair>>;
let strict: Awaited<ReturnType<typeof pair>>;
beforeAll(async () => {
  sound = await pair({ suggestionsPerDecision: 0 });
  strict = await pair({ suggestionsPerDecision: 0, policy: lenderStrictPolicy });
});
afterAll(async () => {
  for (const { scorer, pool } of made) await Promise.all([scorer.close(), pool.close()]);
});

const pooled = CREDIT_LAW_NAMES.filter((n) => creditLaws[n].parts.includes('pool'));

describe('the laws hold on a sound pool', () => {
  it('default policy', { timeout: 600_000 }, () => assertCreditLaws({ ...sound, ...POOL_SETTINGS, part: 'pool', seed }));
  it("the strict lender's policy", { timeout: 600_000 }, () => assertCreditLaws({ ...strict, ...POOL_SETTINGS, part: 'pool', seed }));
});

describe('a pool that raises every approval of a batch a step is caught on every seed', () => {
  it.each([1, 2, 3, 4, 5])('seed %i', { timeout: 600_000 }, async (s) => {
    const raised: LawPool = {
      ...sound.pool,
      decideBatch: async (a, o) =>
        (await sound.pool.decideBatch(a, o)).map((r) =>
          r.ok && r.decision.outcome === 'approve' ? { ...r, decision: { ...r.decision, limit: r.decision.limit + 10_000 } } : r,
        ),
    };
    const caughtBy: string[] = [];
    for (const law of pooled) {
      const e = await creditLaws[law].check({ scorer: sound.scorer, pool: raised }, { ...POOL_SETTINGS, part: 'pool', seed: s }).then(
        () => undefined,
        (x: unknown) => x,
      );
      if (e instanceof CreditLawViolation) caughtBy.push(law);
    }
    expect(caughtBy.length).toBeGreaterThan(0);
  });
});
