/** A model's holdout metrics, each absent when not measured. */
export interface HoldoutMetrics {
  readonly auc?: number | undefined;
  readonly ks?: number | undefined;
  readonly brier?: number | undefined;
  readonly logLoss?: number | undefined;
}

/**
 * The lines of a card's holdout metrics table: AUC and KS to 4 decimals, Brier score and log-loss
 * to 5. A metric not measured is written as `absent` says, never left out, so a reader sees it is
 * missing rather than a table one row short.
 */
export function holdoutMetricsTableLines(m: HoldoutMetrics, absent = 'not measured'): string[] {
  const value = (x: number | undefined, digits: number) => (x === undefined ? absent : x.toFixed(digits));
  return [
    '| metric | value |',
    '|---|---|',
    `| AUC | ${value(m.auc, 4)} |`,
    `| KS | ${value(m.ks, 4)} |`,
    `| Brier score | ${value(m.brier, 5)} |`,
    `| Log-loss | ${value(m.logLoss, 5)} |`,
  ];
}
