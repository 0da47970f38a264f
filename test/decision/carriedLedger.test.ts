import { describe, expect, it } from 'vitest';
import { createScorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { lineOnFileAfter } from '../../src/decision/lineOnFile.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import { type PolicyOverrides, resolvePolicy } from '../../src/policy/resolvePolicy.js';
import type { LimitChange } from '../../src/policy/stepLimit.js';

// A policy's step-limit window binds only if every rise inside it reaches the next decision: the
// ledger a decision carries (`limitHistory`) is what `reassess` counts.

const grad = exampleFor('new_graduate').applicant;
const lineOf = (limit: number) => ({ ...grad, platform: { ...grad.platform, currentLimit: limit }, controls: { requestedLimit: 5_000_000 } });

/** A line of 1,000 RMB raised by 100 RMB steps, decided once and reassessed `times` on the same day. */
async function chain(stepLimits: NonNullable<PolicyOverrides['stepLimits']>, times: number): Promise<{ rises: number; total: number; last: Decision }> {
  const scorer = await createScorer({ policy: resolvePolicy({ stepLimits }), suggestionsPerDecision: 0 });
  try {
    const applicant = lineOf(100_000);
    let d = await scorer.decide(applicant);
    let rises = d.lineAction === 'raise' ? 1 : 0;
    let total = d.limit - d.previousLimit;
    for (let i = 0; i < times; i++) {
      const before = lineOnFileAfter(d, scorer.policy.limits.roundingStep);
      d = await scorer.reassess(d, { applicant, evidence: [] });
      if (d.limit > before) {
        rises += 1;
        total += d.limit - before;
      }
    }
    return { rises, total, last: d };
  } finally {
    await scorer.close();
  }
}

describe('the ledger a decision carries keeps every rise still inside the step-limit window', () => {
  it('40 same-day reassessments rise at most windowMaxCount (30) times', async () => {
    const { rises, last } = await chain({ perStepRatio: 0, perStepAmount: 10_000, windowDays: 30, windowMaxIncrease: 10_000_000, windowMaxCount: 30 }, 40);
    expect(rises).toBe(30);
    expect(last.limit).toBe(100_000 + 30 * 10_000);
    expect(last.limitHistory).toHaveLength(30);
  });

  it('40 same-day reassessments raise at most windowMaxIncrease (300,000 fen) in all', async () => {
    const { total, last } = await chain({ perStepRatio: 0, perStepAmount: 10_000, windowDays: 30, windowMaxIncrease: 300_000, windowMaxCount: 1000 }, 40);
    expect(total).toBe(300_000);
    expect(last.limit).toBe(400_000);
  });

  it('carries every rise inside the window and the last 24 changes, dropping only older entries beyond those', async () => {
    const scorer = await createScorer({
      policy: resolvePolicy({ stepLimits: { perStepRatio: 0, perStepAmount: 10_000, windowDays: 30, windowMaxIncrease: 10_000_000, windowMaxCount: 100 } }),
      suggestionsPerDecision: 0,
    });
    try {
      const applicant = lineOf(100_000);
      const on = applicant.asOf;
      // 20 old rises (outside the window), then 30 rises inside it, then 5 old decreases: out of order, as a ledger may be.
      const old: LimitChange[] = Array.from({ length: 20 }, (_, i) => ({ asOf: '2023-01-01', from: i * 10_000, to: (i + 1) * 10_000 }));
      const recent: LimitChange[] = Array.from({ length: 30 }, (_, i) => ({ asOf: on, from: i * 1_000, to: (i + 1) * 1_000 }));
      const cuts: LimitChange[] = Array.from({ length: 5 }, () => ({ asOf: '2023-02-01', from: 20_000, to: 10_000 }));
      const d = await scorer.decide(applicant, { limitHistory: [...old, ...recent, ...cuts] });
      expect(d.lineAction).toBe('raise');
      // The last 24 changes (19 of the recent rises, the 5 cuts) and every rise inside the window, in order, then this raise.
      expect(d.limitHistory).toEqual([...recent, ...cuts, { asOf: on, from: 100_000, to: 110_000 }]);
    } finally {
      await scorer.close();
    }
  });

  it('a window of 1000 rises: the ledger carried (999 rises, a cut, the new raise) is accepted back and binds', async () => {
    const scorer = await createScorer({
      policy: resolvePolicy({ stepLimits: { perStepRatio: 0, perStepAmount: 10_000, windowDays: 30, windowMaxIncrease: 10_000_000, windowMaxCount: 1000 } }),
      suggestionsPerDecision: 0,
    });
    try {
      const applicant = lineOf(100_000);
      const rises: LimitChange[] = Array.from({ length: 999 }, (_, i) => ({ asOf: applicant.asOf, from: i, to: i + 1 }));
      const d = await scorer.decide(applicant, { limitHistory: [...rises, { asOf: applicant.asOf, from: 2, to: 1 }] });
      expect(d.lineAction).toBe('raise');
      expect(d.limitHistory).toHaveLength(1001);
      const again = await scorer.decide({ ...applicant, platform: { ...applicant.platform, currentLimit: d.limit } }, { limitHistory: d.limitHistory });
      expect(again.lineAction).toBe('keep');
      expect(again.policyReasons).toContain('step_limit_window_count');
    } finally {
      await scorer.close();
    }
  });
});
