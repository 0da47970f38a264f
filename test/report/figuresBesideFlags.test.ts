// A figure printed beside its flag never contradicts it: rounding must not carry an adverse impact
// ratio of 0.795 to "0.80" next to "below 0.8", nor a PSI of 0.2500004 to "0.250" in the act band,
// nor an average cost of 20.0004% to "20.00%" next to "ABOVE the 20% threshold".
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADVERSE_IMPACT_THRESHOLD } from '../../src/fairness/fairOutcomes.js';
import { buildMonitorHtml } from '../../src/monitor/buildMonitorHtml.js';
import type { FigureStability, MonitorSummary } from '../../src/monitor/monitorAccumulator.js';
import { ACT_ABOVE, stabilityBand, WATCH_FROM } from '../../src/monitor/stabilityIndex.js';
import { fixedBesideThresholds, percentBesideThresholds } from '../../src/report/formatBesideThresholds.js';
import { buildSimulationHtml } from '../../src/simulate/buildSimulationHtml.js';
import type { DecisionFacts } from '../../src/simulate/decisionFacts.js';
import { createSimulationAccumulator } from '../../src/simulate/simulationAccumulator.js';

const side = (x: number, t: number) => Math.sign(x - t);

describe('figures beside their flags', () => {
  it('law: the printed figure is on the same side of every threshold as the figure, with at least the digits asked', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: 0, max: 2, noNaN: true }),
          fc.constantFrom(0.8, 0.1, 0.25),
          fc.double({ min: 0.0999, max: 0.1001, noNaN: true }),
          fc.double({ min: 0.2499, max: 0.2501, noNaN: true }),
          fc.double({ min: 0.7949, max: 0.8001, noNaN: true }),
        ),
        fc.integer({ min: 0, max: 4 }),
        (x, digits) => {
          for (const thresholds of [[ADVERSE_IMPACT_THRESHOLD], [WATCH_FROM, ACT_ABOVE]]) {
            const text = fixedBesideThresholds(x, digits, thresholds);
            expect((text.split('.')[1] ?? '').length).toBeGreaterThanOrEqual(digits);
            for (const t of thresholds) expect(side(Number(text), t), `${x} printed ${text} beside ${t}`).toBe(side(x, t));
            // Never more digits than needed: a figure far from every threshold prints as toFixed does.
            if (thresholds.every((t) => Math.abs(x - t) > 10 ** -digits)) expect(text).toBe(x.toFixed(digits));
          }
          const pct = percentBesideThresholds(x / 4, 2, [0.2]);
          expect(side(Number(pct.slice(0, -1)) / 100, 0.2)).toBe(side(x / 4, 0.2));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('examples from the tester: 0.7954545 -> "0.795"; PSI at the band edges', () => {
    expect(fixedBesideThresholds(35 / 44, 2, [0.8])).toBe('0.795');
    expect(fixedBesideThresholds(0.0999996, 3, [WATCH_FROM, ACT_ABOVE])).toBe('0.0999996');
    expect(fixedBesideThresholds(0.2500004, 3, [WATCH_FROM, ACT_ABOVE])).toBe('0.2500004');
    expect(fixedBesideThresholds(0.25, 3, [WATCH_FROM, ACT_ABOVE])).toBe('0.250');
    expect(percentBesideThresholds(0.200004, 2, [0.2])).toBe('20.0004%');
  });

  it('the simulation HTML prints a flagged ratio of 35/44 as 0.795 beside "below 0.8"', () => {
    const acc = createSimulationAccumulator({ baseline: { lgd: 0.85, utilisation: 0.5 }, candidate: { lgd: 0.85, utilisation: 0.5 } });
    const facts = (approved: boolean): DecisionFacts => ({
      outcome: approved ? 'approve' : 'decline',
      limit: approved ? 1_000_000 : 0,
      previousLimit: 0,
      lineAction: approved ? 'open' : 'none',
      maxGrantable: approved ? 1_000_000 : 0,
      apr: 0.18,
      pd: 0.03,
      bindingConstraint: 'risk',
      comprehensiveCost: approved ? 0.18 : null,
      highestPlanCost: approved ? 0.18 : null,
      arm: null,
    });
    for (const [region, approved] of [
      ['east', 44],
      ['west', 35],
    ] as const) {
      for (let i = 0; i < 44; i++) {
        const segments = {
          employmentType: 'salaried',
          cityTier: 'tier 2',
          region,
          ageBand: '25-34',
          bureauFile: 'bureau file',
          certificates: 'no certificates',
        };
        acc.add({ segments, baseline: facts(i < approved), candidate: facts(i < approved) });
      }
    }
    const s = acc.finish();
    const west = s.fairness.candidate.find((f) => f.dimension === 'region')!.rows.find((r) => r.group === 'west')!;
    expect(west.flagged).toBe(true);
    const html = buildSimulationHtml({ records: 88, errors: 0, interrupted: false, summary: s });
    expect(html).toContain('<td>west</td><td>44</td><td>79.5%</td><td>¥10,000</td><td>0.795</td><td class="flag">below 0.8 (35 of 44 against 44 of 44)</td>');
    expect(html).not.toContain('<td>0.80</td>');
  });

  it('the monitor HTML prints a PSI just above 0.25 in the act band as more than 0.250, and just under 0.10 as less than 0.100', () => {
    const figure = (name: string, index: number): FigureStability => ({
      kind: 'feature',
      name,
      index,
      band: stabilityBand(index),
      records: 10,
      noise: { chiSquare: 40, critical: 12, outsideBaseline: 0, judgedFrom: 24 },
      expected: [0.5, 0.5],
      actual: [0.5, 0.5],
      byPeriod: [{ period: '2026-11', count: 10, index, noise: { chiSquare: 40, critical: 12, outsideBaseline: 0, judgedFrom: 24 } }],
    });
    const features = [figure('edge_act', 0.2500004), figure('edge_stable', 0.0999996)];
    const summary = {
      modelId: 'm@1',
      period: 'month',
      observations: 10,
      score: { ...figure('score', 0.01), kind: 'score' },
      features,
      factors: null,
      timeline: [{ period: '2026-11', count: 10, outcomes: { approve: 5, refer: 0, decline: 5 }, approvalRate: 0.5, meanPd: 0.03, meanLimit: 1_000_000 }],
      flagged: [{ kind: 'feature', name: 'edge_act', index: 0.2500004, band: 'act' }],
      worstBand: 'act',
      fairness: null,
    } as unknown as MonitorSummary;
    const html = buildMonitorHtml({ summary, records: 10, errors: 0, warnings: [] });
    expect(html).not.toMatch(/<td>0\.250<\/td>/);
    expect(html).not.toMatch(/<td>0\.100<\/td>/);
    expect(html).toContain('<td>edge_act</td><td>0.2500004</td><td class="act">act</td>');
    expect(html).toContain('<td>edge_stable</td><td>0.0999996</td><td class="stable">stable</td>');
  });
});
