// The 2026 guidance is on the average comprehensive cost of new LOANS, and a customer of the line can
// take any plan it offers: a book whose only instalment plan costs 23.19% was reported at 12.37% (the
// revolving line's price alone) and not flagged (outside tester, findings9-rules2026 F3). The figure
// now counts, per new line, the dearest plan it offers, in score, report and simulate alike.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReportCommand } from '../src/cli/reportCommand.js';
import { runScoreCommand } from '../src/cli/scoreCommand.js';
import { createScorer, type Scorer } from '../src/decision/createScorer.js';
import type { Decision } from '../src/decision/decision.js';
import { averageCostOfNewLines, emptyNewLineCostTally, highestPlanCost, tallyNewLineCost } from '../src/policy/averageCostOfNewLines.js';
import type { ApplicantInput } from '../src/schema/applicant.js';
import { portfolioAssumptions } from '../src/simulate/portfolioEconomics.js';
import { runSimulation } from '../src/simulate/runSimulation.js';
import { captureIo } from './cli/fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-plan-cost-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The tester's policy: one instalment plan, 12 months at a 13% fee (23.19% IRR, under the 24% cap). */
const polFees = { fees: { instalmentPlans: [{ months: 12, feeRate: 0.13 }] } };

/** The tester's book: five new customers (no line on file), the same but for the account's age. */
const book: ApplicantInput[] = Array.from({ length: 5 }, (_, i) => ({
  id: `low${i}`,
  asOf: '2026-11-24',
  birthDate: '2003-05-14',
  identity: { idHash: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' },
  employment: { type: 'salaried', industry: 'information_technology', startDate: '2025-08-15' },
  income: { monthlyNet: 650_000, source: 'payroll' },
  socialInsuranceMonths: 14,
  housingFundMonths: 14,
  residence: { cityTier: 2, region: 'central' },
  bureau: { hasFile: false },
  platform: { accountAgeMonths: 20 + i, transactions3m: 150, transactionAmount3m: 1_300_000, onTimeRepaymentRate: 1, currentLimit: 0 },
  household: { monthlyEssentialSpending: 350_000, dependants: 0 },
  controls: { requestedLimit: 1_000_000 },
  evidence: [],
}));

describe('average comprehensive cost of new lines: the dearest plan a new line offers', () => {
  it('highestPlanCost is the highest comprehensiveApr among the plans; a tally counts it, not the revolving line alone', () => {
    const plans = [{ comprehensiveApr: 0.123735 }, { comprehensiveApr: 0.2319 }];
    expect(highestPlanCost(plans)).toBe(0.2319);
    expect(highestPlanCost([])).toBeNull();
    const t = emptyNewLineCostTally();
    // 10,000 RMB whose dearest plan is 23.19%, 30,000 RMB offering the revolving line only at 18%.
    tallyNewLineCost(t, { outcome: 'approve', limit: 1_000_000, previousLimit: 0, plans });
    tallyNewLineCost(t, { outcome: 'approve', limit: 3_000_000, previousLimit: 0, plans: [{ comprehensiveApr: 0.18 }] });
    expect(averageCostOfNewLines(t)).toBeCloseTo((0.2319 + 3 * 0.18) / 4, 15);
  });

  describe("the tester's book under a 13% 12-month plan", () => {
    let scorer: Scorer;
    let decisions: Decision[];
    beforeAll(async () => {
      scorer = await createScorer({ policyOverrides: polFees, suggestionsPerDecision: 0 });
      decisions = (await scorer.decideBatch(book)).flatMap((r) => (r.ok ? [r.decision] : []));
    });
    afterAll(async () => scorer?.close());

    it('every new line offers the revolving line at about 12.37% and the 12-month plan at 23.19%', () => {
      expect(decisions).toHaveLength(5);
      for (const d of decisions) {
        expect(d).toMatchObject({ outcome: 'approve', previousLimit: 0 });
        expect(d.apr).toBeLessThan(0.13);
        expect(d.plans.map((p) => p.comprehensiveApr.toFixed(4))).toEqual([d.apr.toFixed(4), '0.2319']);
      }
    });

    it('creditlift score and report give 23.19%, flagged above the 20% guidance (12.37% and no flag before)', async () => {
      writeFileSync(join(work, 'book.ndjson'), `${book.map((a) => JSON.stringify(a)).join('\n')}\n`);
      writeFileSync(join(work, 'pol-fees.json'), JSON.stringify(polFees));
      const c = captureIo();
      const args = ['--in', join(work, 'book.ndjson'), '--out', join(work, 'out.ndjson'), '--errors', join(work, 'err.ndjson')];
      expect(await runScoreCommand([...args, '--policy', join(work, 'pol-fees.json'), '--workers', '1'], c.io)).toBe(0);
      expect(c.out()).toMatch(
        /new lines 5, average comprehensive cost 23\.19% \(limit-weighted, the dearest plan each new line offers\) {3}ABOVE the 20\.00% threshold/,
      );
      const r = captureIo();
      expect(await runReportCommand([join(work, 'out.ndjson'), '--out', join(work, 'report.html'), '--policy', join(work, 'pol-fees.json')], r.io)).toBe(0);
      const html = readFileSync(join(work, 'report.html'), 'utf8');
      expect(html).toContain('<div class="kpi alert" data-kpi="average-cost"><b>23.19%</b>');
    });

    it("simulate's averageCostOfNewLines is the same 23.19%, flagged; the default policy's dearest plan (15.86%) is not", async () => {
      const baseline = await createScorer({ suggestionsPerDecision: 0 });
      try {
        const { summary } = await runSimulation({
          records: book.map((value, i) => ({ line: i + 1, ok: true, value })),
          baseline: { decide: (r) => baseline.safeDecideBatch(r), assumptions: portfolioAssumptions(baseline.policy), averageCostAlertAbove: 0.2 },
          candidate: { decide: (r) => scorer.safeDecideBatch(r), assumptions: portfolioAssumptions(scorer.policy), averageCostAlertAbove: 0.2 },
          chunkSize: 8,
        });
        expect(summary.totals.candidate.averageCostOfNewLines).toBeCloseTo(0.2319, 4);
        expect(summary.averageCostAlert.candidate.aboveAlert).toBe(true);
        expect(summary.totals.baseline.averageCostOfNewLines).toBeCloseTo(0.158643261539464, 9);
        expect(summary.averageCostAlert.baseline.aboveAlert).toBe(false);
      } finally {
        await baseline.close();
      }
    });
  });
});
