import type { SimulationSummary } from './simulationAccumulator.js';

const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;

/**
 * What to say (`text`) when the two sides' policies alert on the average comprehensive cost of new lines at
 * different thresholds (`pricing.averageCostAlertAbove`), undefined when they agree. Each side is
 * flagged against its own threshold only, so a candidate that raises its threshold while its
 * figure passes the baseline's (15.86% -> 23.19% under an alert moved from 20% to 25%) would
 * otherwise cross the 2026 guidance unsaid: the note names each side above the other's threshold
 * (`passesOther`: one is, and the figure is flagged as an alert is).
 *
 * @example text: 'the policies alert at different thresholds (baseline above 20.00%, candidate above 25.00%): the candidate is above the baseline’s 20.00%'
 */
export function alertThresholdMoved(
  s: Pick<SimulationSummary, 'averageCostAlert' | 'totals'>,
): { readonly text: string; readonly passesOther: boolean } | undefined {
  const b = s.averageCostAlert.baseline.alertAbove;
  const c = s.averageCostAlert.candidate.alertAbove;
  if (b === c) return undefined;
  const passes = (
    [
      ['candidate', s.totals.candidate.averageCostOfNewLines, 'baseline', b, s.averageCostAlert.candidate.aboveAlert],
      ['baseline', s.totals.baseline.averageCostOfNewLines, 'candidate', c, s.averageCostAlert.baseline.aboveAlert],
    ] as const
  )
    // Above the other side's threshold and not already flagged against its own.
    .filter(([, avg, , other, flagged]) => avg !== null && avg > other && !flagged)
    .map(([side, , otherSide, other]) => `the ${side} is above the ${otherSide}\u2019s ${pct(other)}`);
  return {
    text: `the policies alert at different thresholds (baseline above ${pct(b)}, candidate above ${pct(c)})${passes.length > 0 ? `: ${passes.join('; ')}` : ''}`,
    passesOther: passes.length > 0,
  };
}
