import type { BatchResult } from '../../decision/createScorer.js';
import { toJsonResult, type BatchResultJson } from '../../parallel/batchResultJson.js';
import { CreditliftError } from '../../errors/creditliftError.js';
import type { DecideRecords } from './batchDecider.js';
import { decidable, decidedRecordError, type InputRecord, refusalWithFaults } from './inputRecord.js';
import type { OutputLine } from './outputLine.js';
import { countDecision, countRejection, emptyScoreSummary, type ScoreSummary } from './scoreSummary.js';

/** Inputs of {@link scoreRecords}. */
export interface ScoreRecordsOptions {
  readonly records: AsyncIterable<InputRecord>;
  readonly decide: DecideRecords;
  /** Writes one output line (a decision or an error); awaited, so back-pressure reaches the reader. */
  readonly write: (line: OutputLine) => Promise<void>;
  /** Lines already answered by an earlier run: read, counted as skipped, not decided again. */
  readonly skip?: (line: number) => boolean;
  /** Records per call of `decide` (default 256). */
  readonly chunkSize?: number;
  /** Chunks decided concurrently; their output is still written in input order (default 1). */
  readonly inFlight?: number;
  /** When aborted, no new chunk starts (none at all when aborted before the call); chunks in flight finish and are written. */
  readonly signal?: AbortSignal;
  /** Called after each chunk is written, with the running summary. */
  readonly onChunk?: (summary: ScoreSummary) => void;
  /** Called with the applicant of every record decided (not for errors; chunks in flight in any order): e.g. to count its certificate kinds. */
  readonly onDecided?: (applicant: unknown) => void;
  /** The policy's `pricing.averageCostAlertAbove`: the summary flags an average cost of new lines above it. Default 20%. */
  readonly averageCostAlertAbove?: number;
}

/** What {@link scoreRecords} did. */
export interface ScoreRecordsResult {
  readonly summary: ScoreSummary;
  /** True when stopped by the signal before the input ran out. */
  readonly interrupted: boolean;
}

type ChunkOutcome = { readonly ok: true; readonly lines: OutputLine[] } | { readonly ok: false; readonly error: unknown };

/**
 * Streams records through `decide` in chunks and writes exactly one output line per record read:
 * its decision, or its error (unreadable, invalid, or refused by the engine). Output is written
 * chunk by chunk in input order, so at most `chunkSize x inFlight` records are held at once.
 *
 * @throws whatever `decide` throws (a runtime failure), after writing every chunk that did finish
 */
export async function scoreRecords(options: ScoreRecordsOptions): Promise<ScoreRecordsResult> {
  const chunkSize = options.chunkSize ?? 256;
  const inFlight = Math.max(1, options.inFlight ?? 1);
  const summary = emptyScoreSummary(options.averageCostAlertAbove);
  const queue: Promise<ChunkOutcome>[] = [];
  let failure: { error: unknown } | undefined;
  let chunk: InputRecord[] = [];
  let exhausted = true;

  const launch = () => {
    const records = chunk;
    chunk = [];
    queue.push(
      decideChunk(records, options.decide, options.onDecided).then(
        (lines): ChunkOutcome => ({ ok: true, lines }),
        (error: unknown): ChunkOutcome => ({ ok: false, error }),
      ),
    );
  };
  const flushOne = async () => {
    const outcome = await (queue.shift() as Promise<ChunkOutcome>);
    if (!outcome.ok) {
      failure ??= { error: outcome.error };
      return;
    }
    for (const line of outcome.lines) {
      await options.write(line);
      if ('decisionJson' in line) countDecision(summary, line);
      else countRejection(summary, line.error);
    }
    options.onChunk?.(summary);
  };

  // Stopped before the run began (a signal while it opened: the bin takes signals from its first
  // statement): nothing is decided. The first chunk was, before: the whole of a small input, which
  // exited 0 or 3 where any later signal gives 130.
  // (A function: the signal is aborted from outside, which a check inline would narrow away.)
  const stopped = () => options.signal?.aborted === true;
  if (stopped()) return { summary, interrupted: true };
  for await (const record of options.records) {
    if (options.skip?.(record.line) === true) {
      summary.skipped++;
      continue;
    }
    chunk.push(record);
    if (chunk.length < chunkSize) continue;
    launch();
    while (queue.length >= inFlight) await flushOne();
    if (failure !== undefined || stopped()) {
      exhausted = false;
      break;
    }
  }
  if (exhausted && chunk.length > 0) launch();
  while (queue.length > 0) await flushOne();
  if (failure !== undefined) throw failure.error;
  return { summary, interrupted: !exhausted };
}

/**
 * The output line of each record, in order, as a run writes them: a record that cannot be read gets
 * its error unread, the rest are decided in one call of `decide`. `--resume` asks it again of the
 * records an error line answers, to tell a kept error line is this run's (see keptAnswerCheck).
 */
export async function decideChunk(
  records: readonly InputRecord[],
  decide: DecideRecords,
  onDecided?: (applicant: unknown) => void,
  purpose: 'answer' | 'check' = 'answer',
): Promise<OutputLine[]> {
  const { values, limitHistories } = decidable(records);
  const results = values.length === 0 ? [] : await (purpose === 'check' ? decide(values, limitHistories, 'check') : decide(values, limitHistories));
  if (results.length !== values.length)
    throw new CreditliftError('internal_error', `the decider returned ${results.length} results for ${values.length} records`);
  let k = 0;
  return records.map((r): OutputLine => {
    if (!r.ok) {
      if (r.check === undefined) return { line: r.line, error: r.error };
      const checked = results[k++] as BatchResult | BatchResultJson;
      return { line: r.line, error: refusalWithFaults(r, checked.ok ? undefined : checked.error) };
    }
    const got = results[k++] as BatchResult | BatchResultJson;
    const result = got.ok && 'decision' in got ? toJsonResult(got) : (got as BatchResultJson);
    if (!result.ok) return { line: r.line, error: decidedRecordError(r, result.error) };
    onDecided?.(r.value);
    const cost =
      result.highestPlanCost === undefined || result.previousLimit === undefined
        ? {}
        : { previousLimit: result.previousLimit, highestPlanCost: result.highestPlanCost };
    return { line: r.line, decisionJson: result.decisionJson, outcome: result.outcome, limit: result.limit, ...cost };
  });
}
