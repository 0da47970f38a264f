import { refuseArguments, typeIssue, typeNameOf } from '../errors/argumentIssues.js';
import type { ValidationIssue } from '../errors/validationError.js';
import { readKnownFields } from '../errors/readOptions.js';
import type { PolicyConfig } from '../policy/policyConfig.js';
import { validatePolicy } from '../policy/validatePolicy.js';

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

/**
 * The portfolio assumptions a policy carries.
 *
 * @throws PolicyInvalidError when `policy` is not a valid PolicyConfig
 */
export function portfolioAssumptions(policy: PolicyConfig): PortfolioAssumptions {
  // A validated policy (every one the engine holds) is a cached lookup.
  validatePolicy(policy);
  return { lgd: policy.pricing.lgd, utilisation: policy.portfolio?.utilisation ?? DEFAULT_UTILISATION };
}

/**
 * Expected 12-month credit loss of one granted line, fen (fractional): PD x LGD x exposure, with
 * exposure = limit x utilisation.
 *
 * @throws ValidationError (subject `expectedLoss`) naming `limit`, `pd` or a field of `a` that is
 *   not a number in its range
 */
export function expectedLoss(limit: number, pd: number, a: PortfolioAssumptions): number {
  const read = readPortfolioAssumptions(['a'], a);
  refuseArguments('expectedLoss', [limitIssue(limit), shareIssue(['pd'], pd), read.issues]);
  return expectedLossOf(limit, pd, read.value as PortfolioAssumptions);
}

/** {@link expectedLoss} of a decision the engine made (unchecked: once per decision of a simulation). */
export function expectedLossOf(limit: number, pd: number, a: PortfolioAssumptions): number {
  return pd * a.lgd * limit * a.utilisation;
}

/**
 * Expected 12-month interest income of one granted line, fen (fractional): APR x exposure x (1 -
 * PD). Interest is earned on the drawn balance of the lines that do not default; fees beyond the
 * APR are not counted (the comprehensive cost is reported beside it when decisions carry one).
 */
export function expectedInterestIncome(limit: number, apr: number, pd: number, a: PortfolioAssumptions): number {
  const read = readPortfolioAssumptions(['a'], a);
  refuseArguments('expectedInterestIncome', [
    limitIssue(limit),
    typeof apr === 'number' && apr >= 0 && Number.isFinite(apr)
      ? undefined
      : { path: ['apr'], code: 'out_of_range', message: 'apr must be a finite annual rate >= 0', expected: 'number', received: typeNameOf(apr) },
    shareIssue(['pd'], pd),
    read.issues,
  ]);
  return expectedInterestIncomeOf(limit, apr, pd, read.value as PortfolioAssumptions);
}

/** {@link expectedInterestIncome} of a decision the engine made (unchecked: once per decision of a simulation). */
export function expectedInterestIncomeOf(limit: number, apr: number, pd: number, a: PortfolioAssumptions): number {
  return apr * limit * a.utilisation * (1 - pd);
}

function limitIssue(limit: unknown): ValidationIssue | undefined {
  if (typeof limit === 'number' && Number.isSafeInteger(limit) && limit >= 0) return undefined;
  return { path: ['limit'], code: 'invalid_fen', message: 'limit must be a whole number of fen >= 0', expected: 'integer', received: typeNameOf(limit) };
}

function shareIssue(path: readonly (string | number)[], v: unknown): ValidationIssue | undefined {
  if (typeof v === 'number' && v >= 0 && v <= 1) return undefined;
  return {
    path: [...path],
    code: 'out_of_range',
    message: `${String(path[path.length - 1])} must be a number in [0, 1]`,
    expected: 'number',
    received: typeNameOf(v),
  };
}

/**
 * Portfolio assumptions given by a caller, read once into a plain `{ lgd, utilisation }` (each in
 * [0, 1]) which the call then uses, and their issues: a getter or Proxy is `unreadable_input` at its
 * path, never thrown raw, and cannot show the check one share and the figures another. Other keys
 * are left unread, as they always were (a summary's assumptions are given back as they came).
 */
export function readPortfolioAssumptions(
  path: readonly (string | number)[],
  a: unknown,
): { readonly value: PortfolioAssumptions | undefined; readonly issues: ValidationIssue[] } {
  const notObject = typeIssue(path, a, 'object', 'portfolio assumptions { lgd, utilisation } (see portfolioAssumptions)');
  if (notObject !== undefined) return { value: undefined, issues: [notObject] };
  const read = readKnownFields(a, ['lgd', 'utilisation'], path);
  if (read.value === undefined || read.issues.length > 0) return { value: undefined, issues: read.issues };
  const o = read.value;
  const issues = [shareIssue([...path, 'lgd'], o.lgd), shareIssue([...path, 'utilisation'], o.utilisation)].filter(
    (i): i is ValidationIssue => i !== undefined,
  );
  return { value: issues.length === 0 ? (o as unknown as PortfolioAssumptions) : undefined, issues };
}
