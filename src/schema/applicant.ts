import { z } from 'zod';
import { ApplicantIdText } from './applicantIdText.js';
import { applicantRulesRefinement } from './applicantRules.js';
import { CertificateEvidence, MAX_EVIDENCE_ITEMS } from './certificateEvidence.js';
import { nameText } from './nameText.js';
import { BoundedFen, Count, Fen, IsoDate, Sha256Hex, Share } from './primitives.js';
import type { ReadonlyArrays } from '../common/deepReadonly.js';

/** Kind of employment. Gig covers ride-hailing, courier, delivery, streaming. */
export const EmploymentType = z.enum(['salaried', 'self_employed', 'gig', 'farmer', 'student', 'other']);
/** Kind of employment. */
export type EmploymentType = z.infer<typeof EmploymentType>;

/** Industry of the main job. The three largest user occupations come first. */
export const Industry = z.enum([
  'manufacturing',
  'construction',
  'wholesale_retail',
  'transport_logistics',
  'hospitality_catering',
  'agriculture',
  'education',
  'healthcare',
  'finance',
  'information_technology',
  'public_sector',
  'domestic_services',
  'culture_media',
  'other',
]);
/** Industry of the main job. */
export type Industry = z.infer<typeof Industry>;

/** Where the income figure comes from, strongest first. Self-declared income is haircut by policy. */
export const IncomeSource = z.enum(['payroll', 'tax_record', 'bank_statement', 'self_declared']);
/** Where the income figure comes from. */
export type IncomeSource = z.infer<typeof IncomeSource>;

/** Region of residence (the National Bureau of Statistics' four economic regions). */
export const Region = z.enum(['east', 'central', 'west', 'northeast']);
/** Region of residence. */
export type Region = z.infer<typeof Region>;

/**
 * An applicant for a credit limit, as the lender knows them on `asOf`.
 *
 * Strict: unknown keys are rejected, and there is deliberately no field for gender, ethnicity,
 * religion or any other protected characteristic; passing one is a validation error.
 * All money is integer fen; what the applicant has (income, debts, balances, lines, spending) is at
 * most `MAX_MONEY_FEN` (10 billion RMB), so every figure derived from it stays a safe integer.
 * The customer's own request and cap only bound the limit from above and take any amount.
 */
export const Applicant = z
  .strictObject({
    id: ApplicantIdText.describe('Caller-supplied id; the only personal datum kept in the audit'),
    asOf: IsoDate.describe('Decision date; every age and recency is measured to it'),
    birthDate: IsoDate,
    identity: z
      .strictObject({
        idHash: Sha256Hex.describe('SHA-256 of the national ID, hashed by the lender'),
        name: nameText('identity.name', 100, 'person').optional(),
      })
      .describe('Used only to match certificate holders; never a model input'),
    employment: z.strictObject({
      type: EmploymentType,
      industry: Industry,
      startDate: IsoDate.optional().describe('Start of the current job or activity'),
    }),
    income: z.strictObject({
      monthlyNet: BoundedFen.describe('Monthly net income, fen'),
      source: IncomeSource,
    }),
    socialInsuranceMonths: Count.max(600).describe('Months of social-insurance contributions'),
    housingFundMonths: Count.max(600).describe('Months of housing-provident-fund contributions'),
    residence: z.strictObject({
      cityTier: z.number().int().min(1).max(5).describe('1 = first-tier city ... 5 = fifth tier / county / rural'),
      region: Region,
    }),
    bureau: z.strictObject({
      hasFile: z.boolean().describe('Whether a credit-bureau file exists at all'),
      enquiries6m: Count.optional().describe('Hard enquiries in the last 6 months'),
      delinquencies24m: Count.optional().describe('Delinquent accounts in the last 24 months'),
      currentDaysPastDue: Count.max(10_000).default(0).describe('Days past due today on any account'),
      otherConsumerCreditBalance: BoundedFen.default(0).describe('Outstanding consumer-credit balances elsewhere, fen'),
      otherMonthlyDebtService: BoundedFen.default(0).describe('Monthly repayments on all other debt, fen'),
    }),
    platform: z.strictObject({
      accountAgeMonths: Count.max(600),
      transactions3m: Count.describe('Credit-line uses in the last 3 months'),
      transactionAmount3m: BoundedFen.describe('Amount of those uses, fen'),
      onTimeRepaymentRate: Share.optional().describe('Share of bills repaid on time; absent if never billed'),
      currentLimit: BoundedFen.default(0),
      currentBalance: BoundedFen.default(0),
      otherLinesLimit: BoundedFen.optional().describe(
        'Absent means none. Sum of the unsecured credit lines THIS lender already grants the borrower on its other products (the line decided here excluded), fen. Counts against the per-borrower regulatory cap; balances at other lenders do not (they go into otherMonthlyDebtService)',
      ),
    }),
    household: z.strictObject({
      monthlyEssentialSpending: BoundedFen.describe('Rent, food, utilities, transport, fen per month'),
      dependants: Count.max(20),
      secondRepaymentSource: z
        .enum(['guardian', 'co_borrower', 'guarantor', 'other_income'])
        .optional()
        .describe('A guardian or other second repayment source the applicant declared (the student rule looks for one)'),
    }),
    controls: z
      .strictObject({
        requestedLimit: Fen.optional().describe('The limit the user asked for'),
        selfSetCap: Fen.optional().describe('A ceiling the user set on their own limit; always honoured'),
        humanReview: z
          .boolean()
          .optional()
          .describe(
            'The customer asks that no decision about them be made solely by automated means: the outcome is then refer, terms kept for a reviewer. A reassessment keeps a pending request unless this is false (the customer withdraws it)',
          ),
      })
      .default({}),
    evidence: z.array(CertificateEvidence).max(MAX_EVIDENCE_ITEMS).default([]),
    financialHealth: z
      .strictObject({
        overBudgetMonths: Count.max(1200).describe(
          "Consecutive complete months the customer's spending ran over their own budget (creditlift/health overBudgetStreak, which reads up to 1200 months)",
        ),
      })
      .optional()
      .describe('Signals from the budget assistant: used by the decision to offer a lower limit, never by the model'),
    attributes: z
      .strictObject({})
      .optional()
      .describe("The lender's own declared attributes (createScorer({ features }) declares and validates them); none without a declaration"),
  })
  // Cross-field rules (dates in order) live in the schema itself, so Applicant.safeParse refuses
  // what parseApplicant refuses; `when` runs them even when other fields already failed.
  .superRefine(applicantRulesRefinement, { when: () => true });

/** A validated applicant (defaults applied). */
export type Applicant = z.infer<typeof Applicant>;
/**
 * An applicant as a caller writes it (defaults optional). Its arrays (`evidence`) are readonly, so a
 * frozen example, an `as const` literal or a deep-readonly DTO passes as `decide` accepts it.
 */
export type ApplicantInput = ReadonlyArrays<z.input<typeof Applicant>>;
