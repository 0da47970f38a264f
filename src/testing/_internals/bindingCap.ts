import type { Decision } from '../../decision/decision.js';
import type { PolicyResult } from '../../policy/applyPolicy.js';
import { roundDownToStep, type LimitCaps } from '../../policy/limit.js';
import type { PolicyConfig } from '../../policy/policyConfig.js';
import type { PolicyReasonCode } from '../../policy/policyReasons.js';
import { knockoutCodes } from './knockoutCodes.js';
import { fen } from './lawInputs.js';
import { requireLaw } from './runLaw.js';

type CapName = keyof LimitCaps;

/** The cap each binding-cap reason code blames. */
const CAP_OF_REASON: Readonly<Partial<Record<PolicyReasonCode, CapName>>> = {
  limit_risk_grade: 'risk',
  limit_affordability_income_level: 'affordability',
  limit_affordability_debt_service: 'affordability',
  limit_affordability_residual_income: 'affordability',
  limit_regulatory_cap: 'regulatory',
  limit_lender_cap: 'lender_cap',
  limit_product_max: 'product_max',
  limit_self_cap: 'self_cap',
  limit_requested: 'requested',
  requested_below_product_minimum: 'requested',
};

const STEP_LIMIT_CODES: readonly string[] = ['step_limit_per_step', 'step_limit_window_amount', 'step_limit_window_count'];

/** The smallest cap that is set, fen: what the engine's limit is composed from before rounding. */
function smallestCap(caps: LimitCaps): number {
  return Math.min(...Object.values(caps).filter((v): v is number => v !== null));
}

function isCapName(name: string, caps: LimitCaps): name is CapName {
  return Object.hasOwn(caps, name);
}

/**
 * Every binding-cap reason among `codes` blames a cap that binds: one set and equal to the
 * smallest cap (a tie names any of those equal). So the lender's own cap, the product maximum or
 * affordability can never be reported as the regulatory cap, nor the other way round.
 */
function capReasonsBind(codes: readonly string[], caps: LimitCaps, who: string): void {
  const smallest = smallestCap(caps);
  for (const code of codes) {
    const cap = CAP_OF_REASON[code as PolicyReasonCode];
    if (cap === undefined) continue;
    const value = caps[cap];
    requireLaw(
      value === smallest,
      () => `${who}: reason "${code}" blames the ${cap} cap (${fen(value)}), but the cap that binds is ${fen(smallest)} (${bindingNames(caps)})`,
    );
  }
}

/** A reason worded "Limit set by ..." a cap: every cap reason but a request below the minimum (which declines, naming the request). */
function limitSetByCap(code: string): CapName | undefined {
  return code === 'requested_below_product_minimum' ? undefined : CAP_OF_REASON[code as PolicyReasonCode];
}

/**
 * A "limit set by X" reason the customer reads (a principal reason) is given only where X set the
 * limit: the decision records X as its binding constraint, or X's figure rounded down to the step
 * is the limit granted or proposed. Below the product minimum X is what held the limit there (its
 * figure rounded down is below the minimum); on a held line X is what sets the line grantable
 * today (`maxGrantable`), which the held-line reason names. So a step limit that held the line
 * lower is never told as "Limit set by the product maximum", nor a used-up window as "Limit set by
 * your risk grade and income".
 */
function capReasonsSetLimit(d: Decision, policy: PolicyConfig, who: string): void {
  const step = policy.limits.roundingStep;
  for (const r of d.reasons) {
    if (r.source !== 'policy') continue;
    const cap = limitSetByCap(r.code);
    if (cap === undefined) continue;
    const value = d.caps[cap];
    const rounded = value === null ? null : roundDownToStep(value, step);
    const label = d.bindingConstraint;
    const set =
      label === cap ||
      (rounded !== null && d.limit > 0 && rounded === d.limit) ||
      // Below the minimum (a knock-out may decline the same decision): the cap held it there.
      (d.limit === 0 && rounded !== null && rounded < policy.limits.productMin && d.policyReasons.includes('limit_below_product_minimum')) ||
      // A held line's cap reasons say what may be granted today, whatever set the line held (a
      // line the customer lowered, still held, among them).
      ((label === 'line_on_file' || d.lineAction === 'hold') &&
        rounded !== null &&
        (rounded === d.maxGrantable || (d.maxGrantable === 0 && rounded < policy.limits.productMin)));
    requireLaw(
      set,
      () =>
        `${who}: reason "${r.code}" ("${r.en}") says the ${cap} cap (${fen(value)}) set the limit, but the limit is ${fen(d.limit)} and what set it is "${label}"${label === 'line_on_file' ? ` (grantable today ${fen(d.maxGrantable)})` : ''}`,
    );
  }
}

function bindingNames(caps: LimitCaps): string {
  const smallest = smallestCap(caps);
  return Object.entries(caps)
    .filter(([, v]) => v === smallest)
    .map(([k]) => k)
    .join(', ');
}

/**
 * The policy engine's own account of its caps holds: the binding constraint is a cap equal to the
 * smallest one, the composed limit is that cap rounded down to the step, and every binding-cap
 * reason blames a cap that binds.
 */
export function checkPolicyBinding(r: PolicyResult, policy: PolicyConfig, who: string): void {
  const smallest = smallestCap(r.caps);
  const bound = r.caps[r.bindingConstraint];
  requireLaw(
    bound === smallest,
    () => `${who}: the binding constraint is "${r.bindingConstraint}" (${fen(bound)}), but the cap that binds is ${fen(smallest)} (${bindingNames(r.caps)})`,
  );
  const composed = roundDownToStep(smallest, policy.limits.roundingStep);
  requireLaw(
    r.composedLimit === composed,
    () => `${who}: composed limit ${fen(r.composedLimit)}, not the smallest cap rounded down to the step, ${fen(composed)}`,
  );
  capReasonsBind(r.reasons, r.caps, who);
  // A cap the step limit stepped out of did not set the limit: no "Limit set by" it.
  if (r.limitSetBy === 'step_limit' && r.composedLimit >= policy.limits.productMin) {
    const named = r.reasons.filter((c) => limitSetByCap(c) !== undefined);
    requireLaw(
      named.length === 0,
      () => `${who}: a step limit set the limit ${fen(r.limit)} (the caps allowed ${fen(r.composedLimit)}), yet reason "${named[0]}" says a cap set it`,
    );
  }
}

/**
 * A decision's binding constraint and binding-cap reasons name what actually set its limit.
 *
 * On every decision a binding-cap reason (`limit_regulatory_cap`, `limit_lender_cap`, ...) blames
 * a cap equal to the smallest of `caps`, and a cap named as `bindingConstraint` is that smallest
 * cap. On every path (a reduction, a review and a contest included) a "Limit set by" principal
 * reason names a cap that set the limit (see capReasonsSetLimit): never the cap a step limit
 * stepped out of. On an automated decision (`decide`, `reassess`) the label also fits the limit:
 * - a cap (`regulatory`, `lender_cap`, `product_max`, `self_cap`, `requested`, `risk`,
 *   `affordability`): the limit is that cap rounded down to the rounding step;
 * - `step_limit`: a step-limit reason is given and the limit is below the smallest cap rounded down;
 * - `product_minimum`: `limit_below_product_minimum` is given, the limit is 0, and the smallest cap
 *   rounded down is below the product minimum, or a step limit held it there;
 * - `line_on_file`: the line is held (`lineAction: 'hold'`) above what may be granted today;
 * - `knockout`: a knock-out is among the policy codes and the limit is 0; the outcome is decline,
 *   or refer with the line for a person to review (`lineAction: 'review'`) where the customer asked
 *   for one: the right to a person holds on a knock-out too, and the knock-out still set the limit.
 * A reduction carries its prior's reasons and binding constraint (checked on the prior) under a
 * new self cap, so only the reduction's own record is checked elsewhere (a line it leaves held is
 * labelled `line_on_file`, and a cap it names as its binding constraint, rounded down to the step, is
 * its limit); so do a review and a contest of it. A person's approval is never
 * labelled `line_on_file`: it holds no line.
 */
export function checkDecisionBinding(d: Decision, policy: PolicyConfig, who: string): void {
  const kind = d.audit.kind;
  // Every path's principal reasons name what set the limit, a reduction's included.
  capReasonsSetLimit(d, policy, who);
  // A person's approval holds no line, so it never keeps a held line's label (a person lowering a held
  // line to what may be granted is labelled by the cap that sets it, or `person` below it).
  if (kind === 'review' && d.outcome === 'approve')
    requireLaw(
      d.bindingConstraint !== 'line_on_file',
      () => `${who}: a person approved ${fen(d.limit)} (${d.lineAction}), yet the binding constraint is "line_on_file"`,
    );
  // A line a reduction leaves held is labelled as every held line, as the reassessment after it
  // labels it: its cap set the figure, the hold is why it is above what may be granted.
  if (kind === 'reduction' && d.lineAction === 'hold')
    requireLaw(d.bindingConstraint === 'line_on_file', () => `${who}: the line is held, yet the binding constraint is "${d.bindingConstraint}"`);
  // A cap a reduction names as its binding constraint set its limit (the line, or a proposal still
  // waiting for a person): a customer's cap cutting a waiting raise to the line they hold kept the
  // label of the cap that had set the raise, 17,290.77 RMB of risk cap over a 5,000 RMB limit.
  if (kind === 'reduction' && d.lineAction !== 'hold' && isCapName(d.bindingConstraint, d.caps)) {
    const label = d.bindingConstraint;
    const value = d.caps[label];
    const rounded = value === null ? null : roundDownToStep(value, policy.limits.roundingStep);
    requireLaw(
      rounded === d.limit,
      () =>
        `${who}: the binding constraint is "${label}" (${fen(value)}), but the limit ${fen(d.limit)} (${d.lineAction}) is not that cap rounded down to the step`,
    );
  }
  if (kind === 'reduction') return;
  // A review or contest of a reduction carries the reduction's codes and caps, as the reduction
  // carries its prior's: checked there (the codes in force before the customer's cap).
  if ((kind === 'review' || kind === 'contest') && d.policyReasons.includes('customer_reduction')) return;
  const step = policy.limits.roundingStep;
  const smallest = smallestCap(d.caps);
  const rounded = roundDownToStep(smallest, step);
  const label = d.bindingConstraint;
  const said = `${who}: the binding constraint is "${label}"`;
  capReasonsBind(d.policyReasons, d.caps, who);
  if (isCapName(label, d.caps)) {
    const bound = d.caps[label];
    requireLaw(bound === smallest, () => `${said} (${fen(bound)}), but the cap that binds is ${fen(smallest)} (${bindingNames(d.caps)})`);
  }
  // Reviews and contests keep the automated label and caps beside a person's limit and line action.
  if (kind !== 'decide' && kind !== 'reassess') return;
  const codes = d.policyReasons as readonly string[];
  // A held line and the `line_on_file` label go together, both ways.
  requireLaw((label === 'line_on_file') === (d.lineAction === 'hold'), () => `${said} and the line action is "${d.lineAction}"`);
  if (isCapName(label, d.caps)) {
    requireLaw(d.limit === rounded, () => `${said}, but the limit ${fen(d.limit)} is not that cap rounded down to the step, ${fen(rounded)}`);
  } else if (label === 'step_limit') {
    requireLaw(
      codes.some((c) => STEP_LIMIT_CODES.includes(c)),
      () => `${said}, but no step-limit reason is given`,
    );
    requireLaw(d.limit < rounded, () => `${said}, but the limit ${fen(d.limit)} is not below the smallest cap rounded down, ${fen(rounded)}`);
  } else if (label === 'product_minimum') {
    const stepped = codes.some((c) => STEP_LIMIT_CODES.includes(c));
    requireLaw(
      codes.includes('limit_below_product_minimum') && d.limit === 0 && (rounded < policy.limits.productMin || stepped),
      () =>
        `${said}, but the smallest cap rounded down is ${fen(rounded)} against a product minimum of ${fen(policy.limits.productMin)} and the limit is ${fen(d.limit)}`,
    );
  } else if (label === 'line_on_file') {
    requireLaw(d.limit > d.maxGrantable, () => `${said}, but the limit ${fen(d.limit)} is not above what may be granted today, ${fen(d.maxGrantable)}`);
  } else if (label === 'knockout') {
    const knockouts = knockoutCodes(policy);
    requireLaw(
      codes.some((c) => knockouts.has(c)),
      () => `${said}, but no knock-out is among its policy codes (${codes.join(', ')})`,
    );
    const awaitsPerson = d.outcome === 'refer' && d.lineAction === 'review';
    requireLaw(
      d.limit === 0 && (d.outcome === 'decline' || awaitsPerson),
      () =>
        `${said}, but the decision is ${d.outcome} ${fen(d.limit)} (${d.lineAction}): a knock-out declines at 0, or refers at 0 to the person the customer asked for`,
    );
  }
}
