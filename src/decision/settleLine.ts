import { roundDownToStep } from '../policy/limit.js';
import type { PolicyOutcome } from '../policy/applyPolicy.js';
import type { Decision, LineAction } from './decision.js';

/** What the policy grants today for one scenario. */
export interface GrantedToday {
  readonly outcome: PolicyOutcome;
  /** The limit under every cap, affordability and step limit; 0 on decline or below the minimum. */
  readonly limit: number;
}

/** The line after a decision, and what the lender does with it. */
export interface SettledLine {
  readonly outcome: PolicyOutcome;
  readonly limit: number;
  /** The most the policy grants today (0 on decline). */
  readonly maxGrantable: number;
  /** True when a reassessment kept a line on file that is above what may be granted today. */
  readonly held: boolean;
}

/** How a decision treats the line on file. */
export interface LineContext {
  /** The line before the decision: the prior decision's limit, or `platform.currentLimit`. */
  readonly previousLimit: number;
  /**
   * True for `reassess`: the line on file is protected (never lowered automatically, never raised
   * past what the policy grants). False for `decide`: the policy's answer today stands, whatever
   * the line on file, and `lineAction` says what it means for that line.
   */
  readonly protectLine: boolean;
  /** The customer's own cap, when set: it always holds, on every path. */
  readonly selfCap: number | null;
  readonly roundingStep: number;
  /** The product's smallest line: a cap below it leaves no line to keep. */
  readonly productMin: number;
  /**
   * True for a reassessment of a line a person closed (see {@link closedByPerson}): only a person
   * opens it again, so what the policy would approve is referred, the terms the proposal.
   */
  readonly closedByPerson: boolean;
  /**
   * True for a reassessment of a line a person set below what the policy granted (see
   * {@link cutByPerson}): only a person raises it again, so what the policy would approve above the
   * line on file is referred, the terms the proposal; the line stays as the person left it.
   */
  readonly cutByPerson: boolean;
}

/**
 * Settles the line. A reassessment may raise the line to what the policy grants today, but never
 * above it; when the line on file is above it (the profile got worse, other debt grew, a
 * knock-out now applies), the line is held as it is and referred to a person, who decides whether
 * to lower it: lowering an existing line is the lender's act, with notice, not an automatic side
 * effect of an upload. The customer's own cap is the one thing that lowers a line at once; a cap
 * below the product minimum leaves no line the product offers, so the policy's answer stands (a
 * decline naming the cap): the customer chose it, and a person could grant nothing under it, so
 * holding the line "above what we can offer today" and referring it would be wrong on both counts.
 */
export function settleLine(today: GrantedToday, line: LineContext): SettledLine {
  const maxGrantable = today.outcome === 'decline' ? 0 : today.limit;
  if (line.closedByPerson && today.outcome === 'approve') return { outcome: 'refer', limit: maxGrantable, maxGrantable, held: false };
  if (!line.protectLine) return { outcome: today.outcome, limit: maxGrantable, maxGrantable, held: false };
  const capped = line.selfCap === null ? null : roundDownToStep(line.selfCap, line.roundingStep);
  if (capped !== null && capped < line.productMin) return { outcome: today.outcome, limit: maxGrantable, maxGrantable, held: false };
  const onFile = capped !== null && capped < line.previousLimit ? capped : line.previousLimit;
  if (line.cutByPerson && today.outcome === 'approve' && maxGrantable > onFile) return { outcome: 'refer', limit: maxGrantable, maxGrantable, held: false };
  if (maxGrantable >= onFile) return { outcome: today.outcome, limit: maxGrantable, maxGrantable, held: false };
  return { outcome: 'refer', limit: onFile, maxGrantable, held: true };
}

/**
 * Whether a decision leaves a line a person closed: a person's decline (`recordReview`), or a
 * later decision carrying it on (`line_closed_by_person` among its codes: a reassessment a person
 * has yet to decide, a contest or reduction of either), with no line on file since. Only a
 * person opens that line again; a reassessment of it only proposes terms.
 */
export function closedByPerson(d: Pick<Decision, 'policyReasons'>, lineOnFile: number): boolean {
  return lineOnFile === 0 && d.policyReasons.includes('line_closed_by_person');
}

/**
 * Whether a decision leaves a line a person set below what the policy granted: a person's approval
 * (or referral) of less than `maxGrantable` on review (`recordReview`), or a later decision
 * carrying it on (`line_cut_by_person` among its codes: a reassessment a person has yet to decide,
 * a contest or reduction of either), with a line on file. The automated path never raises that
 * line; a reassessment that would only proposes the raise to a person. A line at 0 is a close
 * (see {@link closedByPerson}).
 */
export function cutByPerson(d: Pick<Decision, 'policyReasons'>, lineOnFile: number): boolean {
  return lineOnFile > 0 && d.policyReasons.includes('line_cut_by_person');
}

/** What the lender does with the line, from the settled line and the line before; see {@link LineAction}. */
export function lineActionOf(settled: SettledLine, previousLimit: number): LineAction {
  if (settled.held) return 'hold';
  if (settled.outcome === 'refer') return 'review';
  if (settled.outcome === 'decline') return previousLimit > 0 ? 'close' : 'none';
  if (previousLimit === 0) return settled.limit > 0 ? 'open' : 'none';
  return settled.limit > previousLimit ? 'raise' : settled.limit === previousLimit ? 'keep' : 'lower';
}
