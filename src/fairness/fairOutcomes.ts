import { deepFreeze } from '../common/deepFreeze.js';
import { refuseArguments, typeNameOf } from '../errors/argumentIssues.js';
import type { ValidationIssue } from '../errors/validationError.js';
/** The four-fifths rule: a group approved at under 80% of the best-treated group's rate is flagged. */
export const ADVERSE_IMPACT_THRESHOLD = 0.8;

/** The dimensions outcomes are compared across: region and age can act as proxies; city tier follows income. */
export const FAIRNESS_DIMENSIONS = deepFreeze(['region', 'cityTier', 'ageBand'] as const);
/** One fairness dimension. */
export type FairnessDimension = (typeof FAIRNESS_DIMENSIONS)[number];

/**
 * The age group of applicants under 18 on `asOf`. The law declines them (`age_below_minimum`; a
 * policy's `age.min` is never below 18), so the fairness comparison sets them aside: their
 * approval rate says nothing about how a policy treats a group, and counting them with adults
 * would pull that group's rate down and raise a false four-fifths flag.
 */
export const UNDER_AGE_GROUP = 'under 18';

/** Groups each dimension leaves out of the comparison, and why (the report prints the reason). */
const NOT_COMPARED: Readonly<Partial<Record<FairnessDimension, Readonly<Record<string, string>>>>> = {
  ageBand: {
    [UNDER_AGE_GROUP]: 'below 18, the legal age of capacity for credit: declined by law (age_below_minimum), whatever the policy',
  },
};

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

/** A group left out of the comparison: how many it holds and why. */
export interface NotComparedGroup {
  readonly group: string;
  readonly decided: number;
  readonly reason: string;
}

/** Outcomes by group for one dimension. */
export interface FairOutcomes {
  readonly dimension: FairnessDimension;
  /** The group with the highest approval rate among those compared (first by name on ties). */
  readonly bestTreated: string | null;
  /** The groups compared. */
  readonly rows: readonly FairOutcomeRow[];
  /**
   * Groups set aside, never compared nor flagged (today: {@link UNDER_AGE_GROUP}, declined by law).
   * Rows and these together hold every decision counted.
   */
  readonly notCompared: readonly NotComparedGroup[];
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
 * group (highest approval rate) and a flag below 0.8. Groups are listed by name. A group the law
 * decides (applicants under 18) is listed in `notCompared` with its count and reason instead.
 *
 * @throws ValidationError (subject `fairOutcomes`) naming `dimension` when it is not one of
 *   {@link FAIRNESS_DIMENSIONS}, `tallies` when it is not a Map, and each group whose tally is not
 *   counts (`decided` >= `approved` >= 0, whole) with a finite `approvedLimit` >= 0
 * @example
 * fairOutcomes('region', new Map([['east', { decided: 10, approved: 8, approvedLimit: 8e6 }], ['west', { decided: 10, approved: 5, approvedLimit: 4e6 }]]));
 * // west: approvalRate 0.5, adverseImpactRatio 0.625, flagged true
 */
export function fairOutcomes(dimension: FairnessDimension, tallies: ReadonlyMap<string, GroupTally>): FairOutcomes {
  refuseArguments('fairOutcomes', [
    (FAIRNESS_DIMENSIONS as readonly unknown[]).includes(dimension)
      ? undefined
      : { path: ['dimension'], code: 'invalid_value', message: `dimension must be one of ${FAIRNESS_DIMENSIONS.join(', ')}`, received: typeNameOf(dimension) },
    tallies instanceof Map
      ? [...tallies].filter(([g, t]) => typeof g !== 'string' || !isTally(t)).map(([g]) => tallyIssue(g))
      : {
          path: ['tallies'],
          code: 'invalid_type',
          message: 'tallies must be a Map from group name to its tally',
          expected: 'Map',
          received: typeNameOf(tallies),
        },
  ]);
  const setAside = NOT_COMPARED[dimension] ?? {};
  const notCompared = [...tallies.keys()]
    .filter((g) => Object.hasOwn(setAside, g))
    .sort()
    .map((group): NotComparedGroup => ({ group, decided: (tallies.get(group) as GroupTally).decided, reason: setAside[group] as string }));
  const groups = [...tallies.keys()].filter((g) => !Object.hasOwn(setAside, g)).sort();
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
  return { dimension, bestTreated: bestRate > 0 ? best : null, rows, notCompared };
}

function isTally(t: unknown): boolean {
  if (typeof t !== 'object' || t === null) return false;
  const { decided, approved, approvedLimit } = t as Partial<GroupTally>;
  return (
    Number.isSafeInteger(decided) &&
    Number.isSafeInteger(approved) &&
    (approved as number) >= 0 &&
    (approved as number) <= (decided as number) &&
    typeof approvedLimit === 'number' &&
    Number.isFinite(approvedLimit) &&
    approvedLimit >= 0
  );
}

function tallyIssue(group: unknown): ValidationIssue {
  return {
    path: ['tallies', typeof group === 'string' ? group : typeNameOf(group)],
    code: 'invalid_type',
    message: 'each group needs a string name and a tally { decided, approved, approvedLimit } of counts (approved <= decided) and fen',
  };
}
