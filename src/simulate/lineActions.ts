import { deepFreeze } from '../common/deepFreeze.js';
import { LineAction } from '../decision/decision.js';
import type { DecisionFacts } from './decisionFacts.js';

/** Line actions in the order reports list them: the `LineAction` schema's order (a frozen copy: the schema's own list must not be changed through it). */
export const LINE_ACTIONS: readonly LineAction[] = deepFreeze([...LineAction.options]);

/** Lines moved one way, and by how much, fen. */
export interface LineMoves {
  readonly lines: number;
  readonly fen: number;
}

/** What one side does with the lines on file. */
export interface LineActionFigures {
  /** Decisions by `lineAction`, every action listed (0 when none). */
  readonly counts: Readonly<Record<LineAction, number>>;
  /** Lines raised (`raise`), and the fen added to them (`limit - previousLimit`, summed). */
  readonly raised: LineMoves;
  /** Lines lowered (`lower`), and the fen taken off them (`previousLimit - limit`, summed). */
  readonly lowered: LineMoves;
  /** Lines closed (`close`), and the fen they held (`previousLimit`, summed). */
  readonly closed: LineMoves;
  /**
   * Lines held for a person's review (`hold`), the fen held (`limit`, summed), and how far above what
   * may be granted today they are (`limit - maxGrantable`, summed): what the review queue decides on.
   */
  readonly held: LineMoves & { readonly aboveGrantable: number };
}

/** A table indexed by the baseline's line action, then the candidate's. */
export type LineActionMatrix = Readonly<Record<LineAction, Readonly<Record<LineAction, number>>>>;

/** Both sides' line actions and how they swap: `keep -> lower` is a line the candidate cuts. */
export interface LineActionSummary {
  readonly baseline: LineActionFigures;
  readonly candidate: LineActionFigures;
  /** Records by the baseline's line action, then the candidate's; every cell listed. */
  readonly swap: LineActionMatrix;
  /**
   * In `reassess` mode, what the priors (each record decided under the baseline) did to the lines
   * the book carried (`platform.currentLimit`): the line both sides start from, so a line the
   * baseline itself lowers or closes is seen here; null in `decide` mode.
   */
  readonly prior: LineActionFigures | null;
}

/** Running figures of one side. */
export interface LineActionTally {
  readonly counts: Record<LineAction, number>;
  raised: number;
  lowered: number;
  closed: number;
  held: number;
  aboveGrantable: number;
}

const byAction = <T>(cell: () => T): Record<LineAction, T> => Object.fromEntries(LINE_ACTIONS.map((a) => [a, cell()])) as Record<LineAction, T>;

/** A fresh tally. */
export function emptyLineActionTally(): LineActionTally {
  return { counts: byAction(() => 0), raised: 0, lowered: 0, closed: 0, held: 0, aboveGrantable: 0 };
}

/** A fresh swap table, every cell 0. */
export function emptyLineActionMatrix(): Record<LineAction, Record<LineAction, number>> {
  return byAction(() => byAction(() => 0));
}

/** Counts one decision. Money is whole fen, summed exactly: the figures do not depend on the order of the book. */
export function tallyLineAction(t: LineActionTally, d: DecisionFacts): void {
  t.counts[d.lineAction]++;
  if (d.lineAction === 'raise') t.raised += d.limit - d.previousLimit;
  else if (d.lineAction === 'lower') t.lowered += d.previousLimit - d.limit;
  else if (d.lineAction === 'close') t.closed += d.previousLimit;
  else if (d.lineAction === 'hold') {
    t.held += d.limit;
    t.aboveGrantable += d.limit - d.maxGrantable;
  }
}

/** The figures of a tally. */
export function lineActionFigures(t: LineActionTally): LineActionFigures {
  return {
    counts: { ...t.counts },
    raised: { lines: t.counts.raise, fen: t.raised },
    lowered: { lines: t.counts.lower, fen: t.lowered },
    closed: { lines: t.counts.close, fen: t.closed },
    held: { lines: t.counts.hold, fen: t.held, aboveGrantable: t.aboveGrantable },
  };
}

/** One cell of the line-action swap off its diagonal: records the candidate treats otherwise than the baseline. */
export interface LineActionChange {
  readonly baseline: LineAction;
  readonly candidate: LineAction;
  readonly count: number;
}

/**
 * The cells of a line-action swap where the sides differ and records fall, most records first (ties
 * in {@link LINE_ACTIONS} order): `keep -> lower 535` reads "535 lines the baseline keeps, the
 * candidate lowers".
 */
export function lineActionChanges(swap: LineActionMatrix): LineActionChange[] {
  const out: LineActionChange[] = [];
  for (const baseline of LINE_ACTIONS)
    for (const candidate of LINE_ACTIONS)
      if (baseline !== candidate && swap[baseline][candidate] > 0) out.push({ baseline, candidate, count: swap[baseline][candidate] });
  // Stable sort: equal counts keep the schema's order of the baseline's action, then the candidate's.
  return out.sort((a, b) => b.count - a.count);
}
