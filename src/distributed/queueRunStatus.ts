import type { CliIo } from '../cli/cliIo.js';
import { CliExitCode } from '../cli/cliExitCode.js';
import { noteMissingAnswers } from '../cli/score/continueRun.js';
import { formatLineRanges, LineRangeList, type LineRange } from '../cli/score/lineRanges.js';
import { readToEndOutcome } from '../cli/score/readToEndOutcome.js';
import type { ResumeState } from '../cli/score/resumeState.js';
import { endedStatus, resumeEvents } from '../cli/score/runStatus.js';
import type { RunStatus, WrittenFiles } from '../cli/score/runManifestSchema.js';
import type { ScoreSummary } from '../cli/score/scoreSummary.js';
import type { FingerprintInterruptedError } from '../cli/score/fingerprintInterruptedError.js';
import { endAfterDigestsStopped, runEndInterruptedReason } from '../cli/score/runEndInterrupted.js';

/** How a `score --queue` run ended, as the producer saw it. */
export interface QueueRunEnd {
  readonly summary: ScoreSummary;
  readonly resumed?: ResumeState;
  /** Chunks that failed for good, in input order. */
  readonly failed: readonly { readonly firstLine: number; readonly lastLine: number }[];
  /** Input lines this run answered with a `worker_failed` line (undecided: a resume decides them), in input order. */
  readonly workerFailedLines: readonly number[];
  /** Chunks enqueued (or being added) and not written (a run stopped by a signal, or failed), in input order. */
  readonly unwritten: readonly { readonly recordLines: readonly number[] }[];
  /** True when the run stopped before it read and wrote everything (a signal, Redis lost). */
  readonly stopped: boolean;
  /** Why it failed, when it threw (Redis lost, ...). */
  readonly failure?: { readonly exitCode: number; readonly message: string };
  /** Why the input is not the file decided (read again at the end). */
  readonly changed?: string;
  /** A signal stopped that reading of the input: nothing is known of it (exit 130, no last line read claimed). */
  readonly checkStopped?: FingerprintInterruptedError;
  /** A signal stopped reading the outputs back for their digests (`files` then holds their sizes alone). */
  readonly digestsStopped?: FingerprintInterruptedError;
  /** The input line of the last record of the last chunk the run took in (added, or answered by an earlier run). */
  readonly lastLineRead: number;
  readonly chunksEnqueuedAgain: number;
  readonly lockTakeovers: number;
  readonly job: string;
  /** Chunks written, by the worker (`host:pid`) that decided them. */
  readonly workers: ReadonlyMap<string, number>;
}

/**
 * The status a `score --queue` producer records as it ends, from the one it wrote as it began:
 * the exit code it returns (130 stopped by a signal, 1 input changed or a chunk failed for good, 4
 * `worker_failed` lines, 3 records rejected, else 0, as `runDistributedScore` exits), the failed and
 * unwritten chunks and the `worker_failed` lines as undecided lines, and the workers that decided its chunks. Says on stderr which records a resume
 * decided again because their answer line was missing. `files`: the output's digests, read after it
 * was closed (its sizes alone when a signal stopped that: a run that had otherwise done is then
 * interrupted, 130, as `score` ends one).
 */
export function queueRunStatus(running: RunStatus, end: QueueRunEnd, io: CliIo, files: WrittenFiles | undefined): RunStatus {
  const { summary, resumed, failed } = end;
  const answered = (line: number) => resumed?.done.has(line) === true;
  // Failed chunks, worker_failed lines and unwritten chunks interleave: the list takes them in line order.
  const ranges: LineRange[] = failed.map((f) => ({ first: f.firstLine, last: f.lastLine }));
  for (const line of end.workerFailedLines) ranges.push({ first: line, last: line });
  let unwrittenRecords = 0;
  if (end.stopped)
    for (const c of end.unwritten)
      for (const line of c.recordLines)
        if (!answered(line)) {
          unwrittenRecords++;
          ranges.push({ first: line, last: line });
        }
  const undecided = new LineRangeList();
  for (const r of ranges.sort((a, b) => a.first - b.first || a.last - b.last)) undecided.addRange(r.first, r.last);
  const failedRanges = failed.map((f) => ({ first: f.firstLine, last: f.lastLine }));
  const workerFailed = end.workerFailedLines.length;
  // As `score` ends a run read to its end, whoever decided it.
  const readToEnd = readToEndOutcome(workerFailed, summary.rejected - workerFailed + (resumed?.rejected ?? 0));
  const [codeBefore, reasonBefore]: [number, string | undefined] =
    end.failure !== undefined
      ? [end.failure.exitCode, `failed: ${end.failure.message}`]
      : end.stopped
        ? [CliExitCode.interrupted, 'interrupted (a signal) before every chunk was written']
        : end.checkStopped !== undefined
          ? [CliExitCode.interrupted, runEndInterruptedReason('input-check', end.checkStopped)]
          : end.changed !== undefined
            ? [CliExitCode.failed, end.changed]
            : failed.length > 0
              ? [CliExitCode.failed, `${failed.length} chunk${failed.length === 1 ? '' : 's'} failed for good (${formatLineRanges(failedRanges)})`]
              : [readToEnd.exitCode, readToEnd.reason];
  const afterDigests = end.digestsStopped === undefined ? undefined : endAfterDigestsStopped(codeBefore, reasonBefore, end.digestsStopped);
  const exitCode = afterDigests?.code ?? codeBefore;
  const reason = afterDigests?.reason ?? reasonBefore;
  // The input's last line is claimed only of an input known to be the run's.
  const inputKnown = !end.stopped && end.failure === undefined && end.changed === undefined && end.checkStopped === undefined;
  return endedStatus(running, {
    exitCode,
    ...(reason === undefined ? {} : { reason }),
    summary,
    ...(resumed === undefined ? {} : { resumed }),
    undecided,
    // A failed chunk's range may span lines that are no record: the summary counted its records.
    undecidedRecords: summary.undecided + workerFailed + unwrittenRecords,
    ...(end.stopped ? { stoppedAfterLine: end.lastLineRead } : {}),
    ...(inputKnown ? { lastInputLine: end.lastLineRead } : {}),
    events: {
      ...resumeEvents(resumed, noteMissingAnswers(resumed, io)),
      lockTakeovers: end.lockTakeovers,
      chunksEnqueuedAgain: end.chunksEnqueuedAgain,
      chunksFailed: failed.length,
    },
    decidedBy: { mode: 'queue', job: end.job, workers: Object.fromEntries(end.workers) },
    ...(files === undefined ? {} : { files }),
  });
}
