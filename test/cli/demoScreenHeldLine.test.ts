// F86: the demo's construction worker, whose upload reassessment holds her 1,100 RMB line for a
// person while she owes 2,300 RMB on it, read "4. Principal reasons (limit below the ¥0 asked)"
// (she asked for nothing) and "a fully used ¥1,100 line costs ¥208.54 a month": ¥208.54 repays the
// 2,300 RMB owed (`affordability.balanceOwed`), a fully used ¥1,100 line costs ¥99.74.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoScreen } from '../../src/cli/demoScreen.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { exampleFor, exampleUploadStep } from '../../src/examples/index.js';
import { formatRmb } from '../../src/report/formatMoney.js';
import { testedLimitText } from '../../src/story/index.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
});
afterAll(() => scorer.close());

async function screenOf(segment: 'construction_worker' | 'new_graduate' | 'rural_household') {
  const example = exampleFor(segment);
  const { before, certificate } = exampleUploadStep(example);
  const first = await scorer.decide(before);
  const next = await scorer.reassess(first, { applicant: before, evidence: [certificate] });
  const lines = demoScreen(1, 1, example, certificate, first, next, scorer.policy.limits);
  return { next, lines, at: (prefix: string) => lines.find((l) => l.startsWith(prefix)) ?? '' };
}

describe('the demo says why reasons are owed and what the payment repays', () => {
  it('a held line with no request: the reasons are headed by the hold, never "below the ¥0 asked"', async () => {
    const { next, at } = await screenOf('construction_worker');
    expect(next).toMatchObject({ outcome: 'refer', lineAction: 'hold', requestedLimit: null });
    const heading = at('4. Principal reasons');
    expect(heading).not.toMatch(/asked/);
    expect(heading).toMatch(/held for a person to review/);
  });

  it('a payment on a balance owed above the line names the balance, not "a fully used" line', async () => {
    const { next, at } = await screenOf('construction_worker');
    const owed = next.affordability.balanceOwed;
    expect(owed?.aboveLimit).toBe(true);
    const budget = at('5. Budget assistant');
    expect(budget).not.toMatch(/a fully used/);
    expect(budget).toContain(
      `repaying the ${formatRmb(owed?.amount ?? 0)} owed on this ${formatRmb(next.limit)} line costs ${formatRmb(next.affordability.monthlyPayment)} a month`,
    );
    // The playground and `decide --summary` say which amount the figure is for from the same function.
    expect(testedLimitText(next).en).toBe(`on the ${formatRmb(owed?.amount ?? 0)} owed, above the ${formatRmb(next.affordability.limit ?? 0)} limit tested`);
    expect(testedLimitText(next).zhHans).toBe(`按所欠${formatRmb(owed?.amount ?? 0)}计算（高于测试额度${formatRmb(next.affordability.limit ?? 0)}）`);
  });

  it('a limit below the request keeps its heading and the fully used line keeps its words', async () => {
    const { next, at } = await screenOf('new_graduate');
    expect(next.requestedLimit).not.toBeNull();
    expect(at('4. Principal reasons')).toBe(`4. Principal reasons (limit below the ${formatRmb(next.requestedLimit ?? 0)} asked):`);
    expect(at('5. Budget assistant')).toContain(`a fully used ${formatRmb(next.limit)} line costs ${formatRmb(next.affordability.monthlyPayment)} a month`);
  });

  it('a decline has no heading note', async () => {
    const { next, at } = await screenOf('rural_household');
    expect(next.outcome).toBe('decline');
    expect(at('4. Principal reasons')).toBe('4. Principal reasons:');
  });

  it('every reason owed is headed by what owes it', () => {
    const base = { outcome: 'approve', lineAction: 'lower', limit: 500_000, previousLimit: 800_000, requestedLimit: null } as const;
    const heads = (d: Partial<Decision>) => {
      const lines = demoScreen(
        1,
        1,
        exampleFor('new_graduate'),
        exampleUploadStep(exampleFor('new_graduate')).certificate,
        fakeFirst,
        { ...fakeFirst, ...d, reasons: [{ code: 'limit_risk_grade', source: 'policy', factor: 'risk', en: 'x', zhHans: 'y' }] } as Decision,
        scorer.policy.limits,
      );
      return lines.find((l) => l.startsWith('4.')) ?? '';
    };
    expect(heads(base)).toBe('4. Principal reasons (line lowered from ¥8,000):');
    expect(heads({ ...base, outcome: 'refer', lineAction: 'review', limit: 900_000 })).toBe('4. Principal reasons (referred to a person to review):');
  });
});

let fakeFirst: Decision;
beforeAll(async () => {
  fakeFirst = await scorer.decide(exampleUploadStep(exampleFor('new_graduate')).before);
});
