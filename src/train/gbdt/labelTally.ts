/** How many rows of each label (0, 1) there are, what they weigh, and how many weigh something. */
export interface LabelTally {
  readonly rows: readonly [number, number];
  readonly weight: readonly [number, number];
  /** Rows of each label whose weight is above 0. */
  readonly weighing: readonly [number, number];
}

/**
 * Counts the labels of `rows` (every row when undefined), each row weighing `weights[row]` (1
 * without weights): the one count every check of a split's labels reads (one class to train on, a
 * holdout of one outcome, both labels in the data), so they cannot disagree on what a row counts.
 */
export function tallyLabels(labels: ArrayLike<number>, weights?: ArrayLike<number>, rows?: ArrayLike<number>): LabelTally {
  const count: [number, number] = [0, 0];
  const weight: [number, number] = [0, 0];
  const weighing: [number, number] = [0, 0];
  const n = rows === undefined ? labels.length : rows.length;
  for (let k = 0; k < n; k++) {
    const i = rows === undefined ? k : rows[k]!;
    const y = labels[i] === 1 ? 1 : 0;
    const w = weights === undefined ? 1 : weights[i]!;
    count[y]++;
    weight[y] += w;
    if (w > 0) weighing[y]++;
  }
  return { rows: count, weight, weighing };
}

/**
 * The label that alone weighs something (0 when neither does), or undefined when both do: the
 * rows then hold one outcome as far as training or a loss can tell.
 */
export function loneLabel(t: LabelTally): 0 | 1 | undefined {
  if (t.weight[0] > 0 && t.weight[1] > 0) return undefined;
  return t.weight[1] > 0 ? 1 : 0;
}
