import type { LineRangeList } from './lineRanges.js';
import { RETRY_ON_RESUME_CODE, type ResumeState } from './resumeState.js';
import type { DecidedBy, RunEvents, RunStatus, UndecidedLines, WrittenFiles } from './runManifestSchema.js';
import type { ScoreSummary } from './scoreSummary.js';

const NO_EVENTS: Record<keyof RunEvents, number> = {
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
 * `errorsApart`: its error lines go to a file of their own, whose order is recorded apart
 * (`errorsLineOrder`), from the order a manifest recording one for both files says.
 */
export function runningStatus(previous: RunStatus | undefined, decidedBy: DecidedBy, resumes = previous !== undefined, errorsApart = false): RunStatus {
  const lineOrder = lineOrderBefore(previous, resumes);
  const errorsLineOrder = errorsApart ? (resumes ? (previous?.errorsLineOrder ?? lineOrder) : 'input') : undefined;
  return {
    state: 'running',
    runs: (previous?.runs ?? (resumes ? 1 : 0)) + 1,
    decidedBy,
    events: everyEvent(previous?.events),
    ...(lineOrder === undefined ? {} : { lineOrder }),
    ...(errorsLineOrder === undefined ? {} : { errorsLineOrder }),
    ...(previous?.lastInputLine === undefined ? {} : { lastInputLine: previous.lastInputLine }),
  };
}

/**
 * The order of the output as a run finds it. A first run's is `input`, as is that of one run
 * never resumed, whichever creditlift wrote it; a resumed run's, unless its manifest says, is not
 * known: a creditlift that did not record the order recorded what a resume decided again only as
 * it ended, and one killed before wrote answers out of order unsaid. Not known stays so.
 */
function lineOrderBefore(previous: RunStatus | undefined, resumes: boolean): RunStatus['lineOrder'] {
  if (!resumes) return 'input';
  if (previous?.lineOrder !== undefined) return previous.lineOrder;
  return previous?.runs === 1 ? 'input' : undefined;
}

/**
 * `status` (saying already which file a resume writes an answer after the rest in) with the counts
 * of `events` (what it took out and decides again, as known then) added to its own: what a run
 * killed from then on leaves said.
 */
export function decidingAgainStatus(status: RunStatus, events: Partial<RunEvents>): RunStatus {
  const every = everyEvent(status.events);
  for (const [k, v] of Object.entries(events) as [keyof RunEvents, number][]) every[k] += v;
  return { ...status, events: every };
}

/**
 * Every count of `events`: one a manifest lacks (written before creditlift counted it, as
 * `foreignAnswersRemoved`) starts at 0 from this run on, as the runs before counted none.
 */
function everyEvent(events: RunEvents | undefined): Record<keyof RunEvents, number> {
  const every = { ...NO_EVENTS };
  for (const [k, v] of Object.entries(events ?? {}) as [keyof RunEvents, number | undefined][]) if (v !== undefined) every[k] = v;
  return every;
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
  /** The run's files as it left them (closed); their sizes alone when a signal stopped reading them back. */
  readonly files?: WrittenFiles;
}

/** The status a run writes when it ends, from the one it wrote as it began. */
export function endedStatus(running: RunStatus, end: RunEnd): RunStatus {
  const { summary, resumed } = end;
  const workerFailed = summary.errorCodes[RETRY_ON_RESUME_CODE] ?? 0;
  const events = everyEvent(running.events);
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
    ...(running.lineOrder === undefined ? {} : { lineOrder: running.lineOrder }),
    ...(running.errorsLineOrder === undefined ? {} : { errorsLineOrder: running.errorsLineOrder }),
    exitCode: end.exitCode,
    ...(end.reason === undefined ? {} : { reason: end.reason }),
    decisions: (resumed === undefined ? 0 : resumed.done.size - resumed.rejected) + summary.decisions,
    rejected: (resumed?.rejected ?? 0) + summary.rejected - workerFailed,
    workerFailed,
    ...(undecided === undefined ? {} : { undecided }),
    ...(lastInputLine === undefined ? {} : { lastInputLine }),
    ...(end.files === undefined ? {} : { files: end.files }),
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
