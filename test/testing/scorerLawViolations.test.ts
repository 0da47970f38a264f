import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { resolvePolicy } from '../../src/policy/resolvePolicy.js';
import { creditLaws, CreditLawViolation, type CreditLawName } from '../../src/testing/index.js';
import { editing, lenderStrictPolicy } from './mutantScorers.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
});
afterAll(() => scorer.close());

// A lender's wrapper around the scorer that edits every decision it returns (re-sealed, so the
// priors it hands back still verify and the law, not the prior check, catches it).
const wrap = (edit: (d: Decision) => Decision): Scorer => editing(scorer, edit);

const brokenScorers: [CreditLawName, (d: Decision) => Decision][] = [
  // A "first-month promotion" below the policy floor.
  ['apr_within_bounds', (d) => ({ ...d, apr: d.apr / 2, dailyRate: d.apr / 2 / 365 })],
  // A limit shown to the yuan, off the 100 RMB grid.
  ['limits_rounded', (d) => (d.limit > 0 ? { ...d, limit: d.limit + 100 } : d)],
  // The customer's cap dropped: every approval gets at least 500 RMB more than asked.
  ['customer_controls_hold', (d) => (d.outcome === 'approve' ? { ...d, limit: d.limit + 50_000 } : d)],
];

describe('a scorer wrapper that breaks a law is caught end to end, and the message names the law', () => {
  it.each(brokenScorers)('%s', async (name, edit) => {
    const error = await creditLaws[name].check({ scorer: wrap(edit) }, { numRuns: 20, scorerNumRuns: 30, seed: 5, shrink: false }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CreditLawViolation);
    const v = error as CreditLawViolation;
    expect(v.law).toBe(name);
    expect(v.part).toBe('scorer');
    expect(v.message).toContain(`Credit law "${name}" failed (scorer)`);
    expect(v.counterexample).toHaveProperty('applicant');
    expect(v.why).not.toMatch(/prior_invalid/);
  });
});

describe("a sound scorer whose lender cap binds keeps the laws that check the binding cap's label", () => {
  // The mutant that blames this cap on regulation is in mutantScorers.ts; here the truth passes.
  it.each(['limit_within_caps', 'reasons_where_owed'] as const)('%s', async (name) => {
    const capped = await createScorer({ suggestionsPerDecision: 0, policy: resolvePolicy({ limits: { lenderCapPerBorrower: 1_000_000 } }) });
    try {
      await expect(creditLaws[name].check({ scorer: capped }, { numRuns: 50, scorerNumRuns: 15, seed: 7 })).resolves.toBeUndefined();
    } finally {
      await capped.close();
    }
  });
});

describe('a sound scorer on a coarse rounding step keeps limits_rounded (findings12-lawkit #6)', () => {
  // A 2,600 RMB line (off the 500 RMB grid) referred with a 2,500 RMB proposal, then held on
  // reassessment: the line kept is the one on file, not the proposal. Seed 2 drew it.
  it('an off-step line on file held on reassessment after a referral is no violation', async () => {
    const coarse = await createScorer({ policy: lenderStrictPolicy });
    try {
      await expect(creditLaws.limits_rounded.check({ scorer: coarse }, { scorerNumRuns: 10, part: 'scorer', seed: 2 })).resolves.toBeUndefined();
    } finally {
      await coarse.close();
    }
  });
});
