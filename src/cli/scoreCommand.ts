import { createReadStream, type ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { reportError, UsageError } from '../commandLine/commandIo.js';
import { processCliIo, type CliIo } from './cliIo.js';
import { CliExitCode } from './cliExitCode.js';
import type { ScorerArgs } from './openScorer.js';
import { SCORER_ARG_OPTIONS, SCORER_OPTIONS_HELP } from './scorerArgs.js';
import { intOption, parseCommandArgs } from '../commandLine/parseCommandArgs.js';
import { inProcessDecider, type BatchDecider } from './score/batchDecider.js';
import { openLineSink, type LineSink } from './score/lineSink.js';
import { formatOutputLine } from './score/outputLine.js';
import { createProgressBar } from './score/progressBar.js';
import { readCsvRecords } from './score/readCsvRecords.js';
import { readNdjsonRecords } from './score/readNdjsonRecords.js';
import { readResumeState, type ResumeState } from './score/resumeState.js';
import { scoreRecords } from './score/scoreRecords.js';
import { averageCostAlertOf } from './score/averageCostAlert.js';
import { formatScoreSummary } from './score/scoreSummary.js';
import { splitLines } from './score/splitLines.js';

/** Help text of `creditlift score`. */
export const SCORE_USAGE = `Usage: creditlift score --in FILE --out FILE [options]

Decides every applicant in a file and writes one NDJSON line per input record, in input order,
as it goes:
  {"line":12,"decision":{...}}     the Decision for the record on input line 12
  {"line":13,"error":{"code":"validation_failed","message":"...","issues":[{"path":["income","monthlyNet"],...}]}}
Every record gets exactly one of the two. Unreadable lines (bad JSON, broken CSV quoting, wrong
field count) are error lines too, never a crash.

Input (--format, or from the file name: .csv is CSV, anything else NDJSON):
  NDJSON   one applicant JSON per line (see "creditlift schema"); blank lines are skipped.
  CSV      a header row of dotted applicant paths, one applicant per row:
             id,asOf,birthDate,identity.idHash,employment.type,employment.industry,
             income.monthlyNet,income.source,bureau.hasFile,platform.accountAgeMonths,...
           A numeric segment is an array index (evidence.0.kind, evidence.0.score,
           evidence.0.verification.method); a column naming an object or array ("evidence",
           "controls") holds it as JSON. Cells are read by the schema's type at that path
           (integers, numbers, true/false/yes/no/1/0); an empty cell leaves the field out.
           Quoted fields may hold commas, quotes ("") and line breaks; the record's line
           number is the line it starts on (the header is line 1).

Options:
  --in FILE                  applicants (NDJSON or CSV)
  --out FILE                 decision lines (NDJSON)
  --errors FILE              error lines go here instead of into --out
  --format ndjson|csv        input format (default: from the file name)
  --resume                   continue an interrupted run: keep the lines already in --out and
                             --errors, skip those input lines, append the rest (same --in!)
  --overwrite                replace existing output files (otherwise an existing non-empty
                             output is refused, so finished work is never lost by accident)
  --batch N                  records per runtime call (default 256)
  --workers N                decide on N worker threads, each with its own model session
                             (default 1: in process)
  --suggestions N            what-if certificate suggestions per decision, 0..100 (default 3);
                             0 skips the what-if scoring, several times faster for re-scoring
  --json-summary             print the end summary as JSON instead of text
${SCORER_OPTIONS_HELP}
  -h, --help                 show this help

A progress bar is drawn on stderr when it is a terminal. The summary (records, decisions,
rejections, throughput, outcome shares, limit distribution) goes to stdout.

Exit codes: 0 every record decided, 3 some records rejected (see the error lines), 1 failure
(input unreadable, model or runtime failed: rerun with --resume), 2 usage, 130 interrupted
(rerun with --resume).
`;

const OPTIONS = {
  ...SCORER_ARG_OPTIONS,
  in: { type: 'string' },
  out: { type: 'string' },
  errors: { type: 'string' },
  format: { type: 'string' },
  resume: { type: 'boolean' },
  overwrite: { type: 'boolean' },
  batch: { type: 'string' },
  workers: { type: 'string' },
  'json-summary': { type: 'boolean' },
  suggestions: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Exit code of a run stopped by SIGINT/SIGTERM (128 + 2, as shells report Ctrl-C). */
export const INTERRUPTED_EXIT_CODE = 130;

/** What {@link runScoreCommand} builds its decider with; tests and the worker pool pass their own. */
export interface ScoreCommandDeps {
  /** Opens the decider for the parsed `--model`, `--policy` and `--workers`. Default: {@link openBatchDecider}. */
  readonly openDecider?: (values: ScorerArgs & { readonly suggestions: number }, workers: number) => Promise<BatchDecider>;
}

/**
 * `creditlift score`: streams a file of applicants through the scorer into NDJSON decision and
 * error lines, resumable. Resolves to the exit code; never rejects.
 *
 * @example
 * process.exitCode = await runScoreCommand(['--in', 'book.csv', '--out', 'decisions.ndjson', '--errors', 'rejected.ndjson']);
 */
export async function runScoreCommand(argv: readonly string[], io: CliIo = processCliIo, deps: ScoreCommandDeps = {}): Promise<number> {
  let decider: BatchDecider | undefined;
  const sinks: LineSink[] = [];
  try {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS);
    if (values.help === true) {
      io.stdout(SCORE_USAGE);
      return CliExitCode.ok;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const missing = (['in', 'out'] as const).filter((k) => values[k] === undefined);
    if (missing.length > 0) throw new UsageError(`missing ${missing.map((k) => `--${k}`).join(', ')}`);
    const input = values.in as string;
    const out = values.out as string;
    const errors = values.errors ?? out;
    if (values.resume === true && values.overwrite === true) throw new UsageError('--resume and --overwrite contradict each other');
    if (new Set([resolve(input), resolve(out)]).size < 2 || resolve(errors) === resolve(input)) throw new UsageError('--out and --errors must not be the input file');
    const format = values.format ?? (/\.csv$/i.test(input) ? 'csv' : 'ndjson');
    if (format !== 'csv' && format !== 'ndjson') throw new UsageError(`--format must be ndjson or csv, got "${format}"`);
    const chunkSize = intOption(values.batch, 'batch', 256, 65_536);
    const workers = intOption(values.workers, 'workers', 1, 256);
    const suggestions = values.suggestions === '0' ? 0 : intOption(values.suggestions, 'suggestions', 3, 100);

    const inputSize = (await stat(input)).size;
    if (values.resume !== true && values.overwrite !== true) {
      for (const path of new Set([out, errors])) {
        if ((await sizeOf(path)) > 0) throw new UsageError(`${path} exists and is not empty: use --resume to continue that run or --overwrite to replace it`);
      }
    }
    const resumed: ResumeState | undefined = values.resume === true ? await readResumeState([out, errors]) : undefined;
    if (resumed !== undefined && resumed.truncatedBytes > 0) io.stderr(`note: cut an unfinished last line (${resumed.truncatedBytes} bytes) from the output before resuming\n`);

    decider = await (deps.openDecider ?? openBatchDecider)({ ...values, suggestions }, workers);
    const outSink = await openLineSink(out, resumed !== undefined);
    sinks.push(outSink);
    const errSink = errors === out ? outSink : await openLineSink(errors, resumed !== undefined);
    if (errSink !== outSink) sinks.push(errSink);

    const stream: ReadStream = createReadStream(input, { highWaterMark: 64 * 1024 });
    // Bytes handed to the line splitter, not bytes read ahead by the stream: what progress means.
    let consumed = 0;
    const lines = splitLines(
      (async function* () {
        for await (const chunk of stream) {
          consumed += (chunk as Buffer).length;
          yield chunk as Buffer;
        }
      })(),
    );
    const records = format === 'csv' ? readCsvRecords(lines) : readNdjsonRecords(lines);
    const progress = createProgressBar(io);
    const started = io.now?.();
    let result;
    try {
      result = await scoreRecords({
        records,
        decide: decider.decide,
        write: (line) => ('decisionJson' in line ? outSink : errSink).write(formatOutputLine(line)),
        ...(resumed === undefined ? {} : { skip: (line: number) => resumed.done.has(line) }),
        chunkSize,
        inFlight: decider.inFlight,
        averageCostAlertAbove: await averageCostAlertOf(values),
        ...(io.signal === undefined ? {} : { signal: io.signal }),
        onChunk: (s) => progress.update(consumed, inputSize, s.recordsIn + s.skipped, s.rejected),
      });
    } finally {
      progress.finish();
      stream.destroy();
    }
    for (const sink of sinks.splice(0)) await sink.close();
    const { summary, interrupted } = result;
    if (started !== undefined && io.now !== undefined) summary.seconds = (io.now() - started) / 1000;
    io.stdout(values['json-summary'] === true ? `${JSON.stringify(summary)}\n` : formatScoreSummary(summary, { out, errors }));
    if (interrupted) {
      io.stderr(`interrupted: ${summary.recordsIn} records written; run the same command with --resume to continue\n`);
      return INTERRUPTED_EXIT_CODE;
    }
    return summary.rejected + (resumed?.rejected ?? 0) > 0 ? CliExitCode.rejected : CliExitCode.ok;
  } catch (e) {
    // Whatever finished is already on disk; a rerun with --resume picks up from there.
    for (const sink of sinks) await sink.close().catch(() => undefined);
    return reportError(e, io, SCORE_USAGE);
  } finally {
    await decider?.close();
  }
}

/**
 * The decider for `--workers N`: in process for 1, else a pool of N worker threads
 * (src/parallel), each with its own scorer, with N chunks in flight so every worker stays busy.
 */
export async function openBatchDecider(values: ScorerArgs & { readonly suggestions: number }, workers: number): Promise<BatchDecider> {
  // Loaded here, not at the top, so a caller passing its own decider never loads the runtime.
  const { openScorer, scorerOptionsFrom } = await import('./openScorer.js');
  const extra = { suggestionsPerDecision: values.suggestions };
  if (workers === 1) return inProcessDecider(await openScorer(values, extra));
  const { createScorerPool } = await import('../parallel/createScorerPool.js');
  const pool = await createScorerPool({ workers, scorer: await scorerOptionsFrom(values, extra) });
  // Decisions come back as JSON text serialised on the workers: this thread only writes them, so
  // it never becomes the bottleneck of the pool.
  return { decide: (records) => pool.decideBatchJson(records), inFlight: workers, close: () => pool.close() };
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}
