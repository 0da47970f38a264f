import { createMonitorAccumulator } from '../../src/monitor/monitorAccumulator.js';
import type { MonitorBaseline } from '../../src/monitor/monitorBaseline.js';
import type { MonitorResult } from '../../src/monitor/runMonitor.js';

const OUTCOMES = ['approve', 'refer', 'decline'] as const;
const regions = ['east', 'central', 'west', 'northeast'];

/**
 * A monitor result made by hand (no model needed: the page only draws what it is given): six months
 * of 100 records whose incomes fall month by month, so the income PSI climbs through watch into act.
 */
export function handMadeMonitorResult(): MonitorResult {
  const baseline: MonitorBaseline = {
    format: 'creditlift.monitorBaseline/1',
    modelId: 'm@1',
    source: 'hand-made',
    count: 1000,
    score: { kind: 'numeric', edges: [0.02, 0.05], shares: [0.4, 0.4, 0.2, 0] },
    features: [{ name: 'income_rmb', kind: 'numeric', edges: [3000, 6000], shares: [0.3, 0.4, 0.3, 0] }],
    factors: [{ factor: 'income', kind: 'numeric', edges: [0], shares: [0.5, 0.5, 0] }],
  };
  const acc = createMonitorAccumulator(baseline, { period: 'month', featureNames: ['income_rmb'] });
  for (let m = 1; m <= 6; m++) {
    for (let i = 0; i < 100; i++) {
      const income = 1000 + ((i * 97) % 80) * 100 - m * 400;
      acc.add({
        asOf: `2026-0${m}-15`,
        outcome: OUTCOMES[i % 6 === 0 ? 2 : i % 4 === 0 ? 1 : 0]!,
        limit: 300_000,
        pd: 0.01 + (i % 10) * 0.01,
        features: [income],
        factors: new Map([['income', (i % 3) - 1]]),
        segments: {
          employmentType: 'gig',
          cityTier: `tier ${1 + (i % 3)}`,
          region: regions[i % 4]!,
          ageBand: '25-34',
          bureauFile: 'bureau file',
          certificates: 'no certificates',
        },
      });
    }
  }
  return { summary: acc.finish(), records: 600, errors: 0, warnings: [] };
}
