import { deepFreeze } from '../common/deepFreeze.js';
import { cnConsumerFinance2024 } from './jurisdictionProfile.js';
import type { PolicyConfig } from './policyConfig.js';

/**
 * A starting policy for a Chinese consumer-finance credit line (small, frequent, unsecured use).
 * Every number is an assumption of ours, meant to be overridden with {@link resolvePolicy}.
 * Frozen: derive a changed copy with `resolvePolicy(overrides)`.
 */
export const defaultPolicy: PolicyConfig = deepFreeze({
  name: 'creditlift default consumer credit line',
  version: '1',
  // 18 is legal capacity; 60 keeps a 12-month line clear of typical retirement.
  age: { min: 18, max: 60 },
  knockouts: {
    // Any amount overdue today anywhere means the applicant is already in trouble.
    maxCurrentDaysPastDue: 0,
    maxDelinquencies24m: 2,
    // Many hard enquiries in six months is the classic sign of credit hunger.
    maxEnquiries6m: 8,
    declinePdAbove: 0.2,
  },
  refer: {
    pdAbove: 0.12,
    // 20,000 RMB a month self-declared is far above the segment; worth a human look.
    selfDeclaredIncomeAbove: 2_000_000,
    duplicateEvidence: 'refer',
  },
  grades: [
    { grade: 'A', maxPd: 0.02, incomeMultiple: 3 },
    { grade: 'B', maxPd: 0.05, incomeMultiple: 2.5 },
    { grade: 'C', maxPd: 0.08, incomeMultiple: 2 },
    { grade: 'D', maxPd: 0.12, incomeMultiple: 1.5 },
    { grade: 'E', maxPd: 1, incomeMultiple: 1 },
  ],
  pricing: {
    costOfFunds: 0.035,
    // Unsecured small-ticket consumer credit recovers little after default.
    lgd: 0.85,
    operatingCost: 0.04,
    margin: 0.03,
    // 7.3% APR is 0.02% a day, the lowest rate such products usually show.
    aprFloor: 0.073,
    aprCap: 0.24,
    // Billed by the day on a 0.0001% grid: the top rate is 0.0657% a day, 23.9805% a year,
    // since 0.0658% x 365 = 24.017% would bill above the cap.
    dailyRateStep: 0.000001,
    // Guidance reported from late 2025: average comprehensive cost of new loans at most 20% from 2026.
    averageCostAlertAbove: 0.2,
  },
  fees: {
    oneOffRate: 0,
    monthlyRate: 0,
    // Huabei-style plan fees as reported; comprehensive cost (12 x monthly IRR) 14.94% to 15.86%.
    instalmentPlans: [
      { months: 3, feeRate: 0.025 },
      { months: 6, feeRate: 0.045 },
      { months: 9, feeRate: 0.065 },
      { months: 12, feeRate: 0.088 },
    ],
  },
  jurisdiction: cnConsumerFinance2024,
  // Campus lending is tightly restricted: a person looks at any student without a guardian or
  // second repayment source on file.
  students: { withoutSecondRepaymentSource: 'refer' },
  affordability: {
    termMonths: 12,
    // Verified sources count in full; a bank statement may include transfers; self-declared is unverified.
    incomeHaircut: { payroll: 0, tax_record: 0, bank_statement: 0.1, self_declared: 0.3 },
    minEffectiveMonthlyIncome: 100_000,
    // Lower incomes get less room for debt, since essentials take a larger share of them.
    dsrBands: [
      { incomeUpTo: 300_000, maxDsr: 0.3 },
      { incomeUpTo: 800_000, maxDsr: 0.4 },
      { incomeUpTo: 2_000_000, maxDsr: 0.45 },
      { incomeUpTo: null, maxDsr: 0.5 },
    ],
    // Near the urban minimum living allowance (dibao) of 2026; catches implausibly low declarations.
    minEssentialsPerPerson: 60_000,
    // A buffer left after essentials and all repayments; first-tier cities cost most.
    residualFloorByCityTier: [80_000, 65_000, 50_000, 40_000, 30_000],
  },
  limits: {
    productMin: 50_000,
    productMax: 5_000_000,
    // No cap of the lender's own beyond the regulatory one.
    lenderCapPerBorrower: null,
    roundingStep: 10_000,
    belowMinimum: 'decline',
  },
  // Step limits bound how fast an existing line grows; they are a brake on velocity (bust-out
  // fraud, a sudden change of circumstances), not a second risk cap: risk and affordability set
  // the size. The numbers are chosen so that a first full assessment of a line the platform set
  // earlier (thin-file lines of 1,500-8,000 RMB in the examples; 3,300 / 8,400 / 17,200 RMB at
  // p10 / p50 / p90 in the synthetic population) reaches its risk and affordability limit in one
  // step, and a certificate uploaded the same month still has room to move it.
  // Measured on 3,000 synthetic applicants (seed 7, asOf 2026-11-01): the old 0.5 x / 2,000 RMB /
  // 10,000 RMB a month / 2 rises held 711 of 2,869 first decisions on a line and let 324 of 1,073
  // applicants with an accepted certificate gain from one; these hold 39 and let 539 gain
  // (559 with no step limits at all). See models/default/POPULATION.md, section 8.
  stepLimits: {
    // A line may rise to 2.5 x its size in one step ...
    perStepRatio: 1.5,
    // ... or by 15,000 RMB, whichever is more, so a 1,500-3,000 RMB thin-file line can reach the
    // 12,000-17,000 RMB its holder's risk and affordability support (the new graduates' examples).
    perStepAmount: 1_500_000,
    windowDays: 30,
    // At most 20,000 RMB of increases within 30 days ...
    windowMaxIncrease: 2_000_000,
    // ... in at most three rises: the first assessment, a certificate upload, one more.
    windowMaxCount: 3,
  },
});
