import type { PolicyReasonCode } from '../policy/policyReasons.js';
import { LIMIT_SETTING_REASONS, policyReasons } from '../policy/policyReasons.js';
import type { FeatureReasons } from '../features/featureDefinitions.js';
import type { FactorContribution } from './factorContributions.js';
import { factorCatalog } from './factorCatalog.js';

/** At most this many principal reasons, as adverse-action practice and the product require. */
export const MAX_PRINCIPAL_REASONS = 4;

/**
 * The least a model factor must add to the log-odds of default to be a principal reason: 0.05,
 * about a twentieth more on the odds of default (3.00% to 3.15%). A factor below it moved the
 * score by less than the model's own rounding of a limit could show (the new graduate's "Age and
 * residence profile" added 0.0006 log-odds, 0.001 PD points), and telling a customer it is why
 * they got less gives them nothing to act on. Measured in log-odds whatever the contribution space.
 */
export const MODEL_REASON_MIN_LOG_ODDS = 0.05;

/** The contributions a decision carries, as far as reading them in log-odds needs. */
export interface ContributionsInSpace {
  readonly space: 'log_odds' | 'probability';
  readonly baseline: number;
  readonly factors: readonly { readonly value: number }[];
}

const logit = (p: number) => Math.log(p / (1 - p));

/**
 * What multiplies a factor's value to give its log-odds contribution: 1 in log-odds space; in
 * probability space the inverse of the single scale `toProbabilitySpace` applied (every factor's
 * log-odds times (pd - baseline pd) / (margin - bias)), read back from the baseline and the sum.
 */
export function logOddsPerUnit(c: ContributionsInSpace): number {
  if (c.space === 'log_odds') return 1;
  let sum = 0;
  for (const f of c.factors) sum += f.value;
  const pBase = c.baseline;
  const pRow = pBase + sum;
  const delta = pRow > 0 && pRow < 1 ? logit(pRow) - logit(pBase) : Number.NaN;
  // Near no change the scale is the logistic's slope at the baseline.
  if (!(Math.abs(delta) > 1e-6) || !(Math.abs(sum) > 0)) return 1 / (pBase * (1 - pBase));
  return delta / sum;
}

/**
 * Which risk-raising model factors may be principal reasons. A factor is material when its
 * contribution is at least {@link MODEL_REASON_MIN_LOG_ODDS} in log-odds.
 */
export interface ModelReasonRule {
  /** What multiplies a factor's value to give log-odds (see {@link logOddsPerUnit}); default 1. */
  readonly logOddsPerUnit?: number;
  /**
   * False when the model could not move the result: without every material risk-raising factor
   * the policy reaches the same outcome, limit and rules (the limit is set by a cap the PD does
   * not touch, a step limit, the request, a knock-out the PD did not cause). No model factor is
   * a reason then. Default true. A function is asked only when a material factor would be named
   * (four policy reasons leave no room for one): finding out evaluates the policy once more.
   */
  readonly moves?: boolean | (() => boolean);
  /** Only these factors may be named (a follow-up keeps the ones its decision named). Default: any material factor. */
  readonly only?: ReadonlySet<string>;
}

/** The risk-raising factors at or above the materiality floor, largest first (`factors` sorted by value). */
export function materialRiskFactors<F extends { readonly value: number }>(factors: readonly F[], perUnit = 1): F[] {
  // A hair's tolerance so a factor exactly at the floor read back from probability space still counts.
  return factors.filter((f) => f.value > 0 && f.value * perUnit >= MODEL_REASON_MIN_LOG_ODDS * (1 - 1e-9));
}

/** One principal reason for a decline or a limit below what was asked. */
export interface PrincipalReason {
  /** Stable code: a policy reason code, or `model_<factor>` for a model factor. */
  readonly code: string;
  /** Whether the policy or the model used it. */
  readonly source: 'policy' | 'model';
  /** The factor used (a policy factor or a model factor). */
  readonly factor: string;
  readonly en: string;
  readonly zhHans: string;
  /** For model reasons: the factor's contribution to the log-odds of default. */
  readonly contribution?: number;
}

/**
 * Policy codes that say what was done rather than why less was granted: given only when nothing
 * else explains the result (the customer asked for less than the line on file, say). The
 * customer's own cap is not among them: when it holds a limit below the request it is the reason;
 * nor is a held line's reason, which is what the limit shown is (the line on file, held for a
 * person), so it is given where the decision puts it (before what sets a limit).
 */
const ONLY_IF_NOTHING_ELSE = new Set<PolicyReasonCode>(['limit_requested']);

/**
 * The policy codes that can be reasons for a decision setting or proposing `limit` (fen): all of
 * them, except on a limit of 0 that did not fall below the product minimum (a knock-out, a
 * person's decline), where what would have set a limit set none and is left out ("Limit set by
 * your risk grade" on a closed line). Below the minimum (`limit_below_product_minimum` among
 * `inForce`, the decision's codes), what held the limit there is the reason and stays.
 */
export function reasonCodesForLimit(codes: readonly PolicyReasonCode[], limit: number, inForce: readonly PolicyReasonCode[] = codes): PolicyReasonCode[] {
  if (limit > 0 || inForce.includes('limit_below_product_minimum')) return [...codes];
  return codes.filter((c) => !LIMIT_SETTING_REASONS.has(c));
}

/**
 * Picks up to four principal reasons: first what the policy actually applied (knock-outs, refer
 * conditions, failed affordability checks, the binding cap, step limits), then the model factors
 * that raised the risk most. Every reason names a factor that was used; a model factor that
 * lowered risk is never given as a reason against the applicant, nor one whose contribution is
 * below {@link MODEL_REASON_MIN_LOG_ODDS}, nor any where the model could not move the result
 * (`rule.moves` false). `featureReasons` (by feature name) words a factor's reason after the
 * feature inside it that raised the risk most.
 */
export function principalReasons(
  policyCodes: readonly PolicyReasonCode[],
  contributions: readonly FactorContribution[],
  featureReasons?: ReadonlyMap<string, FeatureReasons>,
  rule: ModelReasonRule = {},
): PrincipalReason[] {
  const out: PrincipalReason[] = [];
  const push = (code: PolicyReasonCode) => {
    const r = policyReasons[code];
    out.push({ code, source: 'policy', factor: r.factor, en: r.en, zhHans: r.zhHans });
  };
  for (const code of policyCodes) {
    if (out.length >= MAX_PRINCIPAL_REASONS) return out;
    if (!ONLY_IF_NOTHING_ELSE.has(code)) push(code);
  }
  // `contributions` arrive sorted by value, largest risk-raising first.
  const named = rule.moves === false ? [] : materialRiskFactors(contributions, rule.logOddsPerUnit ?? 1);
  let moves = typeof rule.moves === 'function' ? undefined : true;
  for (const c of named) {
    if (out.length >= MAX_PRINCIPAL_REASONS) break;
    if (rule.only !== undefined && !rule.only.has(c.factor)) continue;
    moves ??= (rule.moves as () => boolean)();
    if (!moves) break;
    // The feature that raised the risk most speaks for its factor when it has its own words
    // (a lender's feature always does); otherwise the factor's general wording.
    const top = c.features.reduce<{ name: string; value: number } | undefined>((best, f) => (f.value > (best?.value ?? 0) ? f : best), undefined);
    const text = (top === undefined ? undefined : featureReasons?.get(top.name)?.raisesRisk) ?? factorCatalog[c.factor].raisesRisk;
    out.push({ code: `model_${c.factor}`, source: 'model', factor: c.factor, en: text.en, zhHans: text.zhHans, contribution: c.value });
  }
  if (out.length === 0) for (const code of policyCodes) if (ONLY_IF_NOTHING_ELSE.has(code) && out.length < MAX_PRINCIPAL_REASONS) push(code);
  return out;
}
