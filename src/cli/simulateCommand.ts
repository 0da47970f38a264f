import { rm, stat } from 'node:fs/promises';
import { readOptionText } from './readOptionText.js';
import { readPolicyFile } from './readPolicyFile.js';
import { writeFileReplacing } from './writeFileReplacing.js';
import { basename } from 'node:path';
import { reportError, UsageError } from '../commandLine/commandIo.js';
import { intOption } from '../commandLine/intOption.js';
import { refuseInputsNotFiles } from './refuseInputsNotFiles.js';
import { parseCommandArgs } from '../commandLine/parseCommandArgs.js';
import type { ScorerOptions } from '../decision/createScorer.js';
import { CreditliftError } from '../errors/creditliftError.js';
import { ValidationError } from '../errors/validationError.js';
import { PolicyInvalidError } from '../policy/policyInvalidError.js';
import { resolvePolicy } from '../policy/resolvePolicy.js';
import { percentBesideThresholds } from '../report/formatBesideThresholds.js';
import type { SimulationSummary } from '../simulate/simulationAccumulator.js';
import { alertThresholdMoved } from '../simulate/alertThresholdMoved.js';
import { processCliIo, type CliIo } from './cliIo.js';
import { CliExitCode } from './cliExitCode.js';
import { scorerOptionsFrom } from './openScorer.js';
import { openLineSink, type LineSink } from './score/lineSink.js';
import { createProgressBar } from './score/progressBar.js';
import { csvAttributesOf } from './score/csvAttributes.js';
import { createLenientCellTally } from '../csv/lenientCells.js';
import { lenientCellsWarning } from './lenientCellsWarning.js';
import { openInputRecords } from './score/openInputRecords.js';
import { DEFAULT_MAX_RECORD_LINES } from './score/readCsvRecords.js';
import { terminalText } from '../text/terminalText.js';
import { INTERRUPTED_EXIT_CODE } from './scoreCommand.js';
import { catalogHash } from '../catalog/catalogHash.js';
import { defaultCatalog } from '../catalog/resolveCatalog.js';
import { createUnknownKindTally } from '../evidence/unknownKinds.js';
import type { InputRecord } from './score/inputRecord.js';
import { readCatalogFile } from './readCatalogFile.js';
import { refuseOverwritingInputs } from './refuseOverwritingInputs.js';
import { modelFilesRead } from './modelFilesRead.js';
import { unknownKindsWarning } from './unknownKindsWarning.js';
import { fingerprintInput } from './score/runManifest.js';
import { fingerprintFeatureModule } from '../features/featureModuleFingerprint.js';
import { simulationLineActionLines } from './simulationLineActionLines.js';
import { simulationSideLabels } from './simulationSideLabels.js';
import { readKeyFile } from './readKeyFile.js';
import { fingerprintsOfKeys, type VerificationKeyFingerprints } from './keyFingerprints.js';
import { describePriorSources } from '../simulate/priorSources.js';

/** Help text of `creditlift simulate`. */
export const SIMULATE_USAGE = `Usage: creditlift simulate --book FILE --out RESULT.json [options]

Replays a book of applicants under a baseline and a candidate (each a policy and/or a model) in
one streaming pass on worker processes, and compares them: the swap set (approve/refer/decline
under each, counts and shares), approval rate, limits, APR, the average comprehensive cost of new
lines (limit-weighted, as "creditlift score" reports it, flagged above each policy's
pricing.averageCostAlertAbove), expected loss and interest income in total and by segment, the
limit change distribution, the binding constraints, fair outcomes by region, city tier and age
band, and with --outcomes a backtest.

Every record of the book ends in exactly one swap-set cell or in the errors file.

Which path each side runs (--mode, stated in the output and in the summary's "paths"):
  decide (default)  each side decides every record afresh (decide): a full re-underwriting, so
                    an existing customer's line (platform.currentLimit) may be raised, kept,
                    lowered or closed by the policy's answer today
  reassess          both sides reassess each record's prior with the same profile and no new
                    evidence (reassess), the path README "Decide or reassess" recommends for
                    existing customers: a line is raised up to what the policy grants, kept, or
                    held for a person's review (refer, lineAction hold) when it is above what may
                    be granted; never lowered automatically. The prior is the decision stored
                    with the record (NDJSON {"applicant": {...}, "prior": {...}}, or a CSV
                    "prior" column holding the decision JSON: the customer's latest decision as
                    score or decide wrote it), or, where it carries none (no key, an empty cell),
                    the record decided under the baseline (decide)
Beside the prior, a record may carry what your account system holds for the line now: NDJSON
"onFile": {"line", "selfSetCap", "limitHistory"} (fen; the cap null when none), or a CSV "onFile"
column holding that JSON, as a reassessment batch item's onFile. Each side reassesses with it, and a
prior that left another line, cap or ledger on file (the customer lowered the line after it) is
refused for that record (prior_superseded), never reassessed as if its line were still on file.
A stored prior is checked before it is used: its seal verified under the key files below, and it
must be the record's applicant's (applicantId, audit.subjectHash) and not dated after the record's
asOf; a limitHistory beside it must be its own. A record that fails is in the errors file (arm
"prior", its "reason": prior_unverified, prior_other_applicant, prior_after_as_of,
prior_ledger_differs, prior_superseded, or prior_missing for an onFile without a prior, naming
the field), the others go on; the summary's "priors" counts the records reassessed from a stored
prior, from the baseline's decide, and those refused by reason. A malformed onFile is the
record's error naming onFile.<field>.
--mode decide does not read a stored prior or onFile: it warns on stderr how many records carry
one (counted in "priors.unread"), and decides them afresh.
Each side's line actions (open, raise, keep, lower, close, hold, review, none), the lines it
raises, lowers, closes and holds with their RMB, and the line-action swap (keep->lower: lines the
baseline keeps and the candidate lowers) are printed and in the summary's "lineActions": an
outcome of approve -> approve may still lower a line, or hold it for review.

Input:
  --book FILE                applicants, NDJSON or CSV (as "creditlift score" reads them; CSV
                             "prior" and "onFile" columns, read strictly as JSON, carry the
                             stored decision and the line on file)
  --format ndjson|csv        book format (default: from the file name)
  --baseline-policy FILE     policy (overrides or full) in force today (default: the default policy)
  --baseline-model PATH      model in force today (default: the embedded model)
  --candidate-policy FILE    policy proposed (default: the default policy)
  --candidate-model PATH     model proposed (default: the embedded model)
  --features MODULE          an ES module exporting defineFeatureSet(...) (default export or
                             "features"): your own features and applicant attributes, for both
                             sides (each worker imports it)
  --catalog FILE.json        your own certificate kinds, for both sides (a JSON array of kind
                             specs, as "creditlift catalog --json" prints them, or {"kinds": [...],
                             "remove": [...]} taking default kinds out); without it an
                             upload of a kind the default catalog lacks is rejected unknown_kind
                             (a warning on stderr counts them)
  --mode decide|reassess     the path each side runs (above; default decide)
  --signing-key-file FILE    your signing key, for both sides (as score takes it): stored priors
                             are verified under it, and each side verifies them again
  --verification-key-file FILE  a signing key used before a rotation (with --signing-key-file and
                             --personal-data-key-file); repeat for several
  --personal-data-key-file FILE  your personal-data key, for both sides (default: derived from the
                             signing key, as score does)
  --outcomes FILE            realised defaults for a backtest: NDJSON {"id":"...","defaulted":true}
                             or CSV with "id" and "defaulted" columns, cells as written (not
                             trimmed); outcomes matching no record are counted and named; a
                             book repeating an id an outcome names is refused (exit 1), naming
                             the id and its lines: one outcome counts once per customer
Output:
  --out FILE.json            the summary as JSON, with its provenance: the engine version, the
                             book's (and --outcomes', --features') size and SHA-256, the
                             fingerprints of the key files (stored priors verified under them),
                             and per side the policy hash, model id and SHA-256 and catalog hash
                             its decisions' audits carry (README "Policy simulation")
  --html FILE.html           a self-contained HTML report (opens offline)
  --flips FILE               customers whose outcome flips, one NDJSON line each (ids and
                             outcomes only); default: beside --out, .flips.ndjson
  --errors FILE              records in no cell, one NDJSON line each with the reason;
                             default: beside --out, .errors.ndjson
  --overwrite                replace existing output files
Run:
  --workers N                worker processes per side (default 1)
  --batch N                  records per runtime call (default 256)
  -h, --help                 show this help

Expected loss = PD x LGD x limit x utilisation, LGD from the policy's pricing.lgd and utilisation
from its portfolio.utilisation (default 0.5). Figures are over approved decisions.
A bad policy file is refused before anything is decided, naming its option and file; a run that
fails leaves no empty output file behind.
Exit codes: 0 every record decided under both, 3 some records in the errors file, 4 some of them
were left undecided by a worker failure (worker_failed: run again), 1 failure (a book with no
records among them: nothing is written), 2 usage, 130 interrupted.
`;

const OPTIONS = {
  book: { type: 'string' },
  format: { type: 'string' },
  'baseline-policy': { type: 'string' },
  'baseline-model': { type: 'string' },
  'candidate-policy': { type: 'string' },
  'candidate-model': { type: 'string' },
  features: { type: 'string' },
  catalog: { type: 'string' },
  'signing-key-file': { type: 'string' },
  'verification-key-file': { type: 'string', multiple: true },
  'personal-data-key-file': { type: 'string' },
  outcomes: { type: 'string' },
  mode: { type: 'string' },
  out: { type: 'string' },
  html: { type: 'string' },
  flips: { type: 'string' },
  errors: { type: 'string' },
  overwrite: { type: 'boolean' },
  workers: { type: 'string' },
  batch: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function formatOf(path: string, given: string | undefined): 'csv' | 'ndjson' {
  const f = given ?? (/\.csv$/i.test(path) ? 'csv' : 'ndjson');
  if (f !== 'csv' && f !== 'ndjson') throw new UsageError(`--format must be ndjson or csv, got "${f}"`);
  return f;
}

/**
 * `creditlift simulate`: a book decided under a baseline and a candidate, compared. Resolves to
 * the exit code; never rejects.
 *
 * @example
 * process.exitCode = await runSimulateCommand(['--book', 'q3.ndjson', '--candidate-policy', 'tighter.json', '--out', 'sim.json', '--html', 'sim.html']);
 */
export async function runSimulateCommand(argv: readonly string[], io: CliIo = processCliIo): Promise<number> {
  const sinks: LineSink[] = [];
  // Line files this run opened: on failure, the empty ones are removed (a run that decided nothing leaves nothing).
  const opened: string[] = [];
  try {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS);
    if (values.help === true) {
      io.stdout(SIMULATE_USAGE);
      return CliExitCode.ok;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const missing = (['book', 'out'] as const).filter((k) => values[k] === undefined);
    if (missing.length > 0) throw new UsageError(`missing ${missing.map((k) => `--${k}`).join(', ')}`);
    const book = values.book as string;
    const out = values.out as string;
    const stem = out.replace(/\.json$/i, '');
    const flipsPath = values.flips ?? `${stem}.flips.ndjson`;
    const errorsPath = values.errors ?? `${stem}.errors.ndjson`;
    const outputs = [out, flipsPath, errorsPath, ...(values.html === undefined ? [] : [values.html])];
    refuseOverwritingInputs(
      [
        ['--out', out],
        ['--flips', flipsPath],
        ['--errors', errorsPath],
        ['--html', values.html],
      ],
      [
        ['--book', book],
        ['--outcomes', values.outcomes],
        ['--baseline-policy', values['baseline-policy']],
        ['--candidate-policy', values['candidate-policy']],
        ...modelFilesRead('--baseline-model', values['baseline-model']),
        ...modelFilesRead('--candidate-model', values['candidate-model']),
        ['--catalog', values.catalog],
        ['--features', values.features],
        ['--signing-key-file', values['signing-key-file']],
        ['--personal-data-key-file', values['personal-data-key-file']],
        ...(values['verification-key-file'] ?? []).map((f) => ['--verification-key-file', f] as const),
      ],
    );
    await refuseInputsNotFiles(
      [
        ['--book', book],
        ['--outcomes', values.outcomes],
      ],
      'simulate reads it more than once (to record its SHA-256 in the summary and to read its records), so save the stream to a file first and give that',
    );
    const format = formatOf(book, values.format);
    const mode = values.mode ?? 'decide';
    if (mode !== 'decide' && mode !== 'reassess')
      throw new UsageError(`--mode must be decide or reassess, got ${terminalText(JSON.stringify(mode.slice(0, 64)))}`);
    const workers = intOption(values.workers, 'workers', 1, 256);
    const chunkSize = intOption(values.batch, 'batch', 256, 65_536);
    if (values.overwrite !== true) {
      for (const p of outputs) if ((await sizeOf(p)) > 0) throw new UsageError(`${p} exists and is not empty: use --overwrite to replace it`);
    }
    // Each policy read and validated here, before any output is opened, and named by its side.
    // The catalog is read and validated once, naming its file, and serves both sides.
    const catalogFile = values.catalog === undefined ? undefined : await readCatalogFile(values.catalog);
    // The lender's keys serve both sides: the decisions on file were sealed under them, and each side verifies them.
    const { keys, fingerprints } = await lenderKeyOptions(values['signing-key-file'], values['verification-key-file'] ?? [], values['personal-data-key-file']);
    const baseline = {
      ...(await sideOptions('baseline', values['baseline-policy'], values['baseline-model'])),
      ...(catalogFile === undefined ? {} : { catalog: catalogFile.scorerCatalog }),
      ...keys,
    };
    const candidate = {
      ...(await sideOptions('candidate', values['candidate-policy'], values['candidate-model'])),
      ...(catalogFile === undefined ? {} : { catalog: catalogFile.scorerCatalog }),
      ...keys,
    };
    const catalog = catalogFile?.catalog ?? defaultCatalog;
    const unknownKinds = createUnknownKindTally();
    let outcomes: Map<string, boolean> | undefined;
    if (values.outcomes !== undefined) {
      const { readOutcomes } = await import('../simulate/readOutcomes.js');
      outcomes = readOutcomes(await readOptionText('--outcomes', values.outcomes), formatOf(values.outcomes, undefined));
    }

    // The inputs pinned before anything is decided: the summary names them by SHA-256, not by path
    // alone (the file at a path may change; months later an auditor could not tell what ran).
    const bookPrint = await fingerprintInput(book);
    const outcomesPrint = values.outcomes === undefined ? null : await fingerprintInput(values.outcomes);
    const featuresPrint = values.features === undefined ? null : await fingerprintFeatureModule(values.features);
    const size = (await stat(book)).size;
    opened.push(flipsPath);
    const flips = await openLineSink(flipsPath, false);
    sinks.push(flips);
    opened.push(errorsPath);
    const errors = await openLineSink(errorsPath, false);
    sinks.push(errors);
    // The reader `score` uses: strict UTF-8, one CSV tokenizer, records numbered by their line.
    // A record's stored decision (`prior`) is read here: reassess reassesses from it, decide warns it is not read.
    const lenientCells = createLenientCellTally();
    const reading = openInputRecords(book, {
      format,
      maxRecordLines: DEFAULT_MAX_RECORD_LINES,
      attributes: await csvAttributesOf(format, values.features),
      lenientCells,
      prior: true,
    });
    // The first record read before any worker starts: a book with none (an empty file, a header
    // alone, the wrong --format) is not a policy that approves nobody, and no summary is written to
    // look like one.
    const iterator = reading.records[Symbol.asyncIterator]();
    const first = await iterator.next();
    if (first.done === true) {
      reading.close();
      throw new CreditliftError(
        'data_invalid',
        `the book ${basename(book)} holds no records: nothing was simulated (is --book the right file, and --format ${format} its format?)`,
      );
    }
    // Every readable record's uploads counted against the catalog as it passes to the workers.
    const counted = (r: InputRecord): InputRecord => {
      if (r.ok) unknownKinds.addApplicant(r.value, catalog);
      return r;
    };
    const records = (async function* () {
      yield counted(first.value);
      for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) yield counted(next.value);
    })();
    const progress = createProgressBar(io);
    const { simulateBook } = await import('../simulate/simulateBook.js');
    let result;
    let workerFailed = 0;
    try {
      result = await simulateBook({
        book: records,
        bookIsRecords: true,
        baseline,
        candidate,
        workers,
        chunkSize,
        mode,
        ...(values.features === undefined ? {} : { featuresModule: values.features }),
        ...(io.workerExecArgv === undefined ? {} : { workerExecArgv: io.workerExecArgv }),
        ...(outcomes === undefined ? {} : { outcomes }),
        ...(io.signal === undefined ? {} : { signal: io.signal }),
        onFlip: (f) => flips.write(`${JSON.stringify(f)}\n`),
        onError: (e) => {
          if (e.error.code === 'worker_failed') workerFailed++;
          return errors.write(`${JSON.stringify(e)}\n`);
        },
        onChunk: (p) => progress.update(reading.bytesRead(), size, p.records, p.errors),
      });
    } finally {
      progress.finish();
      reading.close();
    }
    for (const sink of sinks.splice(0)) await sink.close();
    const catalogNamed = values.catalog === undefined || catalogFile === undefined ? undefined : { file: values.catalog, hash: catalogFile.hash };
    const labels = simulationSideLabels(
      { policy: values['baseline-policy'], model: values['baseline-model'] },
      { policy: values['candidate-policy'], model: values['candidate-model'] },
      catalogNamed,
      result.provenance,
    );
    const meta = { baselineLabel: labels.baseline, candidateLabel: labels.candidate };
    const provenance = {
      engineVersion: result.provenance?.engineVersion ?? null,
      book: { ...bookPrint, format },
      outcomes: outcomesPrint,
      features: featuresPrint,
      baseline: { policyFile: values['baseline-policy'] ?? null, modelFile: values['baseline-model'] ?? null, ...result.provenance?.baseline },
      candidate: { policyFile: values['candidate-policy'] ?? null, modelFile: values['candidate-model'] ?? null, ...result.provenance?.candidate },
      catalogFile: values.catalog ?? null,
      keys: fingerprints,
    };
    await writeFileReplacing(
      out,
      `${JSON.stringify({ book: basename(book), ...meta, catalogHash: catalogHash(catalog), provenance, records: result.records, errors: result.errors, interrupted: result.interrupted, ...result.summary }, null, 2)}\n`,
    );
    if (values.html !== undefined) {
      const { buildSimulationHtml } = await import('../simulate/buildSimulationHtml.js');
      await writeFileReplacing(values.html, buildSimulationHtml(result, { source: basename(book), errorsFile: basename(errorsPath), ...meta }));
    }
    const s = result.summary;
    io.stdout(
      `simulated ${result.records.toLocaleString('en-US')} records: ${s.decided.toLocaleString('en-US')} decided under both, ${result.errors.toLocaleString('en-US')} in ${errorsPath}\n` +
        `approval rate ${rate(s.totals.baseline.approvalRate)} -> ${rate(s.totals.candidate.approvalRate)}, ${s.flips.toLocaleString('en-US')} flips in ${flipsPath}\n` +
        `average comprehensive cost of new lines (limit-weighted, dearest plan each offers) ${averageCost(s, 'baseline')} -> ${averageCost(s, 'candidate')}${thresholdNote(s)}\n` +
        backtestLine(s) +
        simulationLineActionLines(s) +
        (mode === 'reassess' ? `priors: ${describePriorSources(mode, s.priors)}${refusedPriors(s) === 0 ? '' : `, in ${errorsPath}`}\n` : '') +
        `summary in ${out}${values.html === undefined ? '' : `, report in ${values.html}`}\n`,
    );
    io.stderr(unknownKindsWarning(unknownKinds, `the ${result.records.toLocaleString('en-US')} records of ${basename(book)}, under both sides`));
    io.stderr(lenientCellsWarning(lenientCells.counts()));
    if (mode === 'decide' && s.priors.unread > 0)
      io.stderr(
        `warning: ${s.priors.unread.toLocaleString('en-US')} record(s) of ${basename(book)} carry a stored decision (prior) or the line on file (onFile), which --mode decide does not read or verify: each side decided them afresh (their step-limit ledger from limitHistory alone); --mode reassess reassesses from the stored decision\n`,
      );
    const unmatched = s.backtest?.outcomes?.unmatched ?? 0;
    if (unmatched > 0)
      io.stderr(
        `warning: ${unmatched.toLocaleString('en-US')} of ${(s.backtest?.outcomes?.given ?? 0).toLocaleString('en-US')} outcomes in ${values.outcomes} matched no record decided under both (ids are compared as written); the backtest covers ${(s.backtest?.observed ?? 0).toLocaleString('en-US')} records\n`,
      );
    if (result.interrupted) {
      io.stderr('interrupted: the summary covers the records read so far\n');
      return INTERRUPTED_EXIT_CODE;
    }
    if (workerFailed > 0)
      io.stderr(`${workerFailed} record(s) were left undecided by a worker failure (worker_failed in ${errorsPath}): run again to decide them\n`);
    return workerFailed > 0 ? CliExitCode.recordsFailed : result.errors > 0 ? CliExitCode.rejected : CliExitCode.ok;
  } catch (e) {
    for (const sink of sinks) await sink.close().catch(() => undefined);
    for (const p of opened) if ((await sizeOf(p)) === 0) await rm(p, { force: true }).catch(() => undefined);
    return reportError(e, io, SIMULATE_USAGE);
  }
}

/**
 * One side's scorer options from its `--*-policy` and `--*-model`, the policy read and validated
 * here: a bad file is refused naming the side, the option and the file (two policy files on one
 * command line, and the field alone does not say which to fix).
 */
async function sideOptions(side: 'baseline' | 'candidate', policy: string | undefined, model: string | undefined): Promise<ScorerOptions> {
  // The file's base name: an error subject is cut at 64 characters, and the option says which path it was.
  const where = `${side} policy (--${side}-policy ${policy === undefined ? '' : basename(policy)})`;
  try {
    // Read under the side's own option, so a file that cannot be used is named as the user typed it.
    const overrides = policy === undefined ? undefined : ((await readPolicyFile(policy, `--${side}-policy`)) as ScorerOptions['policyOverrides'] & object);
    const options = await scorerOptionsFrom({ model }, overrides === undefined ? {} : { policyOverrides: overrides });
    if (options.policyOverrides !== undefined) resolvePolicy(options.policyOverrides);
    return options;
  } catch (e) {
    if (policy === undefined) throw e;
    if (e instanceof ValidationError && e.code === 'policy_invalid') throw new PolicyInvalidError(new ValidationError(where, e.issues, 'policy_invalid'));
    if (e instanceof CreditliftError) throw new CreditliftError(e.code, `${where}: ${e.message}`, { cause: e });
    throw e;
  }
}

/**
 * The key options both sides take from `--signing-key-file`, each `--verification-key-file` and
 * `--personal-data-key-file`, each file read naming its option; a rotation's keys without the
 * signing key or the personal-data key they need refused as the scorer would, naming the options.
 * With them, their fingerprints for the summary's provenance, of the very bytes the sides were given.
 */
async function lenderKeyOptions(
  signing: string | undefined,
  verification: readonly string[],
  personal: string | undefined,
): Promise<{ keys: Partial<ScorerOptions>; fingerprints: VerificationKeyFingerprints }> {
  if (verification.length > 0 && signing === undefined)
    throw new UsageError('--verification-key-file names keys used before a rotation: give --signing-key-file too (the key decisions are signed with now)');
  if (verification.length > 0 && personal === undefined)
    throw new UsageError(
      "--verification-key-file needs --personal-data-key-file: the personal-data key derived from a rotated signing key would change, and stored decisions would no longer match their customers (README, 'Key rotation')",
    );
  const verificationKeys: Uint8Array[] = [];
  for (const f of verification) verificationKeys.push(await readKeyFile(f, '--verification-key-file'));
  const signingKey = signing === undefined ? undefined : await readKeyFile(signing, '--signing-key-file');
  const personalDataKey = personal === undefined ? undefined : await readKeyFile(personal, '--personal-data-key-file');
  return {
    keys: {
      ...(signingKey === undefined ? {} : { signingKey }),
      ...(personalDataKey === undefined ? {} : { personalDataKey }),
      ...(verificationKeys.length === 0 ? {} : { verificationKeys }),
    },
    fingerprints: fingerprintsOfKeys({ signing: signingKey, personalData: personalDataKey, verification: verificationKeys }),
  };
}

/** Records refused for the decision stored with them. */
function refusedPriors(s: SimulationSummary): number {
  return Object.values(s.priors.refused).reduce((t, n) => t + n, 0);
}

/** A rate as a percentage, or "-" when nothing was decided. */
function rate(r: number | null): string {
  return r === null ? '-' : `${(r * 100).toFixed(1)}%`;
}

/** With outcomes: the records the backtest covers, and the outcomes that matched no record (the first ids, quoted: a padded id shows, and so does an invisible character). */
function backtestLine(s: SimulationSummary): string {
  const b = s.backtest;
  if (b === null || b.outcomes === undefined) return '';
  const o = b.outcomes;
  // JSON quotes show a padded id; terminalText shows what JSON leaves as it is (a byte-order mark, a bidi mark).
  const ids = o.unmatchedIds.map((id) => terminalText(JSON.stringify(id.slice(0, 64)))).join(', ');
  return `backtest ${b.observed.toLocaleString('en-US')} records with a known outcome; ${o.matched.toLocaleString('en-US')} of ${o.given.toLocaleString('en-US')} outcomes matched${
    o.unmatched === 0
      ? ''
      : `, ${o.unmatched.toLocaleString('en-US')} matched no record decided under both (${ids}${o.unmatched > o.unmatchedIds.length ? ', ...' : ''})`
  }\n`;
}

/** One side's average cost of new lines as `score` prints it, with the alert when its policy's threshold is passed. */
function averageCost(s: SimulationSummary, side: 'baseline' | 'candidate'): string {
  const avg = s.totals[side].averageCostOfNewLines;
  if (avg === null) return '-';
  const alert = s.averageCostAlert[side];
  return `${percentBesideThresholds(avg, 2, [alert.alertAbove])}${alert.aboveAlert ? ` (ABOVE the ${(alert.alertAbove * 100).toFixed(2)}% threshold)` : ''}`;
}

/** Said beside the two figures when the policies alert at different thresholds (see `alertThresholdMoved`). */
function thresholdNote(s: SimulationSummary): string {
  const moved = alertThresholdMoved(s);
  return moved === undefined ? '' : `; ${moved.text}`;
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}
