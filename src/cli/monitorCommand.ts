import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { writeFileReplacing } from './writeFileReplacing.js';
import { readOptionText } from './readOptionText.js';
import { basename } from 'node:path';
import { statSync } from 'node:fs';
import { modelFilePath } from '../model/modelFilePath.js';
import { reportError, UsageError } from '../commandLine/commandIo.js';
import { intOption } from '../commandLine/intOption.js';
import { refuseInputsNotFiles } from './refuseInputsNotFiles.js';
import { parseCommandArgs } from '../commandLine/parseCommandArgs.js';
import { parseStrictJson } from '../json/parseStrictJson.js';
import { ValidationError } from '../errors/validationError.js';
import { CreditliftError } from '../errors/creditliftError.js';
import { processCliIo, type CliIo } from './cliIo.js';
import { readPolicyFile } from './readPolicyFile.js';
import { CliExitCode } from './cliExitCode.js';
import { openLineSink, type LineSink } from './score/lineSink.js';
import { csvAttributesOf } from './score/csvAttributes.js';
import { createLenientCellTally } from '../csv/lenientCells.js';
import { lenientCellsWarning } from './lenientCellsWarning.js';
import { openInputRecords } from './score/openInputRecords.js';
import { DEFAULT_MAX_RECORD_LINES } from './score/readCsvRecords.js';
import { splitLines } from './score/splitLines.js';
import { textLineFault } from './score/textLineFault.js';
import { lineOrderOf } from './scoreLineNumbers.js';
import { readCatalogFile } from './readCatalogFile.js';
import { type NamedFile, refuseOverwritingInputs } from './refuseOverwritingInputs.js';
import { modelFilesRead } from './modelFilesRead.js';
import { terminalText } from '../text/terminalText.js';
import { defaultCatalog } from '../catalog/resolveCatalog.js';
import { createUnknownKindTally } from '../evidence/unknownKinds.js';
import { unknownKindsWarning } from './unknownKindsWarning.js';
import type { MonitorResult, monitorDecisions } from '../monitor/runMonitor.js';
import type { MonitorSummary } from '../monitor/monitorAccumulator.js';
import { besideRunFaults, besideRunWarning } from './besideRunFaults.js';
import { runWroteNoLine } from './runWroteNoLine.js';

type MonitorDecisionsOptions = Parameters<typeof monitorDecisions>[0];

/** Exit code of `creditlift monitor` when any figure is in the act band (PSI or CSI above 0.25). */
export const MONITOR_ACT_EXIT_CODE = 4;

/** Help text of `creditlift monitor`. */
export const MONITOR_USAGE = `Usage: creditlift monitor (--applicants FILE | --decisions FILE) --out RESULT.json [options]
       creditlift monitor --write-baseline FILE --applicants HOLDOUT [--model PATH] [--features MODULE]
                          [--policy FILE.json] [--catalog FILE.json]

Measures drift against the model's monitor baseline: the population stability index (PSI) of the
score and of every model feature, and the characteristic stability index (CSI) of every factor
(its TreeSHAP contribution), each binned as in the baseline; bands under 0.10 stable, 0.10-0.25
watch, above 0.25 act. Also the outcome mix, approval rate and mean PD by week or month of asOf,
and fair outcomes by region, city tier and age band (adverse impact ratio, flagged below 0.8).

  --applicants FILE          applicants (NDJSON or CSV, read as "creditlift score" reads them):
                             decided here, each with its own "limitHistory" (step limits
                             apply as in score and simulate), every figure measured
  --decisions FILE           decisions ("creditlift score" output or Decision lines): the score,
                             factors and outcome mix only (decisions carry no features or groups).
                             Each application counts once, as "creditlift report" counts it: a
                             decision repeated on another line once (its lines named), a chain of
                             follow-ups at its latest decision; decisions under two or more
                             policies are warned of; a decision whose seal fails
                             (audit.contentHash) is a record error. Input line numbers
                             ({"line":N,...}) named twice or lower than the line before are
                             warned of, naming the lines, as verify warns (a resume recorded in
                             FILE.run.json excuses the order; one that cannot be read is warned
                             of, exit 3, as in verify and report); an error line repeated word for
                             word counts once, and a second answer to one input line is counted
                             and warned of (exit 3, as in verify and report; so is a
                             {"decision":...} line naming no input line). A line too long
                             (line_too_long), not UTF-8 (invalid_utf8), not JSON, or JSON
                             verify refuses (a key written twice, duplicate_key; a number
                             JSON would round or make infinite) is a record error naming why
  --format ndjson|csv        applicants format (default: from the file name)
  --baseline FILE            monitor baseline JSON (default: the default model's,
                             models/default/monitorBaseline.json)
  --model DIR|FILE.onnx      model for --applicants (default: the embedded model)
  --features MODULE          an ES module exporting defineFeatureSet(...) (default export or
                             "features"): your own features and applicant attributes, for a
                             model trained on them (--applicants and --write-baseline). The
                             baseline records each of your features the model reads; a run
                             whose module computes or groups one otherwise is refused
  --catalog FILE.json        your own certificate kinds (a JSON array of kind specs, as
                             "creditlift catalog --json" prints them, or {"kinds": [...],
                             "remove": [...]} taking default kinds out), for --applicants and
                             --write-baseline: evidence is assessed as the scorer given it assesses
                             it. A baseline built with one records it, and a run with another (or
                             none) is refused; uploads of kinds the catalog lacks are counted in a note
  --policy FILE.json         policy overrides for --applicants, merged into the default policy
                             (and for --write-baseline: its jurisdiction's banned data categories
                             refuse a feature and reject evidence, as the scorer's do)
  --period week|month        time grouping of asOf (default month)
  --out FILE.json            the result as JSON (for alerting); outputs are replaced on each run
  --html FILE.html           a self-contained HTML report (opens offline)
  --errors FILE              records not measured, one NDJSON line each (default: beside --out)
  --write-baseline FILE      build a baseline from --applicants (a holdout sample) instead; a
                             feature the scorer would refuse (a banned data category, a
                             protected characteristic) is refused here too
  --batch N                  records per runtime call (default 256)
  -h, --help                 show this help

Exit codes: 0 every figure stable or watch; 3 a --decisions file not as score wrote it (an input
line named twice, a decision line naming no input line), or whose run manifest beside it
(FILE.run.json) cannot be read or records other bytes, size or decision count than the file
holds, or no size or digest where the file holds blank lines (as report and verify hold it), whatever drifts: its figures cannot be trusted (the result's
lineNumberFaults counts those lines); 4 some figure in the act band; 3 some
records not measured (nothing in the act band); 1 failure (a file holding no records is one: nothing
is written; not the empty output of a run whose manifest beside it records that it ended having
written no line to it: the run decided nothing, said so, exit 0, as report and verify take it);
2 usage.
`;

const OPTIONS = {
  applicants: { type: 'string' },
  decisions: { type: 'string' },
  format: { type: 'string' },
  baseline: { type: 'string' },
  model: { type: 'string' },
  features: { type: 'string' },
  catalog: { type: 'string' },
  policy: { type: 'string' },
  period: { type: 'string' },
  out: { type: 'string' },
  html: { type: 'string' },
  errors: { type: 'string' },
  'write-baseline': { type: 'string' },
  batch: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * `creditlift monitor`: drift and outcome monitoring against a baseline. Resolves to the exit code
 * (4 when any figure is in the act band); never rejects.
 */
export async function runMonitorCommand(argv: readonly string[], io: CliIo = processCliIo): Promise<number> {
  const sinks: LineSink[] = [];
  // Line files this run opened: on failure, the empty ones are removed (a failed run leaves no empty output).
  const opened: string[] = [];
  try {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS);
    if (values.help === true) {
      io.stdout(MONITOR_USAGE);
      return CliExitCode.ok;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if ((values.applicants === undefined) === (values.decisions === undefined)) throw new UsageError('give exactly one of --applicants and --decisions');
    const input = (values.applicants ?? values.decisions) as string;
    // Every file the run reads, by the option naming it: no output may be one of them.
    const reads: NamedFile[] = [
      [values.applicants === undefined ? '--decisions' : '--applicants', input],
      ['--baseline', values.baseline],
      ...modelFilesRead('--model', values.model),
      ['--policy', values.policy],
      ['--features', values.features],
      ['--catalog', values.catalog],
    ];
    const format = values.format ?? (/\.csv$/i.test(input) ? 'csv' : 'ndjson');
    if (format !== 'csv' && format !== 'ndjson') throw new UsageError(`--format must be ndjson or csv, got "${format}"`);
    const chunkSize = intOption(values.batch, 'batch', 256, 65_536);
    await refuseInputsNotFiles(
      [['--decisions', values.decisions]],
      'monitor reads it more than once (to find the decisions a later one follows, then to count them), so save the stream to a file first and give that',
    );
    const model = values.model === undefined ? undefined : modelFilePath(values.model);
    // The reader `score` uses: strict UTF-8, one CSV tokenizer, records numbered by their line.
    // One reading of the applicants per command (a baseline, or a run): its lenient CSV cells are warned of at the end.
    const lenientCells = createLenientCellTally();
    const records = async () =>
      openInputRecords(input, { format, maxRecordLines: DEFAULT_MAX_RECORD_LINES, attributes: await csvAttributesOf(format, values.features), lenientCells })
        .records;
    if (
      values.decisions !== undefined &&
      (values.model !== undefined || values.policy !== undefined || values.features !== undefined || values.catalog !== undefined)
    )
      throw new UsageError('--model, --policy, --features and --catalog apply to --applicants only (decisions are already made)');
    // Read and validated before any input is, naming the file.
    const catalogFile = values.catalog === undefined ? undefined : await readCatalogFile(values.catalog);
    // The lender's feature set, loaded as score and simulate load it (functions cannot be passed on a command line).
    const loadFeatures = async () =>
      values.features === undefined ? undefined : (await (await import('../features/loadFeatureSetModule.js')).loadFeatureSetModule(values.features)).features;

    if (values['write-baseline'] !== undefined) {
      if (values.applicants === undefined) throw new UsageError('--write-baseline needs --applicants (a holdout sample)');
      // Options only a run reads: taken silently they would promise an output or a grouping never made.
      const runOnly = (['out', 'html', 'errors', 'baseline', 'period'] as const).filter((k) => values[k] !== undefined);
      if (runOnly.length > 0) throw new UsageError(`${runOnly.map((k) => `--${k}`).join(', ')} apply to a run, not to --write-baseline`);
      refuseOverwritingInputs([['--write-baseline', values['write-baseline']]], reads);
      const [{ loadModel }, { defaultModelPath }, { buildMonitorBaseline }, { parseWithFeatures }, { builtInFeatureSet }] = await Promise.all([
        import('../model/loadModel.js'),
        import('../model/defaultModelPath.js'),
        import('../monitor/buildMonitorBaseline.js'),
        import('../features/parseFeatureApplicant.js'),
        import('../features/featureSet.js'),
      ]);
      const features = await loadFeatures();
      // The policy's jurisdiction decides which data categories the baseline may bin, as it does for the scorer.
      const policy = values.policy === undefined ? undefined : await readPolicyFile(values.policy);
      const applicants = [];
      const unknownKinds = createUnknownKindTally();
      for await (const r of await records()) {
        // A baseline from a silently thinned sample would mislead every later check: refuse instead.
        if (!r.ok) throw new CreditliftError('data_invalid', `${input} line ${r.line}: ${r.error.message}`);
        applicants.push(parseWithFeatures(r.value, features ?? builtInFeatureSet));
        unknownKinds.addApplicant(r.value, catalogFile?.catalog ?? defaultCatalog);
      }
      if (applicants.length === 0) throw new CreditliftError('data_invalid', `${input} holds no applicants`);
      const loaded = await loadModel(model ?? defaultModelPath());
      try {
        const b = await buildMonitorBaseline({
          model: loaded,
          applicants,
          source: basename(input),
          ...(features === undefined ? {} : { features }),
          ...(policy === undefined ? {} : { policyOverrides: policy as object }),
          ...(catalogFile === undefined ? {} : { catalog: catalogFile.catalog }),
        });
        await writeFileReplacing(values['write-baseline'], `${JSON.stringify(b, null, 2)}\n`);
      } finally {
        await loaded.close();
      }
      io.stdout(`monitor baseline of ${applicants.length.toLocaleString('en-US')} applicants written to ${values['write-baseline']}\n`);
      io.stderr(unknownKindsWarning(unknownKinds, `the ${applicants.length.toLocaleString('en-US')} applicants of the baseline`));
      io.stderr(lenientCellsWarning(lenientCells.counts()));
      return CliExitCode.ok;
    }

    if (values.out === undefined) throw new UsageError('missing --out');
    const period = values.period ?? 'month';
    if (period !== 'week' && period !== 'month') throw new UsageError(`--period must be week or month, got "${period}"`);
    const out = values.out;
    const errorsPath = values.errors ?? `${out.replace(/\.json$/i, '')}.errors.ndjson`;
    refuseOverwritingInputs(
      [
        ['--out', out],
        ['--errors', errorsPath],
        ['--html', values.html],
      ],
      reads,
    );

    const [{ parseMonitorBaseline }, { defaultMonitorBaselinePath }] = await Promise.all([
      import('../monitor/monitorBaseline.js'),
      import('../monitor/defaultMonitorBaselinePath.js'),
    ]);
    if (values.baseline === undefined && model !== undefined)
      throw new UsageError('--model needs its own --baseline (build one with --write-baseline from its holdout)');
    const baselinePath = values.baseline ?? defaultMonitorBaselinePath();
    // Read strictly: a key written twice would keep its last value silently.
    const read = parseStrictJson(await readOptionText('--baseline', baselinePath));
    if (!read.ok)
      throw new ValidationError(
        'monitor baseline',
        read.issues.map((i) => ({ ...i, message: `${baselinePath}: ${i.message}` })),
      );
    const baseline = parseMonitorBaseline(read.value);
    const policy = values.policy === undefined ? undefined : await readPolicyFile(values.policy);
    const features = await loadFeatures();
    opened.push(errorsPath);
    const errors = await openLineSink(errorsPath, false);
    sinks.push(errors);
    const onError = (e: { line: number }) => errors.write(`${JSON.stringify(e)}\n`);
    const { monitorApplicants } = await import('../monitor/runMonitor.js');
    const { buildMonitorHtml, formatStabilityIndex } = await import('../monitor/buildMonitorHtml.js');
    const result =
      values.applicants !== undefined
        ? await monitorApplicants({
            records: await records(),
            baseline,
            period,
            chunkSize,
            onError,
            ...(model === undefined ? {} : { model }),
            ...(features === undefined ? {} : { features }),
            ...(policy === undefined ? {} : { policyOverrides: policy as object }),
            ...(catalogFile === undefined ? {} : { catalog: catalogFile.catalog }),
          })
        : await monitorDecisionsFile(input, { baseline, period, onError });
    // Only a decisions file has a run manifest beside it to read.
    const manifestUnread = 'manifestUnread' in result && result.manifestUnread === true;
    const notTheRuns = 'notTheRuns' in result && result.notTheRuns === true;
    const decidedNothing = 'decidedNothing' in result && result.decidedNothing === true;
    // A file of no records (empty, blank lines, a CSV header alone, the wrong file or --format) is not
    // a book with nothing drifting: "worst band stable", exit 0, read as all clear by an alerting job.
    // One the run beside it shows is not its output (blank lines where it wrote none) exits 3 below,
    // its result written naming why, as verify and report exit for it (it exited 1, or 0).
    if (result.records === 0 && !decidedNothing && !notTheRuns)
      throw new CreditliftError(
        'data_invalid',
        `${basename(input)} holds no records: nothing was monitored (is ${values.applicants === undefined ? '--decisions' : '--applicants'} the right file${values.applicants === undefined ? '' : `, and --format ${format} its format`}?)`,
      );
    for (const sink of sinks.splice(0)) await sink.close();
    // A decisions file not as score wrote it (an input line answered twice, a decision line naming
    // none) is measured as read, and exits 3 as verify and report exit for it (it exited 0, warned of).
    // Before drift: its figures cannot be trusted, and an alert keyed on 3 missed a file put together
    // twice whenever it also drifted (exit 4).
    // So does one whose run manifest beside it cannot be read (nothing checks the run), as verify and
    // report exit for it (monitor warned, exit 0).
    // And one not as its run left it (other bytes, another decision count), as verify and report exit for it.
    const lineNumberFaults = result.lineNumberFaults ?? 0;
    const exitCode =
      lineNumberFaults > 0 || manifestUnread || notTheRuns
        ? CliExitCode.rejected
        : result.summary.worstBand === 'act'
          ? MONITOR_ACT_EXIT_CODE
          : result.errors > 0
            ? CliExitCode.rejected
            : CliExitCode.ok;
    await writeFileReplacing(
      out,
      `${JSON.stringify({ source: basename(input), baseline: basename(baselinePath), records: result.records, errors: result.errors, lineNumberFaults, warnings: result.warnings, exitCode, ...result.summary }, null, 2)}\n`,
    );
    if (values.html !== undefined) {
      await writeFileReplacing(values.html, buildMonitorHtml(result, { source: basename(input) }));
    }
    const s = result.summary;
    io.stdout(
      `monitored ${s.observations.toLocaleString('en-US')} of ${result.records.toLocaleString('en-US')} records: score PSI ${s.score.index === null ? '-' : formatStabilityIndex(s.score.index)} (${scoreBandText(s)}), ` +
        `${s.flagged.length} figure(s) flagged, worst band ${s.worstBand}\n` +
        s.flagged.map((f) => `  ${f.band.padEnd(5)} ${f.kind} ${terminalText(f.name)}: ${formatStabilityIndex(f.index)}\n`).join('') +
        result.warnings.map((w) => `note: ${terminalText(w)}\n`).join(''),
    );
    // Said as every command says it (a kind --catalog removes is named as removed, not to be given).
    const unknown = createUnknownKindTally();
    for (const { kind, uploads } of result.unknownKinds ?? []) {
      const item = [{ kind, reasons: ['unknown_kind'] }];
      for (let i = 0; i < uploads; i++) unknown.addAssessed(item);
    }
    io.stderr(unknownKindsWarning(unknown, basename(input)));
    io.stderr(lenientCellsWarning(lenientCells.counts()));
    return exitCode;
  } catch (e) {
    for (const sink of sinks) await sink.close().catch(() => undefined);
    for (const p of opened) if (isEmptyFile(p)) await rm(p, { force: true }).catch(() => undefined);
    return reportError(e, io, MONITOR_USAGE);
  }
}

function isEmptyFile(path: string): boolean {
  try {
    return statSync(path).size === 0;
  } catch {
    return false;
  }
}

/**
 * Monitors a decisions file as `creditlift report` counts it: a first pass reads which decisions a
 * later one follows (a follow-up's link is taken only when its seal holds), so a chain counts once, at
 * its latest, and a forked chain is warned of as report warns of it. The manifest of the score run
 * that wrote it (`FILE.run.json`), when there is one, says whether a resume wrote answers out of
 * input order (then not warned of, as report and verify do not); `manifestUnread` when there is
 * one that cannot be read.
 */
async function monitorDecisionsFile(
  file: string,
  o: Omit<MonitorDecisionsOptions, 'lines' | 'followed' | 'resumedDecidingAgain' | 'neverResumed'>,
): Promise<MonitorResult & { readonly manifestUnread: boolean; readonly notTheRuns: boolean; readonly decidedNothing: boolean }> {
  const [{ createFollowUpIndex, forkWarning }, { NO_AUDIT_KEYS }, { monitorDecisions }, { readManifestBeside }] = await Promise.all([
    import('../report/followUps.js'),
    import('../decision/audit.js'),
    import('../monitor/runMonitor.js'),
    import('./manifestBeside.js'),
  ]);
  const index = createFollowUpIndex(NO_AUDIT_KEYS);
  for await (const line of splitLines(createReadStream(file))) if (textLineFault(line) === undefined) index.addLine(line.text);
  // A manifest that cannot be read excuses nothing: lines out of order are then warned of, and it is said why.
  const { path: manifestPath, manifest, error } = await readManifestBeside(file);
  const unread =
    error === undefined
      ? undefined
      : `${manifestPath} could not be read (${error}), so nothing shows whether a resume of the run that wrote ${file} answered records out of input order: lines out of order are warned of`;
  const result = await monitorDecisions({
    ...o,
    lines: splitLines(createReadStream(file, { highWaterMark: 64 * 1024 })),
    followed: index.followed,
    resumedDecidingAgain: lineOrderOf(manifest) === 'resumedDecidingAgain',
    neverResumed: lineOrderOf(manifest) === 'input',
  });
  // Held to the run beside it as report and verify hold it: a line removed from a finished run's output was measured, exit 0.
  const notTheRuns = manifest === undefined ? [] : await besideRunFaults(file, manifest, result.decisionLines ?? 0);
  // The empty output of a run that decided nothing is that run, as report and verify take it; "holds no
  // records" (exit 1) stays for an empty file nothing vouches for.
  const decidedNothing = result.records === 0 && notTheRuns.length === 0 && runWroteNoLine(manifest);
  const warnings = [
    ...result.warnings,
    ...(unread === undefined ? [] : [unread]),
    ...(notTheRuns.length === 0 ? [] : [besideRunWarning(file, manifestPath, notTheRuns)]),
    ...(decidedNothing
      ? [`${manifestPath} records that its run ended having written no line to ${file}: the run decided nothing, so nothing was measured`]
      : []),
    ...(index.forks() === 0 ? [] : [forkWarning(index.forks())]),
  ];
  return { ...result, warnings, manifestUnread: error !== undefined, notTheRuns: notTheRuns.length > 0, decidedNothing };
}

/**
 * The score's band as the summary line gives it, with why it is not flagged when it is in a band: one
 * record's "score PSI 8.283 (act), 0 figure(s) flagged, worst band stable" read as a contradiction.
 */
function scoreBandText(s: MonitorSummary): string {
  const band = s.score.band ?? 'no data';
  const unflagged = s.withinNoise.find((f) => f.kind === 'score');
  if (unflagged === undefined) return band;
  return unflagged.noise.critical === null
    ? `${band}, not judged: ${unflagged.records.toLocaleString('en-US')} record${unflagged.records === 1 ? '' : 's'}, ${unflagged.noise.judgedFrom.toLocaleString('en-US')} needed`
    : `${band}, within sampling noise`;
}
