import { describe, expect, it } from 'vitest';
import { createScorer } from '../../src/decision/createScorer.js';
import { resolvePolicy } from '../../src/policy/resolvePolicy.js';
import { creditLaws } from '../../src/testing/index.js';

// A lender's window may allow dozens of rises (windowMaxCount up to 1000): step_limits_hold chains
// same-day reassessments from a ledger that nearly fills it, so a decision that carries too short a
// ledger forward is caught whatever the window's size.
describe('step_limits_hold holds through scorers whose step-limit window allows many rises', () => {
  it.each([
    ['30 rises in 30 days', { perStepRatio: 0, perStepAmount: 10_000, windowDays: 30, windowMaxIncrease: 10_000_000, windowMaxCount: 30 }],
    [
      '300,000 fen in 30 days, in up to 1000 rises',
      { perStepRatio: 0, perStepAmount: 10_000, windowDays: 30, windowMaxIncrease: 300_000, windowMaxCount: 1000 },
    ],
  ])('%s', async (_, stepLimits) => {
    const scorer = await createScorer({ policy: resolvePolicy({ stepLimits }), suggestionsPerDecision: 0 });
    try {
      await expect(creditLaws.step_limits_hold.check({ scorer }, { numRuns: 20, scorerNumRuns: 15, seed: 1 })).resolves.toBeUndefined();
    } finally {
      await scorer.close();
    }
  });
});
