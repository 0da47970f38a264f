import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { Decision } from '../../src/decision/decision.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import { euCcd2 } from '../../src/policy/jurisdictionProfile.js';
import type { PolicyConfig } from '../../src/policy/policyConfig.js';
import { resolvePolicy } from '../../src/policy/resolvePolicy.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';
import { MAX_MONEY_FEN } from '../../src/schema/primitives.js';
import { applicantArbitrary } from '../../src/testing/index.js';

// Every Decision matches the `Decision` output schema, money as safe integers, whatever money the
// applicant carries: an amount the applicant schema accepts gives a decision that parses (and so
// can be reassessed), and one it refuses is refused by name, never decided.

/** The money fields of an applicant, as paths, and how to set each. */
const moneyFields = {
  'income.monthlyNet': (a: Draft, v: number) => (a.income.monthlyNet = v),
  'bureau.otherConsumerCreditBalance': (a: Draft, v: number) => (a.bureau.otherConsumerCreditBalance = v),
  'bureau.otherMonthlyDebtService': (a: Draft, v: number) => (a.bureau.otherMonthlyDebtService = v),
  'platform.transactionAmount3m': (a: Draft, v: number) => (a.platform.transactionAmount3m = v),
  'platform.currentLimit': (a: Draft, v: number) => (a.platform.currentLimit = v),
  'platform.currentBalance': (a: Draft, v: number) => (a.platform.currentBalance = v),
  'platform.otherLinesLimit': (a: Draft, v: number) => (a.platform.otherLinesLimit = v),
  'household.monthlyEssentialSpending': (a: Draft, v: number) => (a.household.monthlyEssentialSpending = v),
  'controls.requestedLimit': (a: Draft, v: number) => (a.controls = { ...a.controls, requestedLimit: v }),
  'controls.selfSetCap': (a: Draft, v: number) => (a.controls = { ...a.controls, selfSetCap: v }),
} as const;
type MoneyField = keyof typeof moneyFields;
type Draft = {
  income: { monthlyNet: number };
  bureau: { otherConsumerCreditBalance?: number; otherMonthlyDebtService?: number };
  platform: { transactionAmount3m: number; currentLimit?: number; currentBalance?: number; otherLinesLimit?: number };
  household: { monthlyEssentialSpending: number };
  controls?: Record<string, unknown>;
};

/** Money from nothing to 2^53 - 1: mostly within the bound (up to it, where figures are largest), some above. */
const money = fc.oneof(
  { arbitrary: fc.constantFrom(0, 1, MAX_MONEY_FEN - 1, MAX_MONEY_FEN), weight: 2 },
  { arbitrary: fc.integer({ min: 0, max: 10_000_000 }), weight: 1 },
  { arbitrary: fc.integer({ min: 0, max: 1_000 }).map((k) => Math.floor((MAX_MONEY_FEN / 1_000) * k)), weight: 2 },
  { arbitrary: fc.constantFrom(MAX_MONEY_FEN + 1, Number.MAX_SAFE_INTEGER), weight: 1 },
  { arbitrary: fc.maxSafeNat(), weight: 1 },
);

const applicantWithMoney = fc
  .record({
    applicant: applicantArbitrary({ maxEvidence: 1 }),
    amounts: fc.dictionary(fc.constantFrom(...(Object.keys(moneyFields) as MoneyField[])), money, { maxKeys: 4 }),
  })
  .map(({ applicant, amounts }) => {
    const a = structuredClone(applicant) as unknown as Draft;
    for (const [field, value] of Object.entries(amounts)) moneyFields[field as MoneyField](a, value);
    return { applicant: a as unknown as ApplicantInput, amounts };
  });

const policies: [string, PolicyConfig][] = [
  ['the default policy', defaultPolicy],
  // Every money-moving number at its bound: no regulatory or lender cap, a product maximum at the
  // money bound, 100x income, all of income for debt service, and a one-month term.
  [
    'a policy at its bounds',
    resolvePolicy({
      jurisdiction: euCcd2,
      pricing: { aprCap: 0.5 },
      grades: [{ grade: 'A', maxPd: 1, incomeMultiple: 100 }],
      limits: { productMax: MAX_MONEY_FEN, lenderCapPerBorrower: null },
      affordability: { termMonths: 1, dsrBands: [{ incomeUpTo: null, maxDsr: 1 }], minEssentialsPerPerson: 0, residualFloorByCityTier: [0, 0, 0, 0, 0] },
      knockouts: { declinePdAbove: 1, maxCurrentDaysPastDue: 10_000 },
      refer: { pdAbove: 1, selfDeclaredIncomeAbove: MAX_MONEY_FEN },
    }),
  ],
  ['a policy with essentials per person at the money bound', resolvePolicy({ affordability: { minEssentialsPerPerson: MAX_MONEY_FEN } })],
];

describe('every decision matches the Decision output schema, whatever money the applicant schema accepts', () => {
  for (const [name, policy] of policies) {
    describe(name, () => {
      let scorer: Scorer;
      beforeAll(async () => {
        scorer = await createScorer({ policy, suggestionsPerDecision: 1 });
      });
      afterAll(() => scorer.close());

      it('decided, then reassessed from it: both parse; an amount above the bound is refused naming its field', async () => {
        await fc.assert(
          fc.asyncProperty(applicantWithMoney, async ({ applicant, amounts }) => {
            // The customer's own request and cap only ever bound the limit from above: any size is taken.
            const over = Object.entries(amounts)
              .filter(([k, v]) => v > MAX_MONEY_FEN && !k.startsWith('controls.'))
              .map(([k]) => k);
            let d: Decision;
            try {
              d = await scorer.decide(applicant);
            } catch (e) {
              expect(e).toBeInstanceOf(ValidationError);
              const named = (e as ValidationError).issues.map((i) => i.path.join('.'));
              // Only money above the bound is refused, each such field by name (a drawn profile may
              // also break a cross-field rule, e.g. a balance above the line: not ours to judge here).
              expect(over.length).toBeGreaterThan(0);
              for (const f of over) expect(named).toContain(f);
              return;
            }
            expect(over).toEqual([]);
            const parsed = Decision.safeParse(d);
            expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
            const again = await scorer.reassess(d, { applicant, evidence: [] });
            expect(Decision.safeParse(again).success).toBe(true);
          }),
          { seed: 7, numRuns: 60 },
        );
      });
    });
  }
});

describe('money at the bound gives a decision that parses; above it, a ValidationError naming the field', () => {
  const grad = exampleFor('new_graduate').applicant;
  const at = (patch: (a: Draft) => void): ApplicantInput => {
    const a = structuredClone(grad) as unknown as Draft;
    patch(a);
    return a as unknown as ApplicantInput;
  };
  const B = MAX_MONEY_FEN;

  it.each(policies)('%s: the largest figures each field allows', async (_, policy) => {
    const scorer = await createScorer({ policy, suggestionsPerDecision: 0 });
    try {
      const cases = [
        at((a) => {
          a.income.monthlyNet = B;
          a.controls = {};
        }),
        at((a) => {
          a.bureau.otherMonthlyDebtService = B;
          a.household.monthlyEssentialSpending = B;
          a.platform.currentLimit = B;
          a.platform.currentBalance = B;
        }),
        at((a) => {
          a.income.monthlyNet = B;
          a.bureau.otherMonthlyDebtService = B;
          a.platform.currentLimit = B;
          a.controls = {};
        }),
      ];
      for (const applicant of cases) {
        const d = await scorer.decide(applicant);
        const parsed = Decision.safeParse(d);
        expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
        const again = await scorer.reassess(d, { applicant, evidence: [] });
        expect(Decision.safeParse(again).success).toBe(true);
      }
    } finally {
      await scorer.close();
    }
  });

  it('4e15 fen of income and 2^53 - 1 of other debt are refused by name, with the bound', async () => {
    const scorer = await createScorer({ suggestionsPerDecision: 0 });
    try {
      const huge = at((a) => {
        a.income.monthlyNet = 4e15;
        a.bureau.otherMonthlyDebtService = Number.MAX_SAFE_INTEGER;
      });
      const e = await scorer.decide(huge).then(
        () => undefined,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(ValidationError);
      const issues = (e as ValidationError).issues;
      expect(issues.map((i) => i.path.join('.')).sort()).toEqual(['bureau.otherMonthlyDebtService', 'income.monthlyNet']);
      expect(issues[0]?.message).toMatch(/at most 1000000000000 fen \(10,000,000,000 RMB\)/);
    } finally {
      await scorer.close();
    }
  });
});
