import type { ApplicantInput } from '../../src/schema/applicant.js';

/**
 * A salaried applicant paid 6,500 RMB a month through payroll (effective income 650,000 fen, a
 * 260,000 fen debt-service maximum under the default policy) with no line yet: the affordability
 * tests move only `otherMonthlyDebtService`, the room left for this lender's payment.
 */
export function payrollApplicant(id: string, otherMonthlyDebtService: number): ApplicantInput {
  return {
    id,
    asOf: '2026-11-24',
    birthDate: '1995-05-14',
    identity: { idHash: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' },
    employment: { type: 'salaried', industry: 'information_technology', startDate: '2020-08-15' },
    income: { monthlyNet: 650_000, source: 'payroll' },
    socialInsuranceMonths: 40,
    housingFundMonths: 40,
    residence: { cityTier: 2, region: 'central' },
    bureau: { hasFile: true, otherMonthlyDebtService },
    platform: { accountAgeMonths: 40, transactions3m: 150, transactionAmount3m: 1_300_000, onTimeRepaymentRate: 1, currentLimit: 0 },
    household: { monthlyEssentialSpending: 200_000, dependants: 0 },
    controls: {},
    evidence: [],
  };
}
