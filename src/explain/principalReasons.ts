import type { PolicyReasonCode } from '../policy/policyReasons.js';
import { LIMIT_SETTING_REASONS, policyReasons } from '../policy/policyReasons.js';
import type { FeatureReasons } from '../features/featureDefinitions.js';
import type { FactorContribution } from './factorContributions.js';
import { factorCatalog } from './factorCatalog.js';

/** At most this many principal reasons, as adverse-action practice and the product require. */
export const MAX_PRINCIPAL_REASONS = 4;

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
 * customer's own cap is not among them: when it holds a limit below the request it is the reason.
 */
const ONLY_IF_NOTHING_ELSE = new Set<PolicyReasonCode>(['limit_requested', 'line_held_for_review']);

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
 * lowered risk is never given as a reason against the applicant. `featureReasons` (by feature
 * name) words a factor's reason after the feature inside it that raised the risk most.
 */
export function principalReasons(
  policyCodes: readonly PolicyReasonCode[],
  contributions: readonly FactorContribution[],
  featureReasons?: ReadonlyMap<string, FeatureReasons>,
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
  for (const c of contributions) {
    if (out.length >= MAX_PRINCIPAL_REASONS || !(c.value > 0)) break;
    // The feature that raised the risk most speaks for its factor when it has its own words
    // (a lender's feature always does); otherwise the factor's general wording.
    const top = c.features.reduce<{ name: string; value: number } | undefined>((best, f) => (f.value > (best?.value ?? 0) ? f : best), undefined);
    const text = (top === undefined ? undefined : featureReasons?.get(top.name)?.raisesRisk) ?? factorCatalog[c.factor].raisesRisk;
    out.push({ code: `model_${c.factor}`, source: 'model', factor: c.factor, en: text.en, zhHans: text.zhHans, contribution: c.value });
  }
  if (out.length === 0) for (const code of policyCodes) if (ONLY_IF_NOTHING_ELSE.has(code) && out.length < MAX_PRINCIPAL_REASONS) push(code);
  return out;
}
