// The figure the 2026 guidance is about (average comprehensive cost of new loans at most 20%) is one
// measure everywhere: the limit-weighted average comprehensive cost of new lines (approved, no line
// before), computed by one function for `score`'s summary, `report` and the simulation, and flagged
// above the policy's `pricing.averageCostAlertAbove`. A lender must not pass a policy in `simulate`
// and fail it in `score` on the same book.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputRecord } from '../../src/cli/score/inputRecord.js';
import { countDecision, emptyScoreSummary } from '../../src/cli/score/scoreSummary.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { resolvePolicy } from '../../src/policy/resolvePolicy.js';
import { createReportAccumulator } from '../../src/report/reportData.js';
import { buildSimulationHtml } from '../../src/simulate/buildSimulationHtml.js';
import { factsOf as decisionFacts } from '../../src/simulate/decisionFacts.js';
import { portfolioAssumptions } from '../../src/simulate/portfolioEconomics.js';
import { runSimulation } from '../../src/simulate/runSimulation.js';
import { createSimulationAccumulator } from '../../src/simulate/simulationAccumulator.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';
import { ONE_SEGMENT, PLAIN_ASSUMPTIONS } from '../helpers/simulationRecordParts.js';

/** A decision with only what the three summaries read. */
const decision = (x: { outcome: Decision['outcome']; limit: number; previousLimit: number; apr: number }, i: number) =>
  ({
    applicantId: `a${i}`,
    asOf: '2026-11-01',
    grade: 'B',
    pd: 0.03,
    bindingConstraint: 'risk',
    certificateImpacts: [],
    reasons: [],
    plans: [{ kind: 'revolving', comprehensiveApr: x.apr }],
    audit: { modelId: 'm@1' },
    ...x,
    limit: x.outcome === 'decline' ? 0 : x.limit,
    maxGrantable: x.outcome === 'decline' ? 0 : x.limit,
    lineAction:
      x.outcome === 'refer'
        ? 'review'
        : x.outcome === 'decline'
          ? x.previousLimit > 0
            ? 'close'
            : 'none'
          : x.previousLimit === 0
            ? 'open'
            : x.limit > x.previousLimit
              ? 'raise'
              : x.limit === x.previousLimit
                ? 'keep'
                : 'lower',
  }) as unknown as Decision;
const segments = ONE_SEGMENT;
const assumptions = PLAIN_ASSUMPTIONS;

describe('average comprehensive cost of new lines: one measure', () => {
  it('law: on any book the simulation figure equals score\u2019s and report\u2019s, and is flagged exactly when score flags it', () => {
    const line = fc.record({
      outcome: fc.constantFrom<Decision['outcome']>('approve', 'approve', 'refer', 'decline'),
      limit: fc.integer({ min: 0, max: 20_000_000 }),
      previousLimit: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5_000_000 })),
      apr: fc.double({ min: 0.05, max: 0.24, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), fc.double({ min: 0.1, max: 0.24, noNaN: true }), (xs, alertAbove) => {
        const ds = xs.map(decision);
        const score = emptyScoreSummary(alertAbove);
        const report = createReportAccumulator();
        const sim = createSimulationAccumulator(
          { baseline: assumptions, candidate: assumptions },
          { averageCostAlertAbove: { baseline: 0.2, candidate: alertAbove } },
        );
        for (const d of ds) {
          countDecision(score, d);
          report.addDecision(d);
          sim.add({ segments, baseline: decisionFacts(d), candidate: decisionFacts(d) });
        }
        const s = sim.finish();
        const c = s.totals.candidate;
        expect(c.newLines).toBe(score.newLines.count);
        expect(c.averageCostOfNewLines).toBe(score.newLines.averageApr);
        expect(c.averageCostOfNewLines).toBe(report.finish().newLines?.averageApr ?? null);
        expect(s.averageCostAlert.candidate).toEqual({ alertAbove, aboveAlert: score.newLines.aboveAlert });
      }),
      { numRuns: 150 },
    );
  });

  it('weights by limit and counts only approved new lines (raises, keeps, refers and declines stay out)', () => {
    const sim = createSimulationAccumulator({ baseline: assumptions, candidate: assumptions });
    const lines = [
      { outcome: 'approve' as const, limit: 1_000_000, apr: 0.18, previousLimit: 0 },
      { outcome: 'approve' as const, limit: 3_000_000, apr: 0.22, previousLimit: 0 },
      { outcome: 'approve' as const, limit: 800_000, apr: 0.1, previousLimit: 500_000 },
      { outcome: 'decline' as const, limit: 0, apr: 0.24, previousLimit: 0 },
      { outcome: 'refer' as const, limit: 600_000, apr: 0.05, previousLimit: 0 },
    ];
    for (const [i, l] of lines.entries()) sim.add({ segments, baseline: decisionFacts(decision(l, i)), candidate: decisionFacts(decision(l, i)) });
    const s = sim.finish();
    expect(s.totals.candidate.newLines).toBe(2);
    expect(s.totals.candidate.averageCostOfNewLines).toBeCloseTo(0.21, 15);
    // The plain mean over every approval stays beside it, under its own name.
    expect(s.totals.candidate.meanComprehensiveCost).toBeCloseTo((0.18 + 0.22 + 0.1) / 3, 15);
    // Default threshold: the default policy's 20%.
    expect(s.averageCostAlert.candidate).toEqual({ alertAbove: 0.2, aboveAlert: true });
    const html = buildSimulationHtml({ records: 5, errors: 0, interrupted: false, summary: s });
    expect(html).toMatch(/average comprehensive cost of new lines/);
    expect(html).toMatch(/ABOVE the 20% threshold/);
  });
});

describe('simulation on a real book equals score on the same decisions', () => {
  const book = generatePopulation({ size: 300, seed: 41, asOf: '2026-10-01' }).map((r, i) =>
    // A third new customers, the rest holding a line: new lines and raises side by side.
    i % 3 === 0 ? { ...r.applicant, platform: { ...r.applicant.platform, currentLimit: 0, currentBalance: 0 } } : r.applicant,
  );
  const records = (): InputRecord[] => book.map((value, i) => ({ line: i + 1, ok: true, value }));
  let baseline: Scorer;
  let candidate: Scorer;
  beforeAll(async () => {
    baseline = await createScorer({ suggestionsPerDecision: 0 });
    candidate = await createScorer({ policy: resolvePolicy({ pricing: { margin: 0.1, averageCostAlertAbove: 0.19 } }), suggestionsPerDecision: 0 });
  });
  afterAll(async () => Promise.all([baseline?.close(), candidate?.close()]));

  it('each side\u2019s figure and flag are score\u2019s, against its own policy\u2019s averageCostAlertAbove', async () => {
    const { summary, errors } = await runSimulation({
      records: records(),
      baseline: { decide: (r) => baseline.safeDecideBatch(r), assumptions: portfolioAssumptions(baseline.policy), averageCostAlertAbove: 0.2 },
      candidate: { decide: (r) => candidate.safeDecideBatch(r), assumptions: portfolioAssumptions(candidate.policy), averageCostAlertAbove: 0.19 },
      chunkSize: 64,
    });
    expect(errors).toBe(0);
    for (const [side, scorer, alertAbove] of [
      ['baseline', baseline, 0.2],
      ['candidate', candidate, 0.19],
    ] as const) {
      const s = emptyScoreSummary(alertAbove);
      for (const r of await scorer.decideBatch(book)) if (r.ok) countDecision(s, r.decision);
      expect(s.newLines.count).toBeGreaterThan(10);
      expect(summary.totals[side].newLines).toBe(s.newLines.count);
      expect(summary.totals[side].averageCostOfNewLines).toBe(s.newLines.averageApr);
      expect(summary.averageCostAlert[side]).toEqual({ alertAbove, aboveAlert: s.newLines.aboveAlert });
      // On this book the plain mean over every approval is another number: the two must not be confused.
      expect(summary.totals[side].meanComprehensiveCost).not.toBe(s.newLines.averageApr);
    }
  });
});
