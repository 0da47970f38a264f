import { CliExitCode } from '../cliExitCode.js';
import { RETRY_ON_RESUME_CODE } from './resumeState.js';

/** The exit code of a score run that read its input to its end, and why it is incomplete when it is. */
export interface ReadToEndOutcome {
  readonly exitCode: number;
  /** Set when records went undecided (`worker_failed` lines): the run is incomplete. */
  readonly reason?: string;
}

/**
 * How a `score` run that read its whole input ended, whoever decided it (in process, a pool, queue
 * workers): 4 with a reason when `workerFailed` records have a `worker_failed` line, else 3 when
 * any record was `rejected` (this run's or an earlier one's, `worker_failed` lines left out), else 0.
 * One function for every path, so the same book with the same fault records the same status.
 */
export function readToEndOutcome(workerFailed: number, rejected: number): ReadToEndOutcome {
  if (workerFailed > 0)
    return {
      exitCode: CliExitCode.recordsFailed,
      reason: `${workerFailed} records were not decided because a scorer worker failed (error code ${RETRY_ON_RESUME_CODE})`,
    };
  return { exitCode: rejected > 0 ? CliExitCode.rejected : CliExitCode.ok };
}
