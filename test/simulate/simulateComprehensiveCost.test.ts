import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputRecord } from '../../src/cli/score/inputRecord.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { resolvePolicy } from '../../src/policy/resolvePolicy.js';
import { decisionFacts } from '../../src/simulate/decisionFacts.js';
import { portfolioAssumptions } from '../../src/simulate/portfolioEconomics.js';
import { runSimulation } from '../../src/simulate/runSimulation.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';

const book = generatePopulation({ size: 300, seed: 41, asOf: '2026-10-01' }).map((r) => r.applicant);
const records = (): InputRecord[] => book.map((value, i) => ({ line: i + 1, ok: true, value }));

let baseline: Scorer;
let candidate: Scorer;
beforeAll(async () => {
  baseline = await createScorer({ suggestionsPerDecision: 0 });
  // A monthly fee on the line: the billed daily rate may stay put, the comprehensive cost cannot.
  candidate = await createScorer({ policy: resolvePolicy({ fees: { monthlyRate: 0.001, instalmentPlans: [] } }), suggestionsPerDecision: 0 });
});
afterAll(async () => {
  await baseline?.close();
  await candidate?.close();
});

/** The revolving line's comprehensive cost as the decision discloses it, read here without simulation code. */
const revolvingCost = (d: Decision) => d.plans.find((p) => p.kind === 'revolving')!.comprehensiveApr;

describe('simulation: mean comprehensive cost', () => {
  it("a decision's comprehensive cost is its revolving line's, fees included (the disclosed apr)", async () => {
    const [r] = await candidate.decideBatch(book.slice(0, 1));
    const d = (r as { ok: true; decision: Decision }).decision;
    expect(decisionFacts(d).comprehensiveCost).toBe(revolvingCost(d));
    expect(decisionFacts(d).comprehensiveCost).toBe(d.apr);
  });

  it('is the mean over approved decisions on each side, and a candidate adding a monthly fee raises it', async () => {
    const { summary, errors } = await runSimulation({
      records: records(),
      baseline: { decide: (r) => baseline.safeDecideBatch(r), assumptions: portfolioAssumptions(baseline.policy) },
      candidate: { decide: (r) => candidate.safeDecideBatch(r), assumptions: portfolioAssumptions(candidate.policy) },
      chunkSize: 64,
    });
    expect(errors).toBe(0);
    const meanCost = async (s: Scorer) => {
      const approved = (await s.decideBatch(book)).flatMap((r) => (r.ok && r.decision.outcome === 'approve' ? [r.decision] : []));
      expect(approved.length).toBeGreaterThan(0);
      return approved.reduce((t, d) => t + revolvingCost(d), 0) / approved.length;
    };
    const [b, c] = [summary.totals.baseline.meanComprehensiveCost, summary.totals.candidate.meanComprehensiveCost];
    expect(b).not.toBeNull();
    expect(c).not.toBeNull();
    expect(b!).toBeCloseTo(await meanCost(baseline), 12);
    expect(c!).toBeCloseTo(await meanCost(candidate), 12);
    expect(c!).toBeGreaterThan(b!);
    // Every segment row with an approval carries it too (sim.html printed "n/a" in every row).
    for (const row of summary.segments) {
      if (row.candidate.outcomes.approve > 0) expect(row.candidate.meanComprehensiveCost, `${row.dimension}=${row.group}`).not.toBeNull();
    }
  });
});
