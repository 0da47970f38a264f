// A side of a simulation may itself be a champion/challenger scorer deciding live. Each decision's
// money figures (expected loss, expected interest income) use the assumptions of the policy that
// made it (its arm, named in audit.arm), never the champion's for the challenger's decisions.
import { beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type ScorerOptions } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { expectedInterestIncome, expectedLoss, type PortfolioAssumptions } from '../../src/simulate/portfolioEconomics.js';
import { simulateBook } from '../../src/simulate/simulateBook.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';

const book = generatePopulation({ size: 200, seed: 42, asOf: '2026-11-01' }).map((r) => r.applicant);
const challengerPolicy = { pricing: { lgd: 0.7 }, portfolio: { utilisation: 0.7 } };
const live: ScorerOptions = {
  challengers: [{ name: 'cand', policyOverrides: challengerPolicy, share: 0.5 }],
  challengerMode: 'live',
};
const OWN: Readonly<Record<string, PortfolioAssumptions>> = {
  champion: { lgd: 0.85, utilisation: 0.5 },
  cand: { lgd: 0.7, utilisation: 0.7 },
};

let decisions: Decision[];
beforeAll(async () => {
  const scorer = await createScorer({ ...live, suggestionsPerDecision: 0 });
  try {
    decisions = (await scorer.decideBatch(book)).map((r) => (r as { ok: true; decision: Decision }).decision);
  } finally {
    await scorer.close();
  }
});

describe('simulate a live champion/challenger side', () => {
  it('expected loss and income use each arm\u2019s own policy\u2019s LGD and utilisation', async () => {
    const arms = new Set(decisions.map((d) => d.audit.arm));
    expect(arms).toEqual(new Set(['champion', 'cand']));
    const approved = decisions.filter((d) => d.outcome === 'approve');
    const loss = approved.reduce((s, d) => s + expectedLoss(d.limit, d.pd, OWN[d.audit.arm as string]!), 0);
    const income = approved.reduce((s, d) => s + expectedInterestIncome(d.limit, d.apr, d.pd, OWN[d.audit.arm as string]!), 0);
    // With the champion's assumptions for everyone the figures differ (so this test can fail).
    const championOnly = approved.reduce((s, d) => s + expectedInterestIncome(d.limit, d.apr, d.pd, OWN.champion!), 0);
    expect(Math.round(championOnly)).not.toBe(Math.round(income));

    const { summary, errors } = await simulateBook({ book, candidate: live, workers: 1 });
    expect(errors).toBe(0);
    expect(summary.arms.candidate).toEqual({
      cand: decisions.filter((d) => d.audit.arm === 'cand').length,
      champion: decisions.filter((d) => d.audit.arm === 'champion').length,
    });
    expect(summary.totals.candidate.expectedLoss).toBe(Math.round(loss));
    expect(summary.totals.candidate.expectedInterestIncome).toBe(Math.round(income));
    // The summary names the assumptions each arm was counted with.
    expect(summary.assumptions.arms?.candidate).toEqual({ cand: OWN.cand });
    // Segments too: they sum to the totals over one dimension.
    const regions = summary.segments.filter((g) => g.dimension === 'region');
    expect(regions.reduce((s, g) => s + g.candidate.expectedInterestIncome, 0)).toBeCloseTo(summary.totals.candidate.expectedInterestIncome, -1);
  });

  it('a shadow challenger decides nothing: every decision is the champion\u2019s, counted with the champion\u2019s assumptions', async () => {
    const shadow: ScorerOptions = { ...live, challengerMode: 'shadow' };
    const { summary } = await simulateBook({ book: book.slice(0, 40), candidate: shadow, baseline: {}, workers: 1 });
    expect(Object.keys(summary.arms.candidate)).toEqual(['champion']);
    expect(summary.totals.candidate.expectedLoss).toBe(summary.totals.baseline.expectedLoss);
    expect(summary.totals.candidate.expectedInterestIncome).toBe(summary.totals.baseline.expectedInterestIncome);
  });
});
