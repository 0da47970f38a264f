import { deepFreeze } from '../common/deepFreeze.js';
import { typeNameOf } from '../errors/argumentIssues.js';
import type { ValidationIssue } from '../errors/validationError.js';

/**
 * How a simulation replays each record of the book:
 * - `decide`: each side decides the record afresh (`decide`), a full re-underwriting: an existing
 *   customer's line may be raised, kept, **lowered** or **closed** by the policy's answer today.
 * - `reassess`: both sides reassess each record's prior with the record's profile and no new
 *   evidence (`reassess`), the interactive path: a line is raised up to what the policy grants,
 *   kept, or **held** for a person's review when it is above what may be granted; never lowered
 *   automatically. The prior is the decision the book stores with the record (`prior`, checked
 *   first) or, where it carries none, the record decided under the baseline (`decide`).
 */
export const SIMULATION_MODES = deepFreeze(['decide', 'reassess'] as const);
/** See {@link SIMULATION_MODES}. */
export type SimulationMode = (typeof SIMULATION_MODES)[number];

/** Which call each side's decisions come from, as a simulation summary states it. */
export interface SimulationPaths {
  readonly mode: SimulationMode;
  /** The call the baseline's decisions come from: `decide` (re-underwriting) or `reassess` (the line on file protected). */
  readonly baseline: SimulationMode;
  /** The call the candidate's decisions come from. */
  readonly candidate: SimulationMode;
  /**
   * Where the reassessments' prior decisions came from (`summary.priors` counts them):
   * `baseline_decide`, each record decided under the baseline (the line as the policy in force
   * leaves it; also when nothing was reassessed); `stored`, each the decision the book stores with
   * the record (the line the lender holds); `stored_or_baseline_decide`, some of each. Null in
   * `decide` mode (no prior).
   */
  readonly prior: 'baseline_decide' | 'stored' | 'stored_or_baseline_decide' | null;
}

/**
 * The paths of a mode, and in `reassess` mode where the priors of the records in a cell came from
 * (how many from the decision stored with them, how many from the baseline's `decide`).
 */
export function simulationPaths(
  mode: SimulationMode,
  priors: { readonly fromStored: number; readonly fromBaselineDecide: number } = { fromStored: 0, fromBaselineDecide: 0 },
): SimulationPaths {
  if (mode === 'decide') return { mode, baseline: 'decide', candidate: 'decide', prior: null };
  const prior = priors.fromStored === 0 ? 'baseline_decide' : priors.fromBaselineDecide === 0 ? 'stored' : 'stored_or_baseline_decide';
  return { mode, baseline: 'reassess', candidate: 'reassess', prior };
}

/**
 * One sentence saying what each side ran, for the command's output and the HTML report: a
 * lender reading "approve -> approve" must know whether the line was re-underwritten (and may have
 * been lowered) or reassessed (and may be held for a person).
 */
export function describeSimulationPaths(paths: SimulationPaths): string {
  const interactive = 'a line is raised up to what the policy grants, kept, or held for review, never lowered automatically';
  switch (paths.prior) {
    case null:
      return 'both sides decide each record afresh (decide): a full re-underwriting, so an existing line may be raised, kept, lowered or closed; mode reassess replays the interactive path instead (the line on file held for review, never lowered automatically)';
    case 'stored':
      return `both sides reassess each record from the decision stored with it (prior, its seal verified) with the same profile and no new evidence (reassess): ${interactive}`;
    case 'stored_or_baseline_decide':
      return `both sides reassess each record from the decision stored with it (prior, its seal verified) or, where it carries none, from the record decided under the baseline (decide), with the same profile and no new evidence (reassess): ${interactive}`;
    default:
      return `each record is decided under the baseline (decide) and both sides reassess that decision with the same profile and no new evidence (reassess): ${interactive}`;
  }
}

/** Where a reassessment's prior came from, as a report's prior column names it ("prior (stored with each record)"); null in `decide` mode. */
export function priorOrigin(prior: SimulationPaths['prior']): string | null {
  if (prior === null) return null;
  return prior === 'stored'
    ? 'stored with each record'
    : prior === 'stored_or_baseline_decide'
      ? 'stored with each record, or decided under the baseline'
      : 'decided under the baseline';
}

/** The issue of a `mode` option that is given and is not one of {@link SIMULATION_MODES}. */
export function simulationModeIssues(mode: unknown, path: readonly (string | number)[] = ['mode']): ValidationIssue[] {
  if (mode === undefined || (SIMULATION_MODES as readonly unknown[]).includes(mode)) return [];
  return [
    {
      path: [...path],
      code: 'invalid_value',
      message: `mode must be ${SIMULATION_MODES.map((m) => `"${m}"`).join(' or ')}`,
      expected: SIMULATION_MODES.join(' | '),
      received: typeof mode === 'string' ? JSON.stringify(mode.slice(0, 64)) : typeNameOf(mode),
    },
  ];
}
