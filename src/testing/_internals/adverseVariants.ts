import fc from 'fast-check';
import type { PolicyConfig } from '../../policy/policyConfig.js';
import type { Applicant } from '../../schema/applicant.js';
import { MAX_MONEY_FEN } from '../../schema/primitives.js';
import { approvable as approvableApplicant } from './approvable.js';

/** Essentials at most this share of income in the approvable variant: room for a line, affordability still binding on some. */
const APPROVABLE_ESSENTIALS_SHARE = 0.4;

/** The most days past due an applicant may show (the schema's bound). */
const MAX_DAYS_PAST_DUE = 10_000;
/** The most enquiries or delinquencies an applicant may show (the schema's bound on a count). */
const MAX_COUNT = 1_000_000;

/** What turns an applicant adverse, as data that prints and shrinks well. */
export interface AdverseDraw {
  /** Rounding steps above the product maximum: the amount asked and the line on file. */
  readonly above: number;
  /** How the declined variant is declined: days past due above the knock-out, or the customer's own cap below the product minimum. */
  readonly declineBy: 'past_due' | 'own_cap';
}

/** Draws of {@link AdverseDraw}: up to 100 steps above the product maximum, either way of declining. */
export function adverseDrawArbitrary(): fc.Arbitrary<AdverseDraw> {
  return fc.record({ above: fc.integer({ min: 1, max: 100 }), declineBy: fc.constantFrom('past_due' as const, 'own_cap' as const) });
}

/** The same applicant, each variant owing principal reasons whatever its PD (see {@link adverseVariants}). */
export interface AdverseVariants {
  readonly referred: Applicant;
  readonly declined: Applicant;
  readonly belowRequest: Applicant;
}

/**
 * The applicant made adverse three ways, so a law about what adverse decisions owe meets each on
 * every run rather than when the PD happens to land there (a scorer dropping the reasons of
 * referrals passed 6 seeds in 20 at the README's settings, having met none):
 * - `referred`: the customer asks for a person (`controls.humanReview`), a referral whatever else holds;
 * - `declined`: days past due above the policy's knock-out, or a cap of the customer's own below the
 *   product minimum (which no person can grant under; also where the policy knocks out only above
 *   the most days past due an applicant may show);
 * - `belowRequest`: moved out of the knock-outs and into room for a line ({@link approvableApplicant}),
 *   asking for more than the product offers, on a line on file above it too (a line an older product
 *   granted), so what may be granted is below both: an approval below the request (lowering the
 *   line) unless the PD refers or declines it, which owe reasons as well.
 * Neither the declined nor the lower variant asks for a person, which would make it a referral.
 */
export function adverseVariants(a: Applicant, policy: PolicyConfig, draw: AdverseDraw): AdverseVariants {
  const { humanReview: _asked, ...controls } = a.controls;
  // Out of the knock-outs and into room for a line, so that what may be granted is mostly a line.
  const approvable = approvableApplicant({ ...a, controls }, policy, APPROVABLE_ESSENTIALS_SHARE);
  // A line on file is at most 10^12 fen: on a product offering that, the request binds (no reason owed).
  const above = Math.min(MAX_MONEY_FEN, policy.limits.productMax + draw.above * policy.limits.roundingStep);
  // An applicant's days past due stop at 10,000: a policy knocking out only above that declines by the cap.
  const pastDue = policy.knockouts.maxCurrentDaysPastDue + draw.above;
  const byPastDue = draw.declineBy === 'past_due' && pastDue <= MAX_DAYS_PAST_DUE;
  return {
    referred: { ...a, controls: { ...a.controls, humanReview: true } },
    declined: byPastDue
      ? { ...a, bureau: { ...a.bureau, currentDaysPastDue: pastDue }, controls }
      : { ...a, controls: { ...controls, selfSetCap: policy.limits.productMin - 1 } },
    belowRequest: {
      ...approvable,
      platform: { ...approvable.platform, currentLimit: above, currentBalance: Math.min(approvable.platform.currentBalance, above) },
      controls: { ...approvable.controls, requestedLimit: above },
    },
  };
}

/**
 * The applicant with every bureau knock-out of the policy applying (days past due, delinquencies,
 * enquiries, each one above its threshold where the schema lets an applicant show that many): a
 * line reassessed on it is held with three causes or more ahead of the hold, which fill the four
 * principal reasons once a reduction's own request leads them.
 */
export function everyBureauKnockout(a: Applicant, policy: PolicyConfig): Applicant {
  const k = policy.knockouts;
  return {
    ...a,
    bureau: {
      ...a.bureau,
      hasFile: true,
      currentDaysPastDue: Math.min(MAX_DAYS_PAST_DUE, k.maxCurrentDaysPastDue + 1),
      delinquencies24m: Math.min(MAX_COUNT, k.maxDelinquencies24m + 1),
      enquiries6m: Math.min(MAX_COUNT, k.maxEnquiries6m + 1),
    },
  };
}
