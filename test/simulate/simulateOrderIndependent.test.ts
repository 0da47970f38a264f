import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countDecision, emptyScoreSummary } from '../../src/cli/score/scoreSummary.js';
import type { Decision } from '../../src/decision/decision.js';
import { createReportAccumulator } from '../../src/report/reportData.js';
import type { BookSegments } from '../../src/simulate/bookSegments.js';
import type { DecisionFacts } from '../../src/simulate/decisionFacts.js';
import { DEFAULT_UTILISATION } from '../../src/simulate/portfolioEconomics.js';
import { createSimulationAccumulator, type SimulationSummary } from '../../src/simulate/simulationAccumulator.js';

const seg: BookSegments = {
  employmentType: 'salaried',
  cityTier: 'tier 2',
  region: 'east',
  ageBand: '25-34',
  bureauFile: 'no bureau file',
  certificates: 'no certificates',
};
type Line = { limit: number; apr: number; pd: number; previousLimit: number };
const facts = (l: Line): DecisionFacts => ({
  outcome: 'approve',
  limit: l.limit,
  previousLimit: l.previousLimit,
  lineAction: l.previousLimit === 0 ? 'open' : l.limit > l.previousLimit ? 'raise' : l.limit === l.previousLimit ? 'keep' : 'lower',
  maxGrantable: l.limit,
  apr: l.apr,
  pd: l.pd,
  bindingConstraint: 'risk',
  comprehensiveCost: l.apr,
  highestPlanCost: l.apr,
  arm: null,
});
function simulate(lines: readonly Line[]): SimulationSummary {
  const a = { lgd: 0.85, utilisation: DEFAULT_UTILISATION };
  const acc = createSimulationAccumulator({ baseline: a, candidate: a });
  for (const l of lines) acc.add({ segments: seg, baseline: facts(l), candidate: facts(l) });
  return acc.finish();
}
function reportOf(lines: readonly Line[]) {
  const acc = createReportAccumulator();
  for (const [i, l] of lines.entries()) {
    acc.addDecision({
      applicantId: `a${i}`,
      asOf: '2026-11-01',
      grade: 'B',
      outcome: 'approve',
      bindingConstraint: 'risk',
      certificateImpacts: [{ kind: 'degree', limitGain: 10_000, pdReduction: l.pd / 7 }],
      reasons: [],
      audit: { modelId: 'm@1' },
      plans: [{ kind: 'revolving', comprehensiveApr: l.apr }],
      ...l,
    } as unknown as Decision);
  }
  return acc.finish();
}
function scoreOf(lines: readonly Line[]) {
  const s = emptyScoreSummary();
  for (const l of lines) countDecision(s, { outcome: 'approve', ...l, highestPlanCost: l.apr });
  return s;
}

// Three new lines on the daily-rate grid (0.16571 = 0.000454 x 365, 0.20513 = 0.000562 x 365) whose
// limit-weighted average is exactly 20%: (190,000 x 0.16571 + 1,270,000 x 0.20513) / 1,460,000.
const atThreshold: Line[] = [
  { limit: 190_000, apr: 0.16571, pd: 0.02, previousLimit: 0 },
  { limit: 640_000, apr: 0.20513, pd: 0.02, previousLimit: 0 },
  { limit: 630_000, apr: 0.20513, pd: 0.02, previousLimit: 0 },
];

describe('summaries do not depend on record order (tester F5)', () => {
  it('an average cost of new lines at exactly the 20% threshold is 20% and within the guidance, in every order', () => {
    for (const order of [
      [0, 1, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ]) {
      const lines = order.map((i) => atThreshold[i] as Line);
      const s = simulate(lines);
      expect(s.totals.candidate.averageCostOfNewLines, `order ${order}`).toBe(0.2);
      expect(s.averageCostAlert.candidate.aboveAlert, `order ${order}`).toBe(false);
      const score = scoreOf(lines);
      expect(score.newLines.averageApr, `score, order ${order}`).toBe(0.2);
      expect(score.newLines.aboveAlert, `score, order ${order}`).toBe(false);
      expect(reportOf(lines).newLines?.averageApr, `report, order ${order}`).toBe(0.2);
    }
  });

  it('law: reversing or shuffling a book changes no byte of the simulation summary, the score summary or the report data', () => {
    const line = fc.record({
      limit: fc.integer({ min: 1, max: 2_000_000 }).map((x) => x * 100),
      // APRs off any grid (an instalment plan's IRR is one), PDs in (0, 1)
      apr: fc.double({ min: 0.05, max: 0.24, noNaN: true }),
      pd: fc.double({ min: 0.001, max: 0.5, noNaN: true }),
      previousLimit: fc.constantFrom(0, 0, 500_000),
    });
    fc.assert(
      fc.property(fc.array(line, { minLength: 2, maxLength: 40 }), fc.integer(), (lines, seed) => {
        const shuffled = [...lines].sort((a, b) => ((a.limit * 31 + seed) % 97) - ((b.limit * 31 + seed) % 97) || b.apr - a.apr);
        for (const other of [[...lines].reverse(), shuffled]) {
          expect(JSON.stringify(simulate(other))).toBe(JSON.stringify(simulate(lines)));
          expect(JSON.stringify(scoreOf(other))).toBe(JSON.stringify(scoreOf(lines)));
          expect(JSON.stringify(reportOf(other))).toBe(JSON.stringify(reportOf(lines)));
        }
      }),
      { seed: 8, numRuns: 200 },
    );
  });
});
