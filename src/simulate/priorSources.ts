import { STORED_PRIOR_REFUSALS, type StoredPriorRefusal } from './storedPrior.js';

/**
 * Where one reassessment's prior came from (`reassess` mode): `stored`, the decision the book
 * stores with the record (`prior`, the line's latest as the lender holds it); `baseline_decide`, the
 * record decided under the baseline (the record carries none).
 */
export type PriorSource = 'stored' | 'baseline_decide';

/**
 * Where a simulation's priors came from, and the stored priors it did not use: what a reader needs
 * to tell a replay of the lender's own lines from one of the lines the baseline would set today.
 */
export interface PriorSources {
  /** Records in a swap-set cell reassessed on both sides from the decision stored with them. */
  readonly fromStored: number;
  /** Records in a swap-set cell reassessed from the record decided under the baseline (they carry no `prior`). */
  readonly fromBaselineDecide: number;
  /**
   * Records refused for their stored prior, by reason (each in the errors stream, `arm: 'prior'`,
   * with its `reason` and the field at fault), in `reassess` mode: every reason listed, 0 when none.
   */
  readonly refused: Readonly<Record<StoredPriorRefusal, number>>;
  /**
   * `decide` mode: readable records carrying a `prior` or an `onFile`, which `decide` does not read (nor verify):
   * each side decides the record afresh, its ledger from `limitHistory` only. Warned, not refused,
   * so one book serves both modes. 0 in `reassess` mode.
   */
  readonly unread: number;
}

/** A running count of {@link PriorSources}. */
export interface PriorSourceTally {
  fromStored: number;
  fromBaselineDecide: number;
  readonly refused: Record<StoredPriorRefusal, number>;
  unread: number;
}

/** A tally with nothing counted. */
export function emptyPriorSourceTally(): PriorSourceTally {
  return {
    fromStored: 0,
    fromBaselineDecide: 0,
    refused: Object.fromEntries(STORED_PRIOR_REFUSALS.map((r) => [r, 0])) as Record<StoredPriorRefusal, number>,
    unread: 0,
  };
}

/** The figures of a tally (a copy: the tally may go on counting). */
export function priorSourceFigures(t: PriorSourceTally): PriorSources {
  return { fromStored: t.fromStored, fromBaselineDecide: t.fromBaselineDecide, refused: { ...t.refused }, unread: t.unread };
}

const count = (n: number) => n.toLocaleString('en-US');

/**
 * One sentence on where the priors came from, for the command's output and the HTML report: in
 * `reassess` mode how many records were reassessed from the decision stored with them and how many
 * from the baseline's `decide`, and the stored priors refused by reason; in `decide` mode the
 * stored priors not read, or null when there were none.
 */
export function describePriorSources(mode: 'decide' | 'reassess', p: PriorSources): string | null {
  if (mode === 'decide')
    return p.unread === 0
      ? null
      : `${count(p.unread)} record(s) carry a stored decision (prior) or the line on file (onFile), which mode decide does not read or verify: each side decided them afresh (their step-limit ledger from limitHistory alone); mode reassess reassesses from the stored decision`;
  const refused = STORED_PRIOR_REFUSALS.filter((r) => p.refused[r] > 0);
  const total = refused.reduce((t, r) => t + p.refused[r], 0);
  return `${count(p.fromStored)} record(s) reassessed from the decision stored with them (prior), ${count(p.fromBaselineDecide)} from the record decided under the baseline (they carry none)${
    total === 0 ? '' : `; ${count(total)} refused for their stored decision (${refused.map((r) => `${r} ${count(p.refused[r])}`).join(', ')})`
  }`;
}
