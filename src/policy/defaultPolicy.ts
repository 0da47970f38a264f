import { deepFreeze } from './deepFreeze.js';
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
  },
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
    regulatoryCapPerBorrower: 20_000_000,
    roundingStep: 10_000,
    belowMinimum: 'decline',
  },
  stepLimits: {
    perStepRatio: 0.5,
    perStepAmount: 200_000,
    windowDays: 30,
    windowMaxIncrease: 1_000_000,
    windowMaxCount: 2,
  },
});
