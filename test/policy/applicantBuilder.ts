import fc from 'fast-check';
import { Applicant, type ApplicantInput } from '../../src/schema/applicant.js';

/** A plain, valid applicant: a 24-year-old salaried factory worker in a third-tier city. */
export function buildApplicant(overrides: Partial<{ [K in keyof ApplicantInput]: ApplicantInput[K] }> = {}): Applicant {
  const base: ApplicantInput = {
    id: 'applicant-1',
    asOf: '2024-06-30',
    birthDate: '2000-03-15',
    identity: { idHash: 'a'.repeat(64) },
    employment: { type: 'salaried', industry: 'manufacturing', startDate: '2023-07-01' },
    income: { monthlyNet: 600_000, source: 'payroll' },
    socialInsuranceMonths: 11,
    housingFundMonths: 0,
    residence: { cityTier: 3, region: 'central' },
    bureau: { hasFile: true, enquiries6m: 1, delinquencies24m: 0, currentDaysPastDue: 0, otherConsumerCreditBalance: 0, otherMonthlyDebtService: 0 },
    platform: { accountAgeMonths: 30, transactions3m: 150, transactionAmount3m: 1_350_000, onTimeRepaymentRate: 1 },
    household: { monthlyEssentialSpending: 250_000, dependants: 0 },
    controls: {},
    evidence: [],
  };
  return Applicant.parse({ ...base, ...overrides });
}

/** The applicant fields the policy reads, drawn over realistic ranges (fen per month unless noted). */
export interface ApplicantDraw {
  readonly monthlyNet: number;
  readonly source: Applicant['income']['source'];
  readonly cityTier: number;
  readonly otherMonthlyDebtService: number;
  readonly otherConsumerCreditBalance: number;
  /** This lender's other lines to the borrower (counted against the per-borrower cap). */
  readonly otherLinesLimit: number;
  readonly monthlyEssentialSpending: number;
  readonly dependants: number;
  readonly selfSetCap: number | undefined;
  readonly requestedLimit: number | undefined;
  readonly currentLimit: number;
  readonly birthYear: number;
  readonly currentDaysPastDue: number;
  readonly enquiries6m: number | undefined;
  readonly delinquencies24m: number | undefined;
}

/** Draws of the policy-relevant applicant fields. */
// Weighted towards applicants the policy can approve, so laws about approved limits are exercised,
// with the edges (past due, heavy debt, extreme ages, no income) still drawn often enough.
export const applicantDrawArbitrary: fc.Arbitrary<ApplicantDraw> = fc.record({
  monthlyNet: fc.oneof(
    { arbitrary: fc.integer({ min: 200_000, max: 2_000_000 }), weight: 4 },
    { arbitrary: fc.integer({ min: 0, max: 6_000_000 }), weight: 1 },
  ),
  source: fc.constantFrom('payroll' as const, 'tax_record' as const, 'bank_statement' as const, 'self_declared' as const),
  cityTier: fc.integer({ min: 1, max: 5 }),
  otherMonthlyDebtService: fc.oneof({ arbitrary: fc.constant(0), weight: 2 }, { arbitrary: fc.integer({ min: 0, max: 500_000 }), weight: 1 }),
  otherConsumerCreditBalance: fc.oneof(
    { arbitrary: fc.constant(0), weight: 2 },
    { arbitrary: fc.integer({ min: 0, max: 2_000_000 }), weight: 2 },
    { arbitrary: fc.integer({ min: 0, max: 25_000_000 }), weight: 1 },
  ),
  otherLinesLimit: fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.integer({ min: 0, max: 25_000_000 }), weight: 1 }),
  monthlyEssentialSpending: fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: 250_000 }), weight: 3 },
    { arbitrary: fc.integer({ min: 0, max: 1_000_000 }), weight: 1 },
  ),
  dependants: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 1 }), weight: 3 }, { arbitrary: fc.integer({ min: 0, max: 4 }), weight: 1 }),
  selfSetCap: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: undefined, freq: 2 }),
  requestedLimit: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: undefined, freq: 2 }),
  currentLimit: fc.oneof({ arbitrary: fc.constant(0), weight: 2 }, { arbitrary: fc.integer({ min: 0, max: 500 }).map((h) => h * 10_000), weight: 1 }),
  birthYear: fc.oneof({ arbitrary: fc.integer({ min: 1966, max: 2004 }), weight: 6 }, { arbitrary: fc.integer({ min: 1950, max: 2010 }), weight: 1 }),
  currentDaysPastDue: fc.oneof({ arbitrary: fc.constant(0), weight: 8 }, { arbitrary: fc.integer({ min: 0, max: 120 }), weight: 1 }),
  enquiries6m: fc.option(fc.oneof({ arbitrary: fc.integer({ min: 0, max: 4 }), weight: 4 }, { arbitrary: fc.integer({ min: 0, max: 12 }), weight: 1 }), {
    nil: undefined,
  }),
  delinquencies24m: fc.option(fc.oneof({ arbitrary: fc.constant(0), weight: 4 }, { arbitrary: fc.integer({ min: 0, max: 4 }), weight: 1 }), { nil: undefined }),
});

/** PDs weighted towards the range a lender approves, with the whole of [0, 1] still drawn. */
export const pdArbitrary: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: fc.double({ min: 0, max: 0.2, noNaN: true }), weight: 4 },
  { arbitrary: fc.double({ min: 0, max: 1, noNaN: true }), weight: 1 },
);

/** Builds a validated applicant from a draw. */
export function applicantFromDraw(d: ApplicantDraw): Applicant {
  const base = buildApplicant();
  return Applicant.parse({
    ...base,
    birthDate: `${d.birthYear}-05-20`,
    income: { monthlyNet: d.monthlyNet, source: d.source },
    residence: { ...base.residence, cityTier: d.cityTier },
    bureau: {
      hasFile: true,
      currentDaysPastDue: d.currentDaysPastDue,
      otherConsumerCreditBalance: d.otherConsumerCreditBalance,
      otherMonthlyDebtService: d.otherMonthlyDebtService,
      ...(d.enquiries6m === undefined ? {} : { enquiries6m: d.enquiries6m }),
      ...(d.delinquencies24m === undefined ? {} : { delinquencies24m: d.delinquencies24m }),
    },
    platform: { ...base.platform, currentLimit: d.currentLimit, otherLinesLimit: d.otherLinesLimit },
    household: { monthlyEssentialSpending: d.monthlyEssentialSpending, dependants: d.dependants },
    controls: {
      ...(d.selfSetCap === undefined ? {} : { selfSetCap: d.selfSetCap }),
      ...(d.requestedLimit === undefined ? {} : { requestedLimit: d.requestedLimit }),
    },
  });
}
