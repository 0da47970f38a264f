import { describe, expect, it } from 'vitest';
import { countDecision, emptyScoreSummary, formatScoreSummary } from '../src/cli/score/scoreSummary.js';
import type { Decision } from '../src/decision/decision.js';
import { buildReportHtml } from '../src/report/buildReportHtml.js';
import { createReportAccumulator } from '../src/report/reportData.js';

type Line = { outcome: Decision['outcome']; limit: number; apr: number; previousLimit: number; plans: { comprehensiveApr: number }[] };
// Two new lines: 10,000 RMB whose dearest plan is 18% and 30,000 RMB whose dearest is 22% (its
// revolving line costs 12%) -> (0.18 x 1e6 + 0.22 x 3e6) / 4e6 = 21%.
// An existing line (previous 5,000) and a decline do not count.
const line = (outcome: Decision['outcome'], limit: number, apr: number, previousLimit: number, ...instalments: number[]): Line => ({
  outcome,
  limit,
  apr,
  previousLimit,
  plans: [apr, ...instalments].map((comprehensiveApr) => ({ comprehensiveApr })),
});
const lines: Line[] = [
  line('approve', 1_000_000, 0.18, 0, 0.15),
  line('approve', 3_000_000, 0.12, 0, 0.22, 0.16),
  line('approve', 800_000, 0.1, 500_000, 0.23),
  line('decline', 0, 0.24, 0),
  line('refer', 600_000, 0.05, 0, 0.23),
];

describe('average comprehensive cost of new lines', () => {
  it('the score summary weights by limit, counts only new approved lines, and flags it above the threshold', () => {
    const s = emptyScoreSummary();
    for (const l of lines) countDecision(s, l);
    expect(s.newLines).toMatchObject({ count: 2, limitTotalFen: 4_000_000, alertAbove: 0.2, aboveAlert: true });
    expect(s.newLines.averageApr).toBeCloseTo(0.21, 15);
    expect(formatScoreSummary(s, { out: 'o', errors: 'e' })).toContain(
      'new lines 2, average comprehensive cost 21.00% (limit-weighted, the dearest plan each new line offers)   ABOVE the 20.00% threshold',
    );
    const relaxed = emptyScoreSummary(0.22);
    for (const l of lines) countDecision(relaxed, l);
    expect(relaxed.newLines.aboveAlert).toBe(false);
    expect(formatScoreSummary(relaxed, { out: 'o', errors: 'e' })).not.toContain('ABOVE');
  });

  it('the HTML report shows the same figure, flagged', () => {
    const acc = createReportAccumulator();
    for (const [i, l] of lines.entries()) {
      acc.addDecision({
        applicantId: `a${i}`,
        asOf: '2026-11-01',
        grade: 'B',
        pd: 0.03,
        bindingConstraint: 'risk',
        certificateImpacts: [],
        reasons: [],
        audit: { modelId: 'm@1' },
        ...l,
      } as unknown as Decision);
    }
    const data = acc.finish();
    expect(data.newLines?.count).toBe(2);
    expect(data.newLines?.averageApr).toBeCloseTo(0.21, 15);
    const html = buildReportHtml(data);
    expect(html).toContain('<div class="kpi alert" data-kpi="average-cost"><b>21.00%</b>');
    expect(html).toContain('ABOVE the 20% threshold');
    expect(buildReportHtml(data, { averageCostAlertAbove: 0.25 })).toContain('<div class="kpi" data-kpi="average-cost"><b>21.00%</b>');
  });
});
