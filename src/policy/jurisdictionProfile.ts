import { deepFreeze } from '../common/deepFreeze.js';
import { z } from 'zod';
import { BannedDataCategories } from '../schema/bannedDataCategories.js';
import { Fen } from '../schema/primitives.js';
import type { DeepReadonly } from '../common/deepReadonly.js';

/**
 * The rules of one jurisdiction and lender type, as data, so a cap that moves is a number that
 * changes, never code. A policy carries the profile it runs under (`policy.jurisdiction`); the
 * lender's own numbers (`pricing.aprCap`, `limits.lenderCapPerBorrower`) may only be stricter.
 */
export const JurisdictionProfile = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'expected a kebab-case id'),
  name: z.string().min(1).max(200),
  aprCap: z
    .number()
    .finite()
    .min(0)
    .max(1)
    .nullable()
    .describe('Legal ceiling on the annualised comprehensive cost (nominal, every fee included); null where the profile sets no single figure'),
  perBorrowerCreditLineCap: Fen.nullable().describe(
    "Legal ceiling on the unsecured credit lines ONE lender grants ONE borrower, summed over that lender's products, fen; null where none applies",
  ),
  bannedDataCategories: BannedDataCategories.describe('Data categories no model input may use under this profile'),
  // Said, not enforced either way: a lender may give a person where no law requires one, so
  // `controls.humanReview` refers the decision under every profile and every notice says how to ask
  // for a review. `false` recorded that the law gives no such right, and changed nothing unsaid.
  solelyAutomatedDecisionOptOut: z
    .boolean()
    .describe(
      'Whether the law gives a customer the right to refuse a decision made solely by automated means (PIPL Art. 24; CCD2 Art. 18). A record of the rule (in the policy and its hash): creditlift honours controls.humanReview under every profile, true or false, and every adverse-action notice says how to ask for a person',
    ),
  sources: z.array(z.string().min(1).max(300)).max(20).describe('The texts the figures come from'),
});
/** One jurisdiction profile. */
export type JurisdictionProfile = DeepReadonly<z.infer<typeof JurisdictionProfile>>;

/**
 * China, licensed consumer-finance company, Administrative Measures in force April 2024: the
 * 200,000 RMB cap on the unsecured line one company grants one borrower; the 24% APR ceiling on
 * the comprehensive cost; the credit-reporting regulation's banned categories.
 */
export const cnConsumerFinance2024: JurisdictionProfile = deepFreeze({
  id: 'cn-consumer-finance-2024',
  name: 'China: consumer-finance company (Administrative Measures, April 2024)',
  aprCap: 0.24,
  perBorrowerCreditLineCap: 20_000_000,
  bannedDataCategories: ['religion', 'genetic', 'biometric', 'health', 'protected_characteristic'],
  solelyAutomatedDecisionOptOut: true,
  sources: [
    'Consumer Finance Company Administrative Measures (NFRA, in force 2024-04-18): unsecured line per borrower at most 200,000 RMB',
    'PBOC announcement 2021 No. 3: disclose the annualised comprehensive cost including every fee',
    'Regulation on the Administration of the Credit Reporting Industry, Art. 14',
    'Personal Information Protection Law, Art. 24',
  ],
});

/**
 * EU Consumer Credit Directive 2023/2225, applying from 20 November 2026, as far as it maps:
 * caps on rates or total cost are left to each member state (Art. 31), so no single APR cap
 * (set `pricing.aprCap` to the member state's); no per-borrower line cap; social-media and
 * health data banned from creditworthiness assessment (Art. 18(3)); a right to human
 * intervention and review (Art. 18(8)).
 */
export const euCcd2: JurisdictionProfile = deepFreeze({
  id: 'eu-ccd2',
  name: 'European Union: Consumer Credit Directive 2023/2225',
  aprCap: null,
  perBorrowerCreditLineCap: null,
  bannedDataCategories: ['social_media', 'health', 'religion', 'genetic', 'biometric', 'protected_characteristic'],
  solelyAutomatedDecisionOptOut: true,
  sources: ['Directive (EU) 2023/2225, Art. 18 and Art. 31'],
});

/**
 * The built-in profiles by id; pass one as `policy.jurisdiction`, or your own of the same shape
 * with its own id (a policy whose profile carries a built-in id must carry that profile unchanged).
 */
export const jurisdictionProfiles: Readonly<Record<string, JurisdictionProfile>> = Object.freeze({
  [cnConsumerFinance2024.id]: cnConsumerFinance2024,
  [euCcd2.id]: euCcd2,
});
