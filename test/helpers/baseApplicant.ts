import { Applicant, type ApplicantInput } from '../../src/schema/applicant.js';

/** A plain, valid applicant for unit tests; override any part. */
export function baseApplicantInput(overrides: Partial<ApplicantInput> = {}): ApplicantInput {
  return {
    id: 'test-0001',
    asOf: '2026-11-01',
    birthDate: '1999-05-20',
    identity: { idHash: 'a'.repeat(64) },
    employment: { type: 'salaried', industry: 'manufacturing', startDate: '2024-03-01' },
    income: { monthlyNet: 600_000, source: 'payroll' },
    socialInsuranceMonths: 20,
    housingFundMonths: 12,
    residence: { cityTier: 3, region: 'central' },
    bureau: { hasFile: true, enquiries6m: 1, delinquencies24m: 0, currentDaysPastDue: 0, otherConsumerCreditBalance: 300_000, otherMonthlyDebtService: 50_000 },
    platform: {
      accountAgeMonths: 30,
      transactions3m: 150,
      transactionAmount3m: 1_350_000,
      onTimeRepaymentRate: 0.98,
      currentLimit: 500_000,
      currentBalance: 120_000,
    },
    household: { monthlyEssentialSpending: 250_000, dependants: 0 },
    controls: {},
    evidence: [],
    ...overrides,
  };
}

/** {@link baseApplicantInput}, validated. */
export function baseApplicant(overrides: Partial<ApplicantInput> = {}): Applicant {
  return Applicant.parse(baseApplicantInput(overrides));
}
