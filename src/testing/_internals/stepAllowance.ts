import { daysBetweenCalendarDates } from '../../dates/addCalendarDays.js';
import { calendarDateOf } from '../../dates/calendarDate.js';
import type { PolicyConfig } from '../../policy/policyConfig.js';
import type { LimitChange } from '../../policy/stepLimit.js';

/** The increase the step limits allow, and what it was worked out from. */
export interface StepAllowance {
  readonly allowedIncrease: number;
  readonly perStep: number;
  readonly windowIncrease: number;
  readonly windowCount: number;
  /** Whether a line existed inside the window: a rise, or a close of a line (to 0), was made there. */
  readonly lineInWindow: boolean;
}

/**
 * The most a line of `priorLimit` may rise on `asOf`, worked out from the policy's words rather
 * than its code (so a wrong engine cannot vouch for itself): per step at most prior x ratio or the
 * fixed amount, whichever is greater; within the window of `windowDays` ending on `asOf`, rises
 * total at most `windowMaxIncrease` and number at most `windowMaxCount`. A line at 0 is held to
 * this only when a line existed inside the window (a rise or a close there): opening it again is
 * a step; otherwise it is a new customer's first line.
 */
export function stepAllowance(priorLimit: number, history: readonly LimitChange[], asOf: string, policy: PolicyConfig): StepAllowance {
  const s = policy.stepLimits;
  // Whole calendar days, not date-fns on local midnights, which a zone that skipped a day moved.
  const on = calendarDateOf(asOf);
  let windowIncrease = 0;
  let windowCount = 0;
  let lineInWindow = false;
  for (const c of history) {
    const ago = daysBetweenCalendarDates(on, calendarDateOf(c.asOf));
    if (ago < 0 || ago >= s.windowDays) continue;
    if (c.to > c.from) {
      windowIncrease += c.to - c.from;
      windowCount += 1;
    }
    if (c.to > c.from || (c.to === 0 && c.from > 0)) lineInWindow = true;
  }
  const perStep = Math.max(Math.floor(priorLimit * s.perStepRatio), s.perStepAmount);
  const allowedIncrease = windowCount >= s.windowMaxCount ? 0 : Math.min(perStep, Math.max(0, s.windowMaxIncrease - windowIncrease));
  return { allowedIncrease, perStep, windowIncrease, windowCount, lineInWindow };
}
