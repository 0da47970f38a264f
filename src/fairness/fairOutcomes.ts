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

/**
 * Groups every dimension leaves out of the comparison, and why (the report prints the reason).
 * Applicants under 18 are set aside in every dimension, not only by age: counted in their region or
 * city tier, 36 minors declined by law pulled west's rate from 0.595 to 0.32 and raised a false
 * four-fifths flag. Accumulators tally a minor's decision under {@link UNDER_AGE_GROUP} in each
 * dimension (see {@link fairnessGroupOf}).
 */
const NOT_COMPARED: Readonly<Record<string, string>> = {
  [UNDER_AGE_GROUP]: 'applicants below 18, the legal age of capacity for credit: declined by law (age_below_minimum), whatever the policy',
};

/**
 * Groups of fewer decisions than this are small: a flag on one is printed with a note that a few
 * decisions either way move it (a prompt to look, not a verdict). The page shows every group's
 * counts beside its flag.
 */
export const SMALL_GROUP_DECISIONS = 30;

/**
 * The group an applicant's decision is tallied under in `dimension`: its own segment, or
 * {@link UNDER_AGE_GROUP} in every dimension for an applicant under 18 (set aside, see above).
 *
 * @example
 * fairnessGroupOf({ region: 'west', cityTier: 'tier 2', ageBand: 'under 18' }, 'region'); // "under 18"
 */
export function fairnessGroupOf(segments: Readonly<Record<FairnessDimension, string>>, dimension: FairnessDimension): string {
  return segments.ageBand === UNDER_AGE_GROUP ? UNDER_AGE_GROUP : segments[dimension];
}

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
  /** Decisions approved (the rate's numerator: the page prints it beside a flag). */
  readonly approved: number;
  readonly approvalRate: number;
  /** Mean limit of approved applicants, fen (rounded); null when none was approved. */
  readonly meanLimit: number | null;
  /**
   * Approval rate / the best-treated group's approval rate, (approved x best decided) / (decided x
   * best approved) rounded once (17 of 30 against 17 of 24 is 0.8, not 0.7999999999999999); null
   * when no group was approved.
   */
  readonly adverseImpactRatio: number | null;
  /**
   * True when the exact ratio is below {@link ADVERSE_IMPACT_THRESHOLD}: decided on whole counts
   * (5 x approved x best decided < 4 x decided x best approved), so a ratio of exactly 4/5 is never flagged.
   */
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
 * group (highest approval rate) and a flag below 0.8, decided exactly on the counts. Groups are
 * listed by name. A group the law decides (applicants under 18, {@link UNDER_AGE_GROUP}, in any
 * dimension) is listed in `notCompared` with its count and reason instead.
 *
 * @throws ValidationError (subject `fairOutcomes`) naming `dimension` when it is not one of
 *   {@link FAIRNESS_DIMENSIONS}, `tallies` when it is not a Map, and each field at fault of each
 *   group's tally (`tallies.GROUP.decided` when it is not a whole number from 1: a group of no
 *   decisions has no approval rate; `approved` when not whole in [0, decided]; `approvedLimit` when
 *   not whole fen >= 0, or not 0 when none was approved)
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
      ? [...tallies].flatMap(([g, t]) => tallyIssues(g, t))
      : {
          path: ['tallies'],
          code: 'invalid_type',
          message: 'tallies must be a Map from group name to its tally',
          expected: 'Map',
          received: typeNameOf(tallies),
        },
  ]);
  const setAside = NOT_COMPARED;
  const notCompared = [...tallies.keys()]
    .filter((g) => Object.hasOwn(setAside, g))
    .sort()
    .map((group): NotComparedGroup => ({ group, decided: (tallies.get(group) as GroupTally).decided, reason: setAside[group] as string }));
  const groups = [...tallies.keys()].filter((g) => !Object.hasOwn(setAside, g)).sort();
  // Rates compared exactly (a/d > A/D iff a*D > A*d, in BigInt: counts are safe integers, their
  // products need not be), so the best-treated group and every flag rest on the counts, not on floats.
  const higher = (x: GroupTally, y: GroupTally) => BigInt(x.approved) * BigInt(y.decided) > BigInt(y.approved) * BigInt(x.decided);
  let best: string | null = null;
  for (const g of groups) if (best === null || higher(tallies.get(g) as GroupTally, tallies.get(best) as GroupTally)) best = g;
  const top = best === null ? undefined : (tallies.get(best) as GroupTally);
  const anyApproved = top !== undefined && top.approved > 0;
  const rows = groups.map((group): FairOutcomeRow => {
    const t = tallies.get(group) as GroupTally;
    const b = top as GroupTally;
    return {
      group,
      decided: t.decided,
      approved: t.approved,
      approvalRate: t.approved / t.decided,
      meanLimit: t.approved === 0 ? null : Math.round(t.approvedLimit / t.approved),
      // One rounding of the exact ratio: below 4/5 exactly, it is below 0.8 as a double too while
      // decided x best approved stays under 2^50 (the gap to 4/5 is at least 1/(5 d A), above 0.8's ulp).
      adverseImpactRatio: anyApproved ? (t.approved * b.decided) / (t.decided * b.approved) : null,
      flagged: anyApproved && 5n * BigInt(t.approved) * BigInt(b.decided) < 4n * BigInt(t.decided) * BigInt(b.approved),
    };
  });
  return { dimension, bestTreated: anyApproved ? best : null, rows, notCompared };
}

/**
 * Every fault of one group's tally, each at its field: counts no decisions could make (a group of
 * none, approved above decided, a limit approved with no approval, a fraction of a fen) are refused,
 * never turned into a rate.
 */
function tallyIssues(group: unknown, t: unknown): ValidationIssue[] {
  const at = ['tallies', typeof group === 'string' ? group : typeNameOf(group)];
  if (typeof group !== 'string' || typeof t !== 'object' || t === null)
    return [
      {
        path: at,
        code: 'invalid_type',
        message: 'each group needs a string name and a tally { decided, approved, approvedLimit } of counts (approved <= decided) and fen',
      },
    ];
  const { decided, approved, approvedLimit } = t as Partial<Record<keyof GroupTally, unknown>>;
  const issues: ValidationIssue[] = [];
  const whole = (x: unknown): x is number => Number.isSafeInteger(x);
  if (!whole(decided) || decided < 1)
    issues.push({
      path: [...at, 'decided'],
      code: 'invalid_value',
      message: `decided must be a whole number of decisions, at least 1 (a group of no decisions has no approval rate: leave it out), got ${String(decided)}`,
    });
  if (!whole(approved) || approved < 0 || (whole(decided) && decided >= 1 && approved > decided))
    issues.push({
      path: [...at, 'approved'],
      code: 'invalid_value',
      message: `approved must be a whole number from 0 to decided (${String(decided)}), got ${String(approved)}`,
    });
  if (!whole(approvedLimit) || approvedLimit < 0)
    issues.push({ path: [...at, 'approvedLimit'], code: 'invalid_value', message: `approvedLimit must be whole fen >= 0, got ${String(approvedLimit)}` });
  else if (approved === 0 && approvedLimit !== 0)
    issues.push({
      path: [...at, 'approvedLimit'],
      code: 'invalid_value',
      message: `approvedLimit must be 0 when none was approved (the sum of approved limits), got ${approvedLimit}`,
    });
  return issues;
}
