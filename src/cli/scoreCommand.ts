import { stat } from 'node:fs/promises';
import { refuseStreams } from './score/refuseStreams.js';
import { reportError, UsageError } from '../commandLine/commandIo.js';
import { processCliIo, type CliIo } from './cliIo.js';
import { CliExitCode } from './cliExitCode.js';
import type { ScorerArgs } from './openScorer.js';
import { SCORER_OPTIONS_HELP } from './scorerArgs.js';
import { keyFingerprints } from './keyFingerprints.js';
import { parseCommandArgs } from '../commandLine/parseCommandArgs.js';
import { inProcessDecider, type BatchDecider } from './score/batchDecider.js';
import { csvAttributesOf } from './score/csvAttributes.js';
import { createLenientCellTally } from '../csv/lenientCells.js';
import { lenientCellsWarning } from './lenientCellsWarning.js';
import { openInputRecords } from './score/openInputRecords.js';
import { MAX_LINE_LENGTH } from './score/splitLines.js';
import { openLineSink, type LineSink } from './score/lineSink.js';
import { lockOutputs, releaseLocks, type OutputLock } from './score/outputLock.js';
import { adoptLeftPlaceholders, leftPlaceholderNote } from './score/leftPlaceholders.js';
import { deviceKindOf } from '../files/deviceKind.js';
import { formatOutputLine } from './score/outputLine.js';
import { createProgressBar } from './score/progressBar.js';
import { planScoreArgs, SCORE_ARG_OPTIONS, type ScoreArgs } from './score/scoreArgs.js';
import { RETRY_ON_RESUME_CODE } from './score/resumeState.js';
import { readToEndOutcome } from './score/readToEndOutcome.js';
import { continueRun, noteMissingAnswers } from './score/continueRun.js';
import { inputChanged } from './score/inputChanged.js';
import { fingerprintInput, readRunManifest, runManifestOf, runManifestPath, writeRunManifest, writeRunStatus } from './score/runManifest.js';
import { ResumeOrderMark } from './score/resumeOrderMark.js';
import { endedStatus, resumeEvents, runningStatus } from './score/runStatus.js';
import { writtenFilesOf, writtenSizesOf } from './score/writtenFiles.js';
import { UndecidedTracker } from './score/undecidedTracker.js';
import { emptyScoreSummary, type ScoreSummary } from './score/scoreSummary.js';
import { RunRefusedError } from './score/runRefusedError.js';
import { FingerprintInterruptedError, fingerprintInterruptedMessage } from './score/fingerprintInterruptedError.js';
import { endAfterDigestsStopped, runEndInterruptedMessage, runEndInterruptedReason } from './score/runEndInterrupted.js';
import type { WrittenFiles } from './score/runManifestSchema.js';
import { fingerprintFeatureModule } from '../features/featureModuleFingerprint.js';
import { scoreRecords } from './score/scoreRecords.js';
import { averageCostAlertOf } from './score/averageCostAlert.js';
import { formatScoreSummary } from './score/scoreSummary.js';
import { DISTRIBUTED_SCORE_HELP } from '../distributed/distributedScoreHelp.js';
import { createUnknownKindTally } from '../evidence/unknownKinds.js';
import { catalogOfArgs, unknownKindsWarning } from './unknownKindsWarning.js';
import { terminalText } from '../text/terminalText.js';
import { queuePasswordUnusedNote } from '../distributed/queuePasswordUnusedNote.js';

// The one limit both readers hold a record to, as the help prints it.
const RECORD_LIMIT = String(MAX_LINE_LENGTH).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Help text of `creditlift score`. */
export const SCORE_USAGE = `Usage: creditlift score --in FILE --out FILE [options]

Decides every applicant in a file and writes one NDJSON line per input record, in input order,
as it goes:
  {"line":12,"decision":{...}}     the Decision for the record on input line 12
  {"line":13,"error":{"code":"validation_failed","message":"...","issues":[{"path":["income","monthlyNet"],...}]}}
Every record gets exactly one of the two. Unreadable lines (bad JSON, a repeated key, nesting past
33 levels, broken CSV quoting, wrong field count) are error lines too, never a crash. A record may
take ${RECORD_LIMIT} characters (4 MiB of ASCII): a longer NDJSON line is an error line
(line_too_long), as is a longer CSV record (record_too_long); it is never held whole, and the
records after it are read.

Input (--format, or from the file name: .csv is CSV, anything else NDJSON):
  NDJSON   one applicant JSON per line (see "creditlift schema"); blank lines (spaces and tabs
           only) are skipped, and a line of NBSP, U+3000, a BOM or U+2028 is an error line. An existing
           customer's line may carry its last decision's ledger of raises, so the step limits' window
           holds: {"applicant": {...}, "limitHistory": [...]}.
  CSV      a header row of dotted applicant paths, one applicant per row:
             id,asOf,birthDate,identity.idHash,employment.type,employment.industry,
             income.monthlyNet,income.source,bureau.hasFile,platform.accountAgeMonths,...
           A numeric segment is an array index (evidence.0.kind, evidence.0.score,
           evidence.0.verification.method); a column naming an object or array ("evidence",
           "controls") holds it as JSON. Two columns naming one field (evidence.0.score and
           evidence.00.score) or one inside the other (evidence.0 and evidence.0.kind) are
           refused, naming both. Cells are read by the schema's type at that path
           (integers, numbers, true/false/yes/no/1/0); an empty cell leaves the field out.
           A number, boolean or JSON cell read without the spaces and tabs around it, or a
           number written with leading zeros (007 is 7), is counted per column: a warning on
           stderr and lenientCells in the summary, as train counts them. Other whitespace
           around one (NBSP, U+3000, a BOM, U+2028) is the row's error (invalid_cell_padding).
           Your own attributes (--features) go in dotted columns too (attributes.months_on_book),
           read by the type your module declares; one typed as a union of types is refused at
           the header: give it in one "attributes" column holding JSON instead.
           A "limitHistory" column holds the row's ledger of raises as JSON (not an applicant
           field); an empty cell is no ledger, a cell that is not one is that row's error.
           Quoted fields may hold commas, quotes ("") and line breaks; the record's line
           number is the line it starts on (the header is line 1).

Options:
  --in FILE                  applicants (NDJSON or CSV)
  --out FILE                 decision lines (NDJSON)
  --errors FILE              error lines go here instead of into --out
  --format ndjson|csv        input format (default: from the file name)
  --resume                   continue an interrupted run: keep the lines already in --out and
                             --errors, skip those input lines, decide the rest and the records
                             a failed worker left (worker_failed). Refused unless the input,
                             model, policy, catalog, keys and options match the run's manifest
                             (OUT.run.json)
  --overwrite                replace existing output files (otherwise an existing non-empty
                             output is refused, so finished work is never lost by accident)
  --batch N                  records per runtime call; with --queue, records per chunk (default 256)
  --workers N                decide in N worker processes, each with its own session of the
                             same model bytes (default 1: in process)
  --suggestions N            what-if certificate suggestions per decision, 0..100 (default 3);
                             0 skips the what-if scoring, several times faster for re-scoring
  --max-record-lines N       CSV: lines a quoted field may span (default 100); a quote still
                             open after that is an error at its line, and the lines after it
                             are read as records again
  --json-summary             print the end summary as JSON instead of text
${SCORER_OPTIONS_HELP}
  -h, --help                 show this help

${DISTRIBUTED_SCORE_HELP}

A progress bar is drawn on stderr when it is a terminal. The summary (records, decisions,
rejections, throughput, outcome shares, limit distribution) goes to stdout.

Each run writes OUT.run.json (input path, size and SHA-256, model SHA-256, policy hash, catalog
hash, options)
and holds OUT.lock (and ERRORS.lock) while it writes: a second run writing either file is refused.
A device (/dev/null, /dev/full) as --out or --errors takes no lock and is never read back; --out a
device writes no OUT.run.json, so that run cannot be resumed.
Its "status" says "running" while the run writes, then "finished" or "incomplete" with the exit
code, the counts and the input lines left undecided; "creditlift report OUT" warns of an
incomplete run. --resume takes out lines that are no output line (a crash's NUL bytes), lines
repeating an answer and answer lines that are not this run's answer for their input line (a seal
that does not hold, another model, policy, catalog, engine or key, another record, no such input
record), deciding their records again, and names the records whose answer line was missing; each
with a note.

Exit codes:
  0    every record decided
  1    failure: input unreadable or changed during the run (read again at the end), model or
       runtime failed, an output or the run manifest could not be written (rerun with
       --resume; --overwrite for a changed input)
  2    usage error, or the run was refused (output held by another run; --resume with a different
       input, model, policy, catalog or options)
  3    some records rejected as bad data (see their error lines); the rest decided
  4    some records not decided because a scorer worker failed (error code worker_failed):
       run the same command with --resume to decide them
  130  interrupted (rerun with --resume)
  141  the summary's reader closed standard output (| head): the run itself finished, as its
       OUT.run.json says
`;

/** Exit code of a run stopped by SIGINT/SIGTERM (128 + 2, as shells report Ctrl-C). */
export const INTERRUPTED_EXIT_CODE = CliExitCode.interrupted;

/** What {@link runScoreCommand} builds its decider with; tests and the worker pool pass their own. */
export interface ScoreCommandDeps {
  /** Opens the decider for the parsed `--model`, `--policy` and `--workers`. Default: {@link openBatchDecider}. */
  readonly openDecider?: (
    values: ScorerArgs & { readonly suggestions: number },
    workers: number,
    options: { readonly workerExecArgv?: readonly string[] },
  ) => Promise<BatchDecider>;
}

export type { ScoreArgs } from './score/scoreArgs.js';

/**
 * `creditlift score`: streams a file of applicants through the scorer into NDJSON decision and
 * error lines, resumable. Resolves to the exit code; never rejects.
 *
 * The run in four steps: take the output (lock, manifest, resume state), open the decider, stream
 * the records through it in input order, report.
 *
 * @example
 * process.exitCode = await runScoreCommand(['--in', 'book.csv', '--out', 'decisions.ndjson', '--errors', 'rejected.ndjson']);
 */
export async function runScoreCommand(argv: readonly string[], io: CliIo = processCliIo, deps: ScoreCommandDeps = {}): Promise<number> {
  // --queue: the same command, decided by `creditlift worker` processes (src/distributed).
  if (argv.some((a) => a === '--queue' || a.startsWith('--queue=')))
    return (await import('../distributed/distributedScoreCommand.js')).runDistributedScore(argv, io, SCORE_USAGE);
  let decider: BatchDecider | undefined;
  let locks: OutputLock[] = [];
  const sinks: LineSink[] = [];
  // Set once the run has begun to write (its manifest, or a resumed run's files): past it, its files are its output.
  let began = false;
  // Once the manifest says the run is under way: records a failure as the run's end.
  // Records a failed run's end in its manifest; resolves to the manifest's path (undefined: none, --out a device).
  let endOnFailure: ((code: number, reason: string) => Promise<string | undefined>) | undefined;
  // What a run stopped before it began says to do again depends on these.
  let how = { resume: false, overwrite: false };
  try {
    const args = parseScoreArgs(argv);
    if (args === 'help') {
      io.stdout(SCORE_USAGE);
      return CliExitCode.ok;
    }
    how = { resume: args.resume, overwrite: args.overwrite };
    // Only a resume or overwrite talks to Redis: to remove the keys of the --queue run that wrote the output.
    if (args.queuePasswordFile !== undefined && !args.resume && !args.overwrite)
      throw new UsageError(
        "--queue-password-file applies with --queue, or with --resume or --overwrite of an output a --queue run wrote (to remove that run's keys from Redis)",
      );
    // Read before anything is locked or written: an unusable password file stops the run here.
    const queuePassword =
      args.resume || args.overwrite
        ? await (await import('../distributed/queuePasswordOf.js')).queuePasswordOf(args.queuePasswordFile, io.env ?? {})
        : undefined;
    await refuseStreams(args);
    // A device (/dev/null, /dev/full): no lock, no manifest beside it, never read back.
    const outDevice = await deviceKindOf(args.out);
    const errorsKind = args.errors === args.out ? undefined : await deviceKindOf(args.errors);
    const errorsDevice = errorsKind === undefined ? undefined : { path: args.errors, device: errorsKind };
    if (outDevice !== undefined && args.resume)
      throw new RunRefusedError(
        `--resume: --out ${args.out} is ${outDevice}, not a file: a run writing there keeps neither its lines nor a run manifest, so there is nothing to resume; run again without --resume, or write --out to a file`,
      );
    // The lock comes first: nothing below may look at or touch an output another run is writing.
    // The errors file too: two runs sharing one would each write it from its start.
    locks = await lockOutputs([args.out, args.errors], sayOn(io));
    for (const lock of locks)
      if (lock.tookOverFrom !== undefined)
        io.stderr(`note: took over the lock of run ${lock.tookOverFrom} on ${lock.path}: that run has ended, or the file it locked was deleted\n`);
    // Outputs a run killed before it began left empty are this run's to start, or to remove.
    for (const left of await adoptLeftPlaceholders(locks, args.out)) io.stderr(terminalText(leftPlaceholderNote(left), { keepLineBreaks: true }));
    if (!args.resume && !args.overwrite) {
      for (const path of new Set([args.out, args.errors])) {
        if ((await sizeOf(path)) > 0) throw new UsageError(`${path} exists and is not empty: use --resume to continue that run or --overwrite to replace it`);
      }
    }
    // A signal stops the hash between two chunks: a run of a file of some GiB waited for all of it.
    const input = await fingerprintInput(args.input, io.signal === undefined ? {} : { signal: io.signal });
    decider = await (deps.openDecider ?? openBatchDecider)(args, args.workers, workerFlagsOf(io));
    const features = args.features === undefined ? null : await fingerprintFeatureModule(args.features);
    const manifest = runManifestOf(args, input, decider.identity, features, await keyFingerprints(args));
    const resumed = args.resume ? await continueRun(args, manifest, io, decider.decide) : undefined;
    // A `--queue` run continued or replaced without it: its job's chunks in Redis go (or it says why they stay).
    if ((args.resume || args.overwrite) && outDevice === undefined)
      await (await import('../distributed/abandonQueueJob.js')).abandonQueueJobOfOutput(args.out, io, queuePassword);
    else if (outDevice !== undefined) {
      const note = queuePasswordUnusedNote(queuePassword, `--out ${args.out} is ${outDevice}, not a run's output, so no Redis holds its records`);
      if (note !== undefined) io.stderr(note);
    }
    began = true;
    // The manifest says the run is under way (a run killed from here leaves it so); a resumed run
    // keeps the configuration it continues and adds to its status.
    // None beside a device: only root may create a file in /dev.
    const manifestPath = outDevice === undefined ? runManifestPath(args.out) : undefined;
    if (outDevice !== undefined)
      io.stderr(
        `note: --out ${terminalText(args.out)} is ${outDevice}, not a file: no run manifest (OUT.run.json) is written beside it, so this run cannot be resumed\n`,
      );
    const earlier = resumed === undefined || manifestPath === undefined ? undefined : await readRunManifest(manifestPath);
    const errorsApart = args.errors !== args.out;
    const status = runningStatus(
      earlier?.status,
      args.workers === 1 ? { mode: 'in-process' } : { mode: 'pool', workers: args.workers },
      resumed !== undefined,
      errorsApart,
    );
    if (manifestPath !== undefined) await writeRunManifest(manifestPath, { ...(earlier ?? manifest), status });
    // A resume writes no answer out of input order before its manifest says so (none without a manifest: no resume).
    const order = new ResumeOrderMark(
      status,
      resumed,
      async (s) => {
        if (manifestPath !== undefined) await writeRunStatus(manifestPath, s);
      },
      errorsApart,
    );
    // An output created empty to lock it is this run's now, the manifest saying so: the exit keeps it.
    for (const lock of locks) lock.keepCreated();
    const tracker = new UndecidedTracker();
    let summarySoFar: ScoreSummary = emptyScoreSummary();
    // The hashes at the run's end stop at a signal, as the first fingerprint does.
    const stopOn = io.signal === undefined ? {} : { signal: io.signal };
    // Set when a signal stopped reading the files back at the end of a run that had otherwise done.
    let digestsStopped: FingerprintInterruptedError | undefined;
    // Called once the output files are closed: the status records their bytes, and the code the run
    // exits with is returned (a signal stopping that reading makes a done run's 130).
    // `inputUnconfirmed`: the input read is not known to be the run's (its last line then says nothing of the run's input).
    const ended = async (exitCode: number, summary: ScoreSummary, stopped: boolean, reason: string | undefined, inputUnconfirmed = false): Promise<number> => {
      const { undecided, stoppedAfterLine, lastInputLine } = tracker.end(stopped);
      if (manifestPath === undefined) return exitCode;
      let code = exitCode;
      let why = reason;
      let files: WrittenFiles | undefined;
      try {
        files = await writtenFilesOf(args.out, args.errors, stopOn);
      } catch (e) {
        if (!(e instanceof FingerprintInterruptedError)) throw e;
        // Their sizes at least: without them a reader held the output to its decision count alone.
        files = await writtenSizesOf(args.out, args.errors);
        const end = endAfterDigestsStopped(exitCode, reason, e);
        code = end.code;
        why = end.reason;
        if (end.interrupted) digestsStopped = e;
      }
      const events = {
        ...resumeEvents(resumed, noteMissingAnswers(resumed, io, errorsDevice)),
        lockTakeovers: locks.filter((l) => l.tookOverFrom !== undefined).length,
      };
      await writeRunStatus(
        manifestPath,
        endedStatus(order.status, {
          exitCode: code,
          ...(why === undefined ? {} : { reason: why }),
          summary,
          ...(resumed === undefined ? {} : { resumed }),
          undecided,
          ...(stoppedAfterLine === undefined ? {} : { stoppedAfterLine }),
          ...(lastInputLine === undefined || inputUnconfirmed ? {} : { lastInputLine }),
          events,
          ...(files === undefined ? {} : { files }),
        }),
      );
      return code;
    };
    endOnFailure = async (code, reason) => {
      await ended(code, summarySoFar, true, reason);
      return manifestPath;
    };

    const outSink = await openLineSink(args.out, resumed !== undefined, `--out ${args.out}`);
    sinks.push(outSink);
    const errSink = args.errors === args.out ? outSink : await openLineSink(args.errors, resumed !== undefined, `--errors ${args.errors}`);
    if (errSink !== outSink) sinks.push(errSink);

    const attributes = await csvAttributesOf(args.format, args.features);
    const lenientCells = createLenientCellTally();
    const reading = openInputRecords(args.input, { format: args.format, maxRecordLines: args.maxRecordLines, attributes, lenientCells });
    // Uploads of kinds the catalog does not know, in the records decided: rejected unknown_kind, and said so.
    const catalog = await catalogOfArgs(args);
    const unknownKinds = createUnknownKindTally();
    const progress = createProgressBar(io);
    const started = io.now?.();
    let failedRecords = 0;
    let result;
    try {
      result = await scoreRecords({
        records: reading.records,
        decide: decider.decide,
        write: async (line) => {
          await order.beforeWriting(line.line, 'decisionJson' in line ? 'decision' : 'error');
          const failed = 'error' in line && line.error.code === RETRY_ON_RESUME_CODE;
          if (failed) failedRecords++;
          tracker.written(line.line, failed);
          return ('decisionJson' in line ? outSink : errSink).write(formatOutputLine(line));
        },
        skip: (line: number) => {
          const answered = resumed?.answered(line) === true;
          tracker.read(line, answered);
          return answered;
        },
        chunkSize: args.chunkSize,
        inFlight: decider.inFlight,
        averageCostAlertAbove: await averageCostAlertOf(args),
        onDecided: (applicant) => unknownKinds.addApplicant(applicant, catalog),
        ...(io.signal === undefined ? {} : { signal: io.signal }),
        onChunk: (s) => {
          summarySoFar = s;
          progress.update(reading.bytesRead(), input.size, s.recordsIn + s.skipped, s.rejected);
        },
      });
    } finally {
      progress.finish();
      reading.close();
    }
    for (const sink of sinks.splice(0)) await sink.close();
    const { summary, interrupted } = result;
    summary.lenientCells = [...lenientCells.counts()];
    // Read again before the summary, so nothing stands between the summary and the exit.
    let changed: string | undefined;
    // Set when a signal stopped that reading: nothing is known of the input then.
    let checkStopped: FingerprintInterruptedError | undefined;
    if (!interrupted) {
      try {
        changed = await inputChanged(args.input, input, reading.sha256(), stopOn);
      } catch (e) {
        if (!(e instanceof FingerprintInterruptedError)) throw e;
        checkStopped = e;
      }
    }
    if (started !== undefined && io.now !== undefined) summary.seconds = (io.now() - started) / 1000;
    const readToEnd = readToEndOutcome(failedRecords, summary.rejected - failedRecords + (resumed?.rejected ?? 0));
    const runCode = interrupted || checkStopped !== undefined ? INTERRUPTED_EXIT_CODE : changed !== undefined ? CliExitCode.failed : readToEnd.exitCode;
    // What the run left, beside its configuration, while it still holds the output.
    endOnFailure = undefined;
    const code = await ended(
      runCode,
      summary,
      interrupted,
      interrupted
        ? 'interrupted (a signal) before the input was read to its end'
        : checkStopped !== undefined
          ? runEndInterruptedReason('input-check', checkStopped)
          : (changed ?? readToEnd.reason),
      changed !== undefined || checkStopped !== undefined,
    );
    // Everything is released before the summary: nothing may stand between it and the process's
    // exit, where a signal (a second one counts as "stop at once", 130) would find the run still closing.
    const closing = decider;
    decider = undefined;
    await closing.close();
    await releaseLocks(locks, sayOn(io));
    io.stdout(args.jsonSummary ? `${JSON.stringify(summary)}\n` : formatScoreSummary(summary, { out: args.out, errors: args.errors }));
    io.stderr(unknownKindsWarning(unknownKinds, `${summary.decisions.toLocaleString('en-US')} decisions`));
    io.stderr(lenientCellsWarning(summary.lenientCells));
    if (interrupted) io.stderr(`interrupted: ${summary.recordsIn} records written; run the same command with --resume to continue\n`);
    else if (checkStopped !== undefined) io.stderr(`${terminalText(runEndInterruptedMessage('input-check', checkStopped))}\n`);
    else if (changed !== undefined) io.stderr(`error: ${changed}\n`);
    else if (failedRecords > 0)
      io.stderr(
        `${failedRecords} records were not decided because a scorer worker failed (error code ${RETRY_ON_RESUME_CODE}); run the same command with --resume to decide them\n`,
      );
    if (digestsStopped !== undefined) io.stderr(`${terminalText(runEndInterruptedMessage('file-digests', digestsStopped))}\n`);
    return code;
  } catch (e) {
    // Whatever finished is already on disk; a rerun with --resume picks up from there.
    for (const sink of sinks) await sink.close().catch(() => undefined);
    // Refused or failed before writing anything: no empty output is left behind by the lock.
    if (!began) for (const lock of locks) await lock.discardCreated().catch(() => undefined);
    if (e instanceof FingerprintInterruptedError) {
      io.stderr(`${fingerprintInterruptedMessage(e, how)}\n`);
      return INTERRUPTED_EXIT_CODE;
    }
    if (e instanceof RunRefusedError) {
      io.stderr(`error: ${terminalText(e.message, { keepLineBreaks: true })}\n`);
      return CliExitCode.usage;
    }
    const code = reportError(e, io, SCORE_USAGE);
    // The manifest says how the run ended, and the user is told how to finish it. When even that
    // write fails (the disk that failed the output is full) the manifest still says `running`: said
    // here, with what to do, as the report warns of it too; it was dropped without a word.
    if (endOnFailure !== undefined) {
      const end = await endOnFailure(code, `failed: ${e instanceof Error ? e.message : String(e)}`).then(
        (path) => ({ path }),
        (failure: unknown) => ({ failure }),
      );
      if ('failure' in end) io.stderr(`warning: ${terminalText(end.failure instanceof Error ? end.failure.message : String(end.failure))}\n`);
      else if (end.path !== undefined)
        io.stderr(
          `note: the lines written before the failure are on disk and ${terminalText(end.path)} records the run as incomplete: once the cause is fixed, run the same command with --resume to finish it\n`,
        );
    }
    return code;
  } finally {
    await decider?.close();
    await releaseLocks(locks, sayOn(io));
  }
}

/** Parses and checks a `score` command line. @throws UsageError */
export function parseScoreArgs(argv: readonly string[]): ScoreArgs | 'help' {
  const parsed = parseCommandArgs(argv, SCORE_ARG_OPTIONS);
  return parsed.values.help === true ? 'help' : planScoreArgs(parsed);
}

/**
 * The decider for `--workers N`: in process for 1, else a pool of N worker processes
 * (src/parallel), each with its own scorer, with N chunks in flight so every worker stays busy.
 * `pool: true` makes it a pool for 1 too (a record that kills its process then costs only itself).
 */
export async function openBatchDecider(
  values: ScorerArgs & { readonly suggestions: number },
  workers: number,
  options: { readonly pool?: boolean; readonly workerExecArgv?: readonly string[] } = {},
): Promise<BatchDecider> {
  // Loaded here, not at the top, so a caller passing its own decider never loads the runtime.
  const { openScorer, scorerOptionsFrom } = await import('./openScorer.js');
  const extra = { suggestionsPerDecision: values.suggestions };
  if (workers === 1 && options.pool !== true) return inProcessDecider(await openScorer(values, extra));
  const { createScorerPool } = await import('../parallel/createScorerPool.js');
  const pool = await createScorerPool({
    workers,
    scorer: await scorerOptionsFrom(values, extra),
    ...(values.features === undefined ? {} : { featuresModule: values.features }),
    ...(options.workerExecArgv === undefined ? {} : { workerExecArgv: options.workerExecArgv }),
  });
  // Decisions come back as JSON text serialised on the workers: this thread only writes them, so
  // it never becomes the bottleneck of the pool.
  return {
    decide: (records, limitHistories) => pool.safeDecideBatchJson(records, limitHistories === undefined ? undefined : { limitHistories }),
    identity: { model: pool.model, policyHash: pool.policyHash, catalogHash: pool.catalogHash },
    inFlight: workers,
    close: () => pool.close(),
  };
}

/** The worker processes' Node flags the bin passes (see cliHeapPolicy), as openBatchDecider takes them. */
export function workerFlagsOf(io: CliIo): { readonly workerExecArgv?: readonly string[] } {
  return io.workerExecArgv === undefined ? {} : { workerExecArgv: io.workerExecArgv };
}

/** Writes a message naming paths on stderr, escaped so no path drives the terminal. */
function sayOn(io: CliIo): (text: string) => void {
  return (text) => io.stderr(terminalText(text, { keepLineBreaks: true }));
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}
