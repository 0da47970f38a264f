import type { PolicyConfig } from '../policy/policyConfig.js';

/**
 * Share of a granted limit assumed drawn (exposure at default = limit x utilisation) when the
 * policy sets no `portfolio.utilisation`. Small revolving lines used for everyday spending run at
 * roughly half their limit on average: our assumption, to be replaced by the lender's own figure.
 */
export const DEFAULT_UTILISATION = 0.5;

/** The assumptions that turn limits into money: from the policy, with documented defaults. */
export interface PortfolioAssumptions {
  /** Loss given default: the policy's `pricing.lgd`. */
  readonly lgd: number;
  /** Drawn share of the limit: the policy's `portfolio.utilisation`, else {@link DEFAULT_UTILISATION}. */
  readonly utilisation: number;
}

/** The portfolio assumptions a policy carries. */
export function portfolioAssumptions(policy: PolicyConfig): PortfolioAssumptions {
  return { lgd: policy.pricing.lgd, utilisation: policy.portfolio?.utilisation ?? DEFAULT_UTILISATION };
}

/**
 * Expected 12-month credit loss of one granted line, fen (fractional): PD x LGD x exposure, with
 * exposure = limit x utilisation.
 */
export function expectedLoss(limit: number, pd: number, a: PortfolioAssumptions): number {
  return pd * a.lgd * limit * a.utilisation;
}

/**
 * Expected 12-month interest income of one granted line, fen (fractional): APR x exposure x (1 -
 * PD). Interest is earned on the drawn balance of the lines that do not default; fees beyond the
 * APR are not counted (the comprehensive cost is reported beside it when decisions carry one).
 */
export function expectedInterestIncome(limit: number, apr: number, pd: number, a: PortfolioAssumptions): number {
  return apr * limit * a.utilisation * (1 - pd);
}
