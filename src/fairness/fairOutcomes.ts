/** The four-fifths rule: a group approved at under 80% of the best-treated group's rate is flagged. */
export const ADVERSE_IMPACT_THRESHOLD = 0.8;

/** The dimensions outcomes are compared across: region and age can act as proxies; city tier follows income. */
export const FAIRNESS_DIMENSIONS = ['region', 'cityTier', 'ageBand'] as const;
/** One fairness dimension. */
export type FairnessDimension = (typeof FAIRNESS_DIMENSIONS)[number];

/** Running counts of one group. */
export interface GroupTally {
  decided: number;
  approved: number;
  /** Sum of approved limits, fen. */
  approvedLimit: number;
}

/** One group's outcomes beside the best-treated group of its dimension. */
export interface FairOutcomeRow {
  readonly group: string;
  readonly decided: number;
  readonly approvalRate: number;
  /** Mean limit of approved applicants, fen (rounded); null when none was approved. */
  readonly meanLimit: number | null;
  /** Approval rate / the best-treated group's approval rate; null when no group was approved. */
  readonly adverseImpactRatio: number | null;
  /** True when the ratio is below {@link ADVERSE_IMPACT_THRESHOLD}. */
  readonly flagged: boolean;
}

/** Outcomes by group for one dimension. */
export interface FairOutcomes {
  readonly dimension: FairnessDimension;
  /** The group with the highest approval rate (first by name on ties). */
  readonly bestTreated: string | null;
  readonly rows: readonly FairOutcomeRow[];
}

/** A fresh tally. */
export function emptyGroupTally(): GroupTally {
  return { decided: 0, approved: 0, approvedLimit: 0 };
}

/** Counts one decision into a group's tally. */
export function tallyGroup(t: GroupTally, approved: boolean, limit: number): void {
  t.decided++;
  if (approved) {
    t.approved++;
    t.approvedLimit += limit;
  }
}

/**
 * Approval rate and mean limit by group, with the adverse impact ratio against the best-treated
 * group (highest approval rate) and a flag below 0.8. Groups are listed by name.
 *
 * @example
 * fairOutcomes('region', new Map([['east', { decided: 10, approved: 8, approvedLimit: 8e6 }], ['west', { decided: 10, approved: 5, approvedLimit: 4e6 }]]));
 * // west: approvalRate 0.5, adverseImpactRatio 0.625, flagged true
 */
export function fairOutcomes(dimension: FairnessDimension, tallies: ReadonlyMap<string, GroupTally>): FairOutcomes {
  const groups = [...tallies.keys()].sort();
  const rate = (t: GroupTally) => (t.decided === 0 ? 0 : t.approved / t.decided);
  let best: string | null = null;
  for (const g of groups) {
    const t = tallies.get(g) as GroupTally;
    if (t.decided > 0 && (best === null || rate(t) > rate(tallies.get(best) as GroupTally))) best = g;
  }
  const bestRate = best === null ? 0 : rate(tallies.get(best) as GroupTally);
  const rows = groups.map((group): FairOutcomeRow => {
    const t = tallies.get(group) as GroupTally;
    const air = bestRate > 0 ? rate(t) / bestRate : null;
    return {
      group,
      decided: t.decided,
      approvalRate: rate(t),
      meanLimit: t.approved === 0 ? null : Math.round(t.approvedLimit / t.approved),
      adverseImpactRatio: air,
      flagged: air !== null && air < ADVERSE_IMPACT_THRESHOLD,
    };
  });
  return { dimension, bestTreated: bestRate > 0 ? best : null, rows };
}
