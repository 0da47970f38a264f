import type { z } from 'zod';
import { ValidationError, validationIssuesFromZod } from '../errors/validationError.js';
import { roundDownToStep } from '../policy/limit.js';
import { Decision, LineAction } from './decision.js';
import { notADecisionError } from './earlierRelease.js';

type LineFields = Pick<Decision, 'lineAction' | 'limit' | 'previousLimit'> & { readonly controls: Pick<Decision['controls'], 'selfSetCap'> };

const LINE_ACTIONS: ReadonlySet<unknown> = new Set(LineAction.options);

function isFen(v: unknown): v is number {
  return Number.isSafeInteger(v) && (v as number) >= 0;
}

/** The fields read, checked with a few comparisons: this runs on every decision the engine makes. */
function readable(d: unknown): d is LineFields {
  if (typeof d !== 'object' || d === null) return false;
  const r = d as Record<string, unknown>;
  if (!LINE_ACTIONS.has(r.lineAction) || !isFen(r.limit) || !isFen(r.previousLimit)) return false;
  const c = r.controls;
  if (typeof c !== 'object' || c === null) return false;
  const cap = (c as Record<string, unknown>).selfSetCap;
  return cap === null || isFen(cap);
}

let lineSchema: z.ZodType | undefined;

/** Every fault of the fields read, led by the earlier-release issue for a 0.1.0 decision (the refusal path only). */
function unreadable(d: unknown): ValidationError {
  lineSchema ??= Decision.unwrap().pick({ lineAction: true, limit: true, previousLimit: true, controls: true }).loose();
  const parsed = lineSchema.safeParse(d);
  const fields = parsed.success ? [] : validationIssuesFromZod(parsed.error);
  return notADecisionError(d, fields);
}

/**
 * The credit line the customer holds after a decision: what the next reassessment protects, what a
 * reduction lowers, what an account system should show. It is the decision's `limit`, except where
 * the decision only proposes terms for a person to decide (`lineAction: 'review'`: a referral, a
 * contest, a review that referred again): a proposal grants nothing, so the line is the one before
 * it. The customer's own cap holds on every line, so a line on file is never above it.
 *
 * The fields it reads are checked (a handful of comparisons, cheap enough for every decision): a
 * value without them, such as a decision sealed by the released 0.1.0 (no `lineAction`), is
 * refused rather than read as a line nobody granted.
 *
 * @param roundingStep the policy's rounding step, to which a cap below the line rounds down (as
 *   every limit does); default 1 fen, for a cap already on the step.
 * @throws ValidationError (subject `Decision`) naming every field read that is missing or not of its
 *   type, led by an `earlier_release_decision` issue for a 0.1.0 decision; or (subject
 *   `lineOnFileAfter options`) naming `roundingStep` when it is not a positive whole number of fen
 */
export function lineOnFileAfter(d: LineFields, roundingStep = 1): number {
  if (!readable(d)) throw unreadable(d);
  if (!Number.isSafeInteger(roundingStep) || roundingStep < 1)
    throw new ValidationError('lineOnFileAfter options', [
      { path: ['roundingStep'], code: 'invalid_type', message: 'roundingStep must be a positive whole number of fen', expected: 'integer' },
    ]);
  if (d.lineAction !== 'review') return d.limit;
  const cap = d.controls.selfSetCap;
  return cap !== null && cap < d.previousLimit ? roundDownToStep(cap, roundingStep) : d.previousLimit;
}
