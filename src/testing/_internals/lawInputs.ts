import fc from 'fast-check';
import type { PolicyConfig } from '../../policy/policyConfig.js';
import type { LimitChange } from '../../policy/stepLimit.js';
import type { Applicant } from '../../schema/applicant.js';
import { shiftIsoDate } from './isoDates.js';
import { yuanDigits } from '../../common/yuanDigits.js';

/**
 * PDs a policy is sensitive to: mostly where it grants a line (0 to the decline cut-off), where
 * limits, prices and grades move; also anywhere in [0, 1], whole basis points, and exactly on the
 * policy's own cut-offs (grade bounds, refer and decline), where off-by-one mistakes live.
 */
export function pdArbitrary(policy: PolicyConfig): fc.Arbitrary<number> {
  const cuts = [0, 1, policy.refer.pdAbove, policy.knockouts.declinePdAbove, ...policy.grades.map((g) => g.maxPd)];
  const granting = Math.max(1, Math.floor(policy.knockouts.declinePdAbove * 1_000_000));
  // fc.double is uniform over bit patterns (mostly tiny numbers), so the even spread comes from
  // an integer grid of a millionth; doubles still add the awkward tiny and odd values.
  return fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: granting }).map((n) => n / 1_000_000), weight: 4 },
    { arbitrary: fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 1_000_000), weight: 1 },
    { arbitrary: fc.integer({ min: 0, max: 10_000 }).map((bp) => bp / 10_000), weight: 1 },
    { arbitrary: fc.constantFrom(...cuts), weight: 1 },
    { arbitrary: fc.double({ min: 0, max: 1, noNaN: true }), weight: 1 },
  );
}

/** PDs to compare, as data that prints and shrinks well: `points` evenly from `from` to `to`, plus `extra`. */
export interface PdSweep {
  readonly from: number;
  readonly to: number;
  readonly points: number;
  readonly extra: readonly number[];
}

/**
 * PD sweeps for laws comparing PDs. A sweep of up to 200 evenly spaced points finds a kink wider
 * than its spacing every time, where random pairs find a narrow one only by luck; `extra` adds
 * the policy's own cut-offs and odd values. Sorted, neighbours are what gets compared.
 */
export function pdSweepArbitrary(policy: PolicyConfig): fc.Arbitrary<PdSweep> {
  const range = fc.oneof(
    fc.constant({ from: 0, to: 1 }),
    fc
      .record({ from: fc.integer({ min: 0, max: 10_000 }), span: fc.integer({ min: 1, max: 10_000 }) })
      .map(({ from, span }) => ({ from: from / 10_000, to: Math.min(1, (from + span) / 10_000) })),
  );
  return fc
    .record({ range, points: fc.integer({ min: 2, max: 200 }), extra: fc.array(pdArbitrary(policy), { maxLength: 4 }) })
    .map(({ range, points, extra }) => ({ ...range, points, extra }));
}

/** The PDs of a sweep, ascending. */
export function sweepPds(sweep: PdSweep): number[] {
  const span = sweep.to - sweep.from;
  const grid = Array.from({ length: sweep.points }, (_, i) => Math.min(1, sweep.from + (span * i) / (sweep.points - 1)));
  return [...grid, ...sweep.extra].sort((a, b) => a - b);
}

/** An applicant who already has a line (a current limit on the product's rounding grid). */
export function withLine(applicants: fc.Arbitrary<Applicant>, policy: PolicyConfig): fc.Arbitrary<Applicant> {
  const step = policy.limits.roundingStep;
  return fc.record({ a: applicants, steps: fc.integer({ min: 1, max: Math.max(1, Math.floor(policy.limits.productMax / step)) }) }).map(({ a, steps }) => ({
    ...a,
    platform: { ...a.platform, currentLimit: steps * step, currentBalance: Math.min(a.platform.currentBalance, steps * step) },
  }));
}

/** A ledger of recent limit changes ending on `asOf`, some inside the policy's window, some before it. */
export function limitHistoryArbitrary(asOf: string, policy: PolicyConfig): fc.Arbitrary<LimitChange[]> {
  const span = Math.min(3_650, policy.stepLimits.windowDays * 2);
  return fc.array(
    fc
      .record({ daysAgo: fc.integer({ min: 0, max: span }), from: fc.integer({ min: 0, max: 500 }), rise: fc.integer({ min: -100, max: 200 }) })
      .map(({ daysAgo, from, rise }) => ({ asOf: shiftIsoDate(asOf, -daysAgo), from: from * 10_000, to: Math.max(0, from + rise) * 10_000 })),
    { maxLength: 4 },
  );
}

/**
 * A ledger whose rises inside the policy's window use up its count (or come close to its amount):
 * the customer whom no certificate can raise today, which a random ledger rarely draws.
 */
export function usedWindowHistoryArbitrary(asOf: string, policy: PolicyConfig): fc.Arbitrary<LimitChange[]> {
  const { windowDays, windowMaxCount, windowMaxIncrease } = policy.stepLimits;
  const rise = Math.max(1, Math.floor(windowMaxIncrease / Math.max(1, windowMaxCount) / 10_000));
  return fc.array(
    fc
      .record({ daysAgo: fc.integer({ min: 0, max: Math.max(0, windowDays - 1) }), from: fc.integer({ min: 0, max: 300 }) })
      .map(({ daysAgo, from }) => ({ asOf: shiftIsoDate(asOf, -daysAgo), from: from * 10_000, to: (from + rise) * 10_000 })),
    { minLength: Math.min(windowMaxCount, 8), maxLength: Math.min(windowMaxCount, 8) },
  );
}

/**
 * A ledger whose window is one or two rises short of the policy's count, with those rises using up
 * all but a little of its amount (or any part of it): as many rises as the window allows, so on a
 * policy whose window allows dozens, more than a decision's short history of recent changes keeps.
 * The rises are spread over the window's days; a rise too small to split into is left a change of
 * nothing (`from` = `to`), which is no rise.
 */
export function nearlyUsedWindowArbitrary(asOf: string, policy: PolicyConfig): fc.Arbitrary<LimitChange[]> {
  const { windowDays, windowMaxCount, windowMaxIncrease, perStepAmount } = policy.stepLimits;
  // fc.integer draws 32-bit integers; window amounts are fen up to 2^53, so a wide room is a share of it.
  const near = Math.min(windowMaxIncrease, 2 * Math.max(perStepAmount, policy.limits.roundingStep), 0x7fffffff);
  const room = fc.oneof(
    fc.integer({ min: 0, max: near }),
    fc.integer({ min: 0, max: 1_000_000 }).map((share) => Math.floor((windowMaxIncrease / 1_000_000) * share)),
  );
  return fc.record({ short: fc.integer({ min: 1, max: 2 }), room, offset: fc.integer({ min: 0, max: windowDays - 1 }) }).map(({ short, room, offset }) => {
    const count = Math.max(0, windowMaxCount - short);
    const used = windowMaxIncrease - room;
    return Array.from({ length: count }, (_, i) => {
      const amount = Math.floor(used / count) + (i < used % count ? 1 : 0);
      const from = Math.min(i * 100, Number.MAX_SAFE_INTEGER - amount);
      return { asOf: shiftIsoDate(asOf, -((i * 7 + offset) % windowDays)), from, to: from + amount };
    });
  });
}

/**
 * The same applicant with a customer cap always set (whole RMB, so often off the rounding grid).
 * Three draws in four put the cap where it binds: between a tenth of a month's income and two
 * months' (where most limits fall); the rest anywhere up to 60,000 RMB.
 */
export function withSelfCap(applicants: fc.Arbitrary<Applicant>): fc.Arbitrary<Applicant> {
  return applicants.chain((a) => {
    const incomeRmb = Math.floor(a.income.monthlyNet / 100);
    const near = fc.integer({ min: Math.floor(incomeRmb / 10), max: Math.max(Math.floor(incomeRmb / 10), incomeRmb * 2) });
    const anywhere = fc.integer({ min: 0, max: 60_000 });
    return fc
      .oneof({ arbitrary: near, weight: 3 }, { arbitrary: anywhere, weight: 1 })
      .map((capRmb) => ({ ...a, controls: { ...a.controls, selfSetCap: capRmb * 100 } }));
  });
}

/**
 * Amounts a customer may lower their line to: whole RMB from the product minimum up to `maxRmb`
 * (below the minimum a reduction is refused, which reduction_within_bounds checks).
 */
export function reductionAmountArbitrary(policy: PolicyConfig, maxRmb: number): fc.Arbitrary<number> {
  const minRmb = Math.ceil(policy.limits.productMin / 100);
  return fc.integer({ min: minRmb, max: Math.max(minRmb, maxRmb) }).map((rmb) => rmb * 100);
}

/** Money for messages: fen and RMB. */
export function fen(amount: number | null | undefined): string {
  if (amount === null || amount === undefined) return 'none';
  return `${amount} fen (${Number.isInteger(amount) ? yuanDigits(amount, 'always') : amount / 100} RMB)`;
}

/** An APR fraction for messages, as a percentage. */
export function pct(apr: number): string {
  return `${(apr * 100).toFixed(2)}%`;
}
