import { deepFreeze } from '../common/deepFreeze.js';
import { typeNameOf } from '../errors/argumentIssues.js';
import type { ValidationIssue } from '../errors/validationError.js';

/**
 * How a simulation replays each record of the book:
 * - `decide`: each side decides the record afresh (`decide`), a full re-underwriting: an existing
 *   customer's line may be raised, kept, **lowered** or **closed** by the policy's answer today.
 * - `reassess`: each record is first decided under the baseline (`decide`), and that decision is the
 *   prior both sides reassess with the record's profile and no new evidence (`reassess`), the
 *   interactive path: a line is raised up to what the policy grants, kept, or **held** for a
 *   person's review when it is above what may be granted; never lowered automatically.
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
   * Where each reassessment's prior decision comes from: `baseline_decide`, the record decided under
   * the baseline (the line as the policy in force leaves it); null in `decide` mode (no prior).
   */
  readonly prior: 'baseline_decide' | null;
}

/** The paths of a mode. */
export function simulationPaths(mode: SimulationMode): SimulationPaths {
  return mode === 'decide'
    ? { mode, baseline: 'decide', candidate: 'decide', prior: null }
    : { mode, baseline: 'reassess', candidate: 'reassess', prior: 'baseline_decide' };
}

/**
 * One sentence saying what each side ran, for the command's output and the HTML report: a
 * lender reading "approve -> approve" must know whether the line was re-underwritten (and may have
 * been lowered) or reassessed (and may be held for a person).
 */
export function describeSimulationPaths(paths: SimulationPaths): string {
  return paths.mode === 'decide'
    ? 'both sides decide each record afresh (decide): a full re-underwriting, so an existing line may be raised, kept, lowered or closed; mode reassess replays the interactive path instead (the line on file held for review, never lowered automatically)'
    : 'each record is decided under the baseline (decide) and both sides reassess that decision with the same profile and no new evidence (reassess): a line is raised up to what the policy grants, kept, or held for review, never lowered automatically';
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
