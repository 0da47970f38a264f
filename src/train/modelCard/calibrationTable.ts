import type { CalibrationBin } from '../gbdt/metrics.js';
import { cardPercent } from './cardNumbers.js';

/** Column headings of a calibration table: what a row is, what is predicted, and what the observed rate counts. */
export interface CalibrationHeadings {
  readonly rows: string;
  readonly predicted: string;
  readonly observed: string;
}

/**
 * The lines of a card's calibration table: one row per decile of predicted probability, as
 * `calibrationTable` cut them. The default model's card counts applicants and defaults.
 */
export function calibrationTableLines(
  bins: readonly CalibrationBin[],
  headings: CalibrationHeadings = { rows: 'applicants', predicted: 'PD', observed: 'observed default rate' },
): string[] {
  const lines = [`| decile | ${headings.rows} | predicted ${headings.predicted} range | mean predicted | ${headings.observed} |`, '|---|---|---|---|---|'];
  for (const b of bins)
    lines.push(
      `| ${b.bin} | ${b.count} | ${cardPercent(b.minPredicted, 2)} to ${cardPercent(b.maxPredicted, 2)} | ${cardPercent(b.meanPredicted, 2)} | ${cardPercent(b.observedRate, 2)} |`,
    );
  return lines;
}
