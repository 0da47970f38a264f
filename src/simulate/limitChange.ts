import { deepFreeze } from '../common/deepFreeze.js';
/** Bands of the limit change (candidate minus baseline), fen: lower bound inclusive, upper exclusive. */
export const LIMIT_CHANGE_BANDS: readonly { readonly label: string; readonly from: number; readonly to: number }[] = deepFreeze([
  { label: 'lose 5,000 RMB or more', from: Number.NEGATIVE_INFINITY, to: -499_999 },
  { label: 'lose 1,000-4,999 RMB', from: -499_999, to: -99_999 },
  { label: 'lose under 1,000 RMB', from: -99_999, to: 0 },
  { label: 'unchanged', from: 0, to: 1 },
  { label: 'gain under 1,000 RMB', from: 1, to: 100_000 },
  { label: 'gain 1,000-4,999 RMB', from: 100_000, to: 500_000 },
  { label: 'gain 5,000 RMB or more', from: 500_000, to: Number.POSITIVE_INFINITY },
]);

/** Running figures of the limit change. */
export interface LimitChangeTally {
  gained: number;
  lost: number;
  unchanged: number;
  /** Fen summed over those who gain (positive) and those who lose (negative). */
  totalGain: number;
  totalLoss: number;
  readonly bands: number[];
}

/** Who gains, who loses, by how much (limits as decided: 0 on decline, the proposal on refer). */
export interface LimitChangeDistribution {
  readonly gained: number;
  readonly lost: number;
  readonly unchanged: number;
  readonly totalGain: number;
  readonly totalLoss: number;
  /** Mean change among those who gain / lose, fen (rounded); null when nobody does. */
  readonly meanGain: number | null;
  readonly meanLoss: number | null;
  readonly bands: readonly { readonly label: string; readonly count: number }[];
}

/** A fresh tally. */
export function emptyLimitChangeTally(): LimitChangeTally {
  return { gained: 0, lost: 0, unchanged: 0, totalGain: 0, totalLoss: 0, bands: LIMIT_CHANGE_BANDS.map(() => 0) };
}

/** Counts one record's change, candidate limit minus baseline limit, fen. */
export function tallyLimitChange(t: LimitChangeTally, delta: number): void {
  if (delta > 0) {
    t.gained++;
    t.totalGain += delta;
  } else if (delta < 0) {
    t.lost++;
    t.totalLoss += delta;
  } else t.unchanged++;
  const k = LIMIT_CHANGE_BANDS.findIndex((b) => delta >= b.from && delta < b.to);
  t.bands[k] = (t.bands[k] as number) + 1;
}

/** The distribution of a tally. */
export function limitChangeDistribution(t: LimitChangeTally): LimitChangeDistribution {
  return {
    gained: t.gained,
    lost: t.lost,
    unchanged: t.unchanged,
    totalGain: t.totalGain,
    totalLoss: t.totalLoss,
    meanGain: t.gained === 0 ? null : Math.round(t.totalGain / t.gained),
    meanLoss: t.lost === 0 ? null : Math.round(t.totalLoss / t.lost),
    bands: LIMIT_CHANGE_BANDS.map((b, i) => ({ label: b.label, count: t.bands[i] as number })),
  };
}
