import { calendarDateOf } from '../dates/calendarDate.js';
import { dayNumberOf } from '../dates/dayNumber.js';
import { z } from 'zod';
import { ValidationError } from '../errors/validationError.js';
import { Fen, IsoDate } from '../schema/primitives.js';
import { roundDownToStep } from './limit.js';
import type { PolicyConfig } from './policyConfig.js';
import type { PolicyReasonCode } from './policyReasons.js';

/** Most ledger entries {@link StepLimitInput} accepts. */
export const MAX_LEDGER_ENTRIES = 10_000;

/**
 * One past limit change from the ledger; only rises (`to > from`) count as increases. A decision
 * enters the rises it grants and the closes it makes (`{ asOf, from: line, to: 0 }`), so the ledger
 * shows that a line existed even when it was closed before its first rise.
 */
export const LimitChange = z.strictObject({ asOf: IsoDate, from: Fen, to: Fen });
/** One past limit change. */
export type LimitChange = z.infer<typeof LimitChange>;

/** Input of {@link applyStepLimits}. */
export const StepLimitInput = z.strictObject({
  priorLimit: Fen,
  proposedLimit: Fen,
  asOf: IsoDate,
  history: z.array(LimitChange).max(MAX_LEDGER_ENTRIES).default([]),
});
/** Input of {@link applyStepLimits} as a caller writes it. */
export type StepLimitInput = z.input<typeof StepLimitInput>;

/** Which step limit held the increase back. */
export type StepBound = 'per_step' | 'window_amount' | 'window_count';

/** The result of stepping a proposed limit. */
export interface SteppedLimit {
  /** The limit to apply now, fen. */
  readonly limit: number;
  readonly priorLimit: number;
  readonly proposedLimit: number;
  /** Which step limit bound, or null when the proposal went through unchanged. */
  readonly bound: StepBound | null;
  /** The reason code for `bound`, or null. */
  readonly reason: PolicyReasonCode | null;
  /** The increase this step could allow: min(per-step allowance, room left in the window), fen. */
  readonly allowedIncrease: number;
  /** Increases already made inside the rolling window: total fen and count. */
  readonly windowIncrease: number;
  readonly windowCount: number;
}

const reasonOf: Readonly<Record<StepBound, PolicyReasonCode>> = {
  per_step: 'step_limit_per_step',
  window_amount: 'step_limit_window_amount',
  window_count: 'step_limit_window_count',
};

/**
 * Step limits with everything that does not depend on the proposed limit worked out once: the
 * increases already inside the rolling window and the room they leave. A decision tries one
 * proposal per scenario (with and without each certificate, each what-if), so this matters.
 */
export interface PreparedStepLimits {
  step(proposedLimit: number): SteppedLimit;
  /** Rises inside the window on `asOf`. */
  readonly windowCount: number;
  /**
   * Whether the ledger shows a line inside the window on `asOf`: a rise, or a close (a change from
   * a line to 0). A line at 0 that existed recently is opened again only as a step (see
   * {@link applyStepLimits}); with neither it is a new customer's first line.
   */
  readonly lineInWindow: boolean;
}

/** Whether a ledger change shows a line: a rise, or a close of a line (to 0). */
export function showsLine(change: LimitChange): boolean {
  return change.to > change.from || (change.to === 0 && change.from > 0);
}

/**
 * Prepares {@link applyStepLimits} for one prior limit, date and ledger.
 *
 * @throws ValidationError for a malformed prior limit, date or ledger.
 */
export function prepareStepLimits(input: Omit<StepLimitInput, 'proposedLimit'>, policy: PolicyConfig): PreparedStepLimits {
  const parsed = StepLimitInput.safeParse({ ...input, proposedLimit: 0 });
  if (!parsed.success) throw ValidationError.fromZod('StepLimitInput', parsed.error);
  return prepareParsedStepLimits(parsed.data, policy);
}

/**
 * {@link prepareStepLimits} for input already validated: a prior limit and date from a parsed
 * applicant and a ledger parsed with {@link LimitChange} at the entry (at most
 * {@link MAX_LEDGER_ENTRIES}). The scorer parses the ledger once per call; parsing it again for
 * every decision was 5% of a batch.
 */
export function prepareParsedStepLimits(
  input: { readonly priorLimit: number; readonly asOf: string; readonly history: readonly LimitChange[] },
  policy: PolicyConfig,
): PreparedStepLimits {
  const { priorLimit, asOf, history } = input;
  const s = policy.stepLimits;
  // Day numbers, not Dates: a ledger holds up to 10,000 entries, and `isAfter(when, subDays(on,
  // windowDays))` is exactly `when > on - windowDays` on days (property-tested against date-fns),
  // with no dependence on the process time zone.
  const on = dayNumberOf(calendarDateOf(asOf));
  const windowStart = on - s.windowDays;
  let windowIncrease = 0;
  let windowCount = 0;
  let lineInWindow = false;
  for (const change of history) {
    const when = dayNumberOf(calendarDateOf(change.asOf));
    if (when <= windowStart || when > on) continue;
    if (change.to > change.from) {
      windowIncrease += change.to - change.from;
      windowCount += 1;
    }
    if (showsLine(change)) lineInWindow = true;
  }
  const perStep = Math.max(Math.floor(priorLimit * s.perStepRatio), s.perStepAmount);
  const windowRoom = Math.max(0, s.windowMaxIncrease - windowIncrease);
  const countLeft = windowCount < s.windowMaxCount;
  const allowedIncrease = countLeft ? Math.min(perStep, windowRoom) : 0;
  const bound: StepBound = !countLeft ? 'window_count' : perStep <= windowRoom ? 'per_step' : 'window_amount';
  const stepped = Math.max(priorLimit, roundDownToStep(priorLimit + allowedIncrease, policy.limits.roundingStep));
  return {
    windowCount,
    lineInWindow,
    // Written out rather than spread from a shared base: a decision steps every scenario it
    // scores, and a spread copies through a slow generic path.
    step(proposedLimit) {
      if (proposedLimit <= priorLimit || proposedLimit - priorLimit <= allowedIncrease) {
        return { priorLimit, proposedLimit, allowedIncrease, windowIncrease, windowCount, limit: proposedLimit, bound: null, reason: null };
      }
      return { priorLimit, proposedLimit, allowedIncrease, windowIncrease, windowCount, limit: stepped, bound, reason: reasonOf[bound] };
    },
  };
}

/**
 * Caps a limit increase at reassessment. Per step: at most prior x `perStepRatio` or
 * `perStepAmount`, whichever is greater (so small lines can still grow; from a closed line, 0,
 * that is `perStepAmount`). Per rolling window of
 * `windowDays` ending on `asOf` (inclusive): increases total at most `windowMaxIncrease` and
 * number at most `windowMaxCount`. A stepped-down increase is rounded down to the rounding step
 * but never below the prior limit. Decreases pass through immediately; ledger entries dated after
 * `asOf` are ignored (they had not happened yet on `asOf`).
 *
 * @throws ValidationError when the input is malformed.
 */
export function applyStepLimits(input: StepLimitInput, policy: PolicyConfig): SteppedLimit {
  const proposed = Fen.safeParse(input.proposedLimit);
  if (!proposed.success)
    throw ValidationError.fromZod('StepLimitInput', new z.ZodError(proposed.error.issues.map((i) => ({ ...i, path: ['proposedLimit', ...i.path] }))));
  return prepareStepLimits(input, policy).step(proposed.data);
}
