// Outside probe F85: `creditlift simulate` judges each side's average comprehensive cost of new lines
// against its own policy's pricing.averageCostAlertAbove. A candidate that raised that threshold to 25%
// while its plans pushed the figure from 15.86% to 23.19% (past the baseline's 20%, China's 2026
// guidance) printed "15.86% -> 23.19%" and flagged nothing: the policy change crossed the line silently.
import { describe, expect, it } from 'vitest';
import { alertThresholdMoved } from '../../src/simulate/alertThresholdMoved.js';
import { buildSimulationHtml } from '../../src/simulate/buildSimulationHtml.js';
import { createSimulationAccumulator } from '../../src/simulate/simulationAccumulator.js';
import { factsOf } from '../../src/simulate/decisionFacts.js';
import type { Decision } from '../../src/decision/decision.js';
import { ONE_SEGMENT, PLAIN_ASSUMPTIONS } from '../helpers/simulationRecordParts.js';

const segments = ONE_SEGMENT;
const assumptions = PLAIN_ASSUMPTIONS;
const newLine = (apr: number) =>
  ({
    applicantId: 'a1',
    asOf: '2026-11-01',
    outcome: 'approve',
    limit: 1_000_000,
    maxGrantable: 1_000_000,
    previousLimit: 0,
    lineAction: 'open',
    apr: 0.12,
    grade: 'B',
    pd: 0.03,
    bindingConstraint: 'risk',
    certificateImpacts: [],
    reasons: [],
    plans: [
      { kind: 'revolving', comprehensiveApr: 0.12 },
      { kind: 'instalment', comprehensiveApr: apr },
    ],
    audit: { modelId: 'm@1' },
  }) as unknown as Decision;

function summary(alert: { baseline: number; candidate: number }, cost: { baseline: number; candidate: number }) {
  const sim = createSimulationAccumulator({ baseline: assumptions, candidate: assumptions }, { averageCostAlertAbove: alert });
  sim.add({ segments, baseline: factsOf(newLine(cost.baseline)), candidate: factsOf(newLine(cost.candidate)) });
  return sim.finish();
}

describe('simulate says when the two policies alert at different thresholds', () => {
  it("the candidate raising its threshold past its own figure: said, naming the baseline's threshold it passes", () => {
    const s = summary({ baseline: 0.2, candidate: 0.25 }, { baseline: 0.1586, candidate: 0.2319 });
    expect(s.averageCostAlert.candidate.aboveAlert).toBe(false);
    const note = alertThresholdMoved(s);
    expect(note?.passesOther).toBe(true);
    expect(note?.text).toBe(
      'the policies alert at different thresholds (baseline above 20.00%, candidate above 25.00%): the candidate is above the baseline\u2019s 20.00%',
    );
    const html = buildSimulationHtml({ records: 1, errors: 0, interrupted: false, summary: s });
    expect(html).toContain('the candidate is above the baseline\u2019s 20.00%');
    // Flagged on the page as a figure above its own threshold is.
    expect(html).toContain('<div class="kpi alert" data-kpi="average-cost">');
  });

  it('the same threshold on both sides: nothing more is said', () => {
    expect(alertThresholdMoved(summary({ baseline: 0.2, candidate: 0.2 }, { baseline: 0.1586, candidate: 0.2319 }))).toBeUndefined();
  });

  it('different thresholds with neither figure past the other side\u2019s: the thresholds alone are said', () => {
    expect(alertThresholdMoved(summary({ baseline: 0.2, candidate: 0.18 }, { baseline: 0.15, candidate: 0.16 }))).toEqual({
      text: 'the policies alert at different thresholds (baseline above 20.00%, candidate above 18.00%)',
      passesOther: false,
    });
  });

  it('the candidate lowering its threshold: a baseline figure above it is said too', () => {
    expect(alertThresholdMoved(summary({ baseline: 0.2, candidate: 0.15 }, { baseline: 0.1586, candidate: 0.14 }))).toEqual({
      text: 'the policies alert at different thresholds (baseline above 20.00%, candidate above 15.00%): the baseline is above the candidate\u2019s 15.00%',
      passesOther: true,
    });
  });
});
