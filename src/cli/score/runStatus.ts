import type { LineRange, LineRangeList } from './lineRanges.js';
import { RETRY_ON_RESUME_CODE, type ResumeState } from './resumeState.js';
import type { ScoreSummary } from './scoreSummary.js';
import type { WrittenFiles } from './writtenFiles.js';

/** What decided a run's records: `score` in process, a pool of `--workers N`, or `creditlift worker` processes of a `--queue` job. */
export type DecidedBy =
  | { readonly mode: 'in-process' }
  | { readonly mode: 'pool'; readonly workers: number }
  | {
      readonly mode: 'queue';
      readonly job: string;
      /** The workers whose chunks the run wrote (`host:pid`), with how many chunks each. */
      readonly workers: Readonly<Record<string, number>>;
    };

/** What happened to an output along the way, summed over every run that wrote it. */
export interface RunEvents {
  /** Locks of runs killed with -9 that a run took over. */
  readonly lockTakeovers: number;
  /** `--queue`: chunks gone from Redis before they were written, enqueued again. */
  readonly chunksEnqueuedAgain: number;
  /** `--queue`: chunks that failed for good (refused, or failed every attempt). */
  readonly chunksFailed: number;
  /** Unfinished last lines (an interrupted write) `--resume` cut. */
  readonly linesCut: number;
  /** Lines `--resume` took out of the output because they were not output lines (a crash's NUL bytes, a damaged line). */
  readonly unreadableLinesRemoved: number;
  /** Lines `--resume` took out because they repeated an answer already in the output, byte for byte. */
  readonly repeatedLinesRemoved: number;
  /**
   * Answer lines `--resume` took out because they were not this run's answer for their input line
   * (a decision whose seal does not hold, made under another model, policy, catalog, engine or key,
   * or answering another record; a line naming no input record); their records were decided again.
   */
  readonly foreignAnswersRemoved: number;
  /** Records `--resume` decided again because their answer line was missing (lines after them were answered). */
  readonly missingAnswersDecidedAgain: number;
  /** Records `--resume` decided again because a failed worker had left them `worker_failed`. */
  readonly workerFailedDecidedAgain: number;
}

/** Input lines left without an answer when a run ended. */
export interface UndecidedLines {
  /** Records in `lines` (a range may span blank lines or a CSV record's continuation lines). */
  readonly records: number;
  /** Their line ranges, in order (the first 1,000). */
  readonly lines: readonly LineRange[];
  /** Ranges past the first 1,000, not listed. */
  readonly moreRanges?: number;
  /**
   * The run stopped (interrupted, or failed) after reading this input line: the records after it
   * were not read, and those no earlier run answered are undecided too.
   */
  readonly afterLine?: number;
}

/**
 * How the runs writing an output went, the part of `OUT.run.json` that `--resume` does not compare.
 * Written `running` as a run begins, so a run killed mid-way leaves it saying so, and rewritten
 * when the run ends (whole, as the manifest always is) with what it left.
 */
export interface RunStatus {
  /**
   * `running` while a run writes (or when it was killed, or crashed, before it could say more);
   * `finished` when every input record is answered (exit 0 or 3); `incomplete` when it ended
   * with records unanswered or its output not to be trusted (`reason` says why).
   */
  readonly state: 'running' | 'finished' | 'incomplete';
  /** Runs that wrote this output: the first, and one per `--resume`. */
  readonly runs: number;
  /** What decided the records of the latest run. */
  readonly decidedBy: DecidedBy;
  readonly events: RunEvents;
  /** The latest run's exit code (absent while running). */
  readonly exitCode?: number;
  /** Why the run is incomplete. */
  readonly reason?: string;
  /** Decision lines in the output, every run's. */
  readonly decisions?: number;
  /** Error lines of records rejected as bad data, every run's (`worker_failed` lines not included). */
  readonly rejected?: number;
  /** `worker_failed` lines: records a failed worker left undecided (listed in `undecided` too). */
  readonly workerFailed?: number;
  /** What no run answered yet; absent when nothing. */
  readonly undecided?: UndecidedLines;
  /**
   * The input line the input's last record starts on, once a run read the input to its end: no
   * answer line of the output names a higher one. Absent before, and in manifests written before
   * creditlift recorded it.
   */
  readonly lastInputLine?: number;
  /**
   * Size and SHA-256 of the output (and of the errors file when apart) as the run left them, so a
   * reader can tell the file is the run's byte for byte. Absent while running and in manifests
   * written before creditlift recorded them.
   */
  readonly files?: WrittenFiles;
}

const NO_EVENTS: RunEvents = {
  lockTakeovers: 0,
  chunksEnqueuedAgain: 0,
  chunksFailed: 0,
  linesCut: 0,
  unreadableLinesRemoved: 0,
  repeatedLinesRemoved: 0,
  foreignAnswersRemoved: 0,
  missingAnswersDecidedAgain: 0,
  workerFailedDecidedAgain: 0,
};

/**
 * The status a run writes as it begins. `resumes`: the run continues an output, whose manifest has
 * `previous` as its status (undefined when a creditlift that did not record one wrote it).
 */
export function runningStatus(previous: RunStatus | undefined, decidedBy: DecidedBy, resumes = previous !== undefined): RunStatus {
  return {
    state: 'running',
    runs: (previous?.runs ?? (resumes ? 1 : 0)) + 1,
    decidedBy,
    events: { ...NO_EVENTS, ...previous?.events },
    ...(previous?.lastInputLine === undefined ? {} : { lastInputLine: previous.lastInputLine }),
  };
}

/** How a run ended, as {@link endedStatus} records it. */
export interface RunEnd {
  readonly exitCode: number;
  /** Why it did not finish (interrupted, failed, input changed); undefined when it did. */
  readonly reason?: string;
  /** The run's own summary (records read this run). */
  readonly summary: ScoreSummary;
  /** What the output already held when it resumed. */
  readonly resumed?: ResumeState;
  /** Records read and left without an answer line (`worker_failed` lines, failed chunks, chunks in flight when it stopped). */
  readonly undecided: LineRangeList;
  /** Records in `undecided`, when its ranges span more than them (a failed chunk's range, as lines); default: its lines. */
  readonly undecidedRecords?: number;
  /** Set when the run stopped before reading the whole input: the last input line it read. */
  readonly stoppedAfterLine?: number;
  /** Set when the run read the whole input: the line its last record starts on (0 for an input without records). */
  readonly lastInputLine?: number;
  /** The run's own events (added to the earlier runs'). */
  readonly events: Partial<RunEvents>;
  /** What decided the run's records, when only known at the end (the workers of a `--queue` job). */
  readonly decidedBy?: DecidedBy;
  /** The run's files as it left them (closed). */
  readonly files: WrittenFiles;
}

/** The status a run writes when it ends, from the one it wrote as it began. */
export function endedStatus(running: RunStatus, end: RunEnd): RunStatus {
  const { summary, resumed } = end;
  const workerFailed = summary.errorCodes[RETRY_ON_RESUME_CODE] ?? 0;
  const events: Record<keyof RunEvents, number> = { ...running.events };
  for (const [k, v] of Object.entries(end.events) as [keyof RunEvents, number][]) events[k] += v;
  const u = end.undecided;
  const undecided: UndecidedLines | undefined =
    u.count === 0 && end.stoppedAfterLine === undefined
      ? undefined
      : {
          records: end.undecidedRecords ?? u.count,
          lines: u.ranges,
          ...(u.more > 0 ? { moreRanges: u.more } : {}),
          ...(end.stoppedAfterLine === undefined ? {} : { afterLine: end.stoppedAfterLine }),
        };
  const finished = end.reason === undefined && undecided === undefined;
  const lastInputLine = end.lastInputLine ?? running.lastInputLine;
  return {
    state: finished ? 'finished' : 'incomplete',
    runs: running.runs,
    decidedBy: end.decidedBy ?? running.decidedBy,
    events,
    exitCode: end.exitCode,
    ...(end.reason === undefined ? {} : { reason: end.reason }),
    decisions: (resumed === undefined ? 0 : resumed.done.size - resumed.rejected) + summary.decisions,
    rejected: (resumed?.rejected ?? 0) + summary.rejected - workerFailed,
    workerFailed,
    ...(undecided === undefined ? {} : { undecided }),
    ...(lastInputLine === undefined ? {} : { lastInputLine }),
    files: end.files,
  };
}

/**
 * What a resumed run found in its output and took out or decided again, as events; `missing`: the
 * records it decided again because their answer line was missing.
 */
export function resumeEvents(resumed: ResumeState | undefined, missing: number): Partial<RunEvents> {
  if (resumed === undefined) return {};
  const sum = (files: ResumeState['unreadable']) => files.reduce((n, f) => n + f.fileLines.count, 0);
  return {
    linesCut: resumed.cut.length,
    unreadableLinesRemoved: sum(resumed.unreadable),
    repeatedLinesRemoved: sum(resumed.repeated),
    foreignAnswersRemoved: resumed.foreign.reduce((n, f) => n + f.count, 0),
    missingAnswersDecidedAgain: missing,
    workerFailedDecidedAgain: resumed.retried,
  };
}
