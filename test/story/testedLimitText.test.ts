// findings28-pages F3: a declined applicant's repayment was shown "at this limit" beside ¥0, in the
// playground and in `decide --summary`. The figure is for the limit the policy tested (the 500 RMB
// product minimum here, `affordability.limit`), which neither named. Both now say which limit it
// is, in the same words from one function, in English and Chinese.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeDecision } from '../../src/cli/summarizeDecision.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { playgroundDecide } from '../../src/playground/playgroundApi.js';
import { formatRmb } from '../../src/report/formatMoney.js';
import { testedLimitText } from '../../src/story/index.js';
import { payrollApplicant } from '../helpers/payrollApplicant.js';

const affordabilityLine = (d: Decision) =>
  summarizeDecision(d)
    .split('\n')
    .find((l) => l.includes('Affordability')) ?? '';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
});
afterAll(() => scorer.close());

describe('the repayment shown is said to be at the limit it was tested at', () => {
  it('a decline below the product minimum: "at the ¥500 product minimum that was tested", never "at this limit"', async () => {
    const declined = await scorer.decide({
      ...payrollApplicant('tested-limit', 134_880),
      income: { monthlyNet: 300_000, source: 'payroll' },
      household: { monthlyEssentialSpending: 290_000, dependants: 2 },
    });
    expect(declined).toMatchObject({ outcome: 'decline', limit: 0, affordability: { limit: 50_000 } });
    expect(testedLimitText(declined)).toEqual({ en: 'at the ¥500 product minimum that was tested', zhHans: '按测试的产品最低额度¥500计算' });
    expect(affordabilityLine(declined)).toMatch(/payment ¥[\d.,]+\/month on .* at the ¥500 product minimum that was tested/);
    const answer = await playgroundDecide(scorer, {
      applicant: {
        ...payrollApplicant('tested-limit', 134_880),
        income: { monthlyNet: 300_000, source: 'payroll' },
        household: { monthlyEssentialSpending: 290_000, dependants: 2 },
      },
    });
    expect(answer.testedLimitText).toEqual(testedLimitText(declined));
  });

  it('an approval: "at this limit", in both places', async () => {
    const d = await scorer.decide(payrollApplicant('tested-limit-approved', 134_880));
    expect(d.outcome).toBe('approve');
    expect(testedLimitText(d)).toEqual({ en: 'at this limit', zhHans: '按本次额度计算' });
    expect(affordabilityLine(d)).toContain(' at this limit');
  });

  it('a knock-out decline of a line the caps allow names its figure', () => {
    const d = { limit: 0, policyReasons: ['current_past_due', 'limit_risk_grade'], affordability: { limit: 1_200_000 } } as unknown as Decision;
    expect(testedLimitText(d)).toEqual({ en: 'at ¥12,000, the limit tested', zhHans: '按测试额度¥12,000计算' });
  });

  it('the figure is written as the summary writes every other amount (formatRmb), for any limit tested', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000_000 }), (fen) => {
        const d = { limit: fen + 1, policyReasons: [], affordability: { limit: fen } } as unknown as Decision;
        expect(testedLimitText(d).en).toBe(`at ${formatRmb(fen)}, the limit tested`);
      }),
      { seed: 65, numRuns: 300 },
    );
  });

  it('a decision made before the limit tested was recorded: not guessed', () => {
    const d = { limit: 0, policyReasons: ['limit_below_product_minimum'], affordability: {} } as unknown as Decision;
    expect(testedLimitText(d).en).toBe('at the limit tested (a decision made before it was recorded does not name it)');
  });

  it("the playground page words it with the server's text, not its own", () => {
    const script = readFileSync(new URL('../../src/playground/playgroundScript.ts', import.meta.url), 'utf8');
    expect(script).not.toContain('at this limit');
    expect(script).toContain('testedLimitText');
  });
});
