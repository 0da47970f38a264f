import { createReadStream } from 'node:fs';
import { isBlankLine } from '../text/blankLine.js';
import { writeFileReplacing } from './writeFileReplacing.js';
import { basename } from 'node:path';
import { accumulateDecisionLine } from '../report/accumulateDecisionLine.js';
import { buildReportHtml } from '../report/buildReportHtml.js';
import { mixedBuildsWarning } from '../monitor/modelBuilds.js';
import { createReportAccumulator, type ReportData } from '../report/reportData.js';
import { reportError, UsageError } from '../commandLine/commandIo.js';
import { processCliIo, type CliIo } from './cliIo.js';
import { CliExitCode } from './cliExitCode.js';
import { parseCommandArgs } from '../commandLine/parseCommandArgs.js';
import { formatPercent } from '../report/formatMoney.js';
import { policyHashOf } from '../policy/policyHash.js';
import { catalogHash, DEFAULT_CATALOG_HASH } from '../catalog/catalogHash.js';
import { thresholdPolicyOf } from './score/averageCostAlert.js';
import { splitLines } from './score/splitLines.js';
import { readCatalogFile } from './readCatalogFile.js';
import { refuseInputsNotFiles } from './refuseInputsNotFiles.js';
import { refuseOverwritingInputs } from './refuseOverwritingInputs.js';
import { runFilesRead } from './runFilesRead.js';
import { terminalText } from '../text/terminalText.js';
import { besideRunFaults, besideRunWarning } from './besideRunFaults.js';
import { readManifestBeside, type ManifestBeside } from './manifestBeside.js';
import { readRunErrors } from './reportRunErrors.js';
import { runStatusWarnings } from './score/runStatusWarnings.js';
import { readSealKeys } from './readKeyFile.js';
import { createFollowUpIndex, forkWarning } from '../report/followUps.js';
import { CountedInputLines } from '../report/countedInputLines.js';
import { lineOrderOf, ScoreLineNumbers } from './scoreLineNumbers.js';
import { textLineFault } from './score/textLineFault.js';
import { emptyOutputNote } from './emptyOutputNote.js';
import { runWroteNoLine } from './runWroteNoLine.js';

/** Help text of `creditlift report`. */
export const REPORT_USAGE = `Usage: creditlift report DECISIONS.ndjson --out report.html [--title TEXT] [--catalog FILE.json]
                         [--signing-key-file FILE] [--verification-key-file FILE ...]

Reads decisions (the output of "creditlift score", or one Decision JSON per line) and writes one
self-contained HTML file: inline SVG charts and CSS, no script and no external asset, so it opens
offline. Charts: outcome shares, limit and PD distributions by grade, decisions by grade, what set
the limit (binding constraints), the limit uplift by certificate kind, the principal reasons and
the rejections by error code.

When DECISIONS.ndjson is the output of a "creditlift score" run, its run manifest
(DECISIONS.ndjson.run.json) says how the run ended: the report warns, on stderr and in the page,
when the run is incomplete (naming how many input records have no answer, and their lines), when
it has not recorded its end (still running, or killed mid-way), and when the file is not the one
the run wrote (other decisions than it counted, or other bytes than the size and SHA-256 it recorded:
a line replaced, even by another sealed decision, moved or removed; another size than it recorded
when a signal stopped it before it read its files back; with neither, blank lines, which score never
writes). When the run wrote its error
lines apart (--errors, named in the manifest), the rejected records are read from that file, and
the report warns, and exits 3, when it cannot be read or is not as the run left it; its lines are
read as the output's, a line that is no error line named and left out (exit 3), and its input line
numbers followed as below, and held to the output's: an input line both files answer (a record
counted both as decided and as rejected) is warned of, naming the lines (exit 3); an error line
naming no input line is counted, and named as not checked (exit 3), in the output as in the errors
file. An error line is {"line":N,"error":{"code":...}} (a "message", when present, text; nothing
else beside line and error), read as verify reads it. A line that is neither a
decision nor an error line is left out of every figure, named in a warning with why (line_too_long:
longer than the 4 MiB a line may take; invalid_utf8: a byte that is not UTF-8; invalid_json;
duplicate_key, imprecise_number, not_finite: JSON read as verify reads it, a key written twice or a
number JSON would round or make infinite; data_invalid: JSON that is neither, named for what it is and its first fault), and the command exits 3 (the page is still written); so does a
file with no line at all (empty, or blank lines only).

Every decision's seal is checked: a decision whose audit.contentHash does not match its content
(changed after it was made), or that carries none, is left out of every figure and named by its
line in a warning, on stderr and in the page, and the command exits 3 (the rest still count). With
--signing-key-file its audit.signature is checked too. Decisions of the released 0.1.0 carry no
content hash: they are counted, and the report says so; 0.1.0 signed nothing, so under
--signing-key-file they are left out as unsigned. A line shaped as a 0.1.0 decision that names this
release's default model or a policy it computes (the default, --policy), or an audit.decisionId
0.1.0 would not have derived from the rest of its audit, is no 0.1.0 decision: left out as unsealed.

Each application counts once: a decision that a later decision of the file follows (a reassessment,
reduction, contest or review names it in audit.priorDecisionId) is left out of the figures, so a
customer's chain of decisions counts as one line, at its latest decision. The page says how many
were left out so; two decisions following the same one (a forked chain) are warned of. A decision
on more than one line (the same audit.decisionId, the same content; 0.1.0's too) counts once and is
warned of, naming its lines; a line carrying a counted decision's id with other content is left out,
named by its line, and the command exits 3 (one of the two was changed after it was made).

Score answers each input line once, in input order ({"line":N,...}, not sealed): as verify does, the
report warns, naming the lines, of an input line named twice (two outputs put together; exit 3, as
verify and monitor exit, even for a copy counted once), of a {"decision":...} line naming no input
line (counted; exit 3), and of one lower than the line before (lines moved; not when the run's manifest records a resume that decided
records again; exit 3 when it records them in input order: one run, never resumed, or resumes that decided nothing again out of order). An error line the same, word for word, as an earlier one for its input line counts
once; another answer to an input line already counted (another run's decision of the same record) is
counted and warned of, naming the lines: those records count twice in the figures (exit 3).

Exit codes: 0 the page counts the file as its run left it (an incomplete run is warned of, its
figures being what it wrote); 3 the page and summary are written, but its figures cannot be taken
whole: a line left out (unreadable, seal failed, an id with other content, no error line in the
errors file), an empty file (not when its run manifest records that the run ended having written
no line to it, as verify takes it), a run manifest that cannot be read (nothing checks the run, and an
errors file apart is not found), an output or errors file not as the run left it (other bytes, size
or count, or blank lines nothing recorded vouches for), a record answered twice (decided and rejected, two answers to one input line, or an
input line named on two lines, a copy too), or a line naming no input line; each is named in a warning. 1 and 2 as for every command.

  --out FILE.html            where to write the report
  --title TEXT               page title (default "creditlift portfolio report")
  --policy FILE.json         the policy the decisions were made under (overrides of the default, as
                             for score): its pricing.averageCostAlertAbove flags the average
                             comprehensive cost of new lines (default policy: 20%). When a decision
                             names another policy (audit.policyHash), the report warns, on stderr
                             and in the page; decisions sealed by the released 0.1.0 apart (no
                             policy file of today can be theirs, and their average cost is not counted)
  --catalog FILE.json        your own certificate kinds (as score, decide and simulate take them):
                             the certificate-uplift chart names them by their names, not their ids.
                             When a decision was made with another catalog (audit.catalogHash; the
                             default one without --catalog), the report warns, on stderr and in the page
  --signing-key-file FILE    the key the decisions were signed with (as score takes it): each
                             decision's audit.signature is checked, and an unsigned one refused
                             (0.1.0's too: 0.1.0 signed nothing)
  --verification-key-file FILE  a signing key used before a rotation (with --signing-key-file):
                             a decision signed under it is taken too; repeat for several
  -h, --help                 show this help
`;

const OPTIONS = {
  out: { type: 'string' },
  title: { type: 'string' },
  policy: { type: 'string' },
  catalog: { type: 'string' },
  'signing-key-file': { type: 'string' },
  'verification-key-file': { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `creditlift report`: a decisions file in, one offline HTML report out. Resolves to the exit code; never rejects. */
export async function runReportCommand(argv: readonly string[], io: CliIo = processCliIo): Promise<number> {
  try {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS);
    if (values.help === true) {
      io.stdout(REPORT_USAGE);
      return CliExitCode.ok;
    }
    const [file, ...more] = positionals;
    if (file === undefined) throw new UsageError('missing DECISIONS.ndjson');
    if (more.length > 0) throw new UsageError(`unexpected argument "${more[0]}"`);
    if (values.out === undefined) throw new UsageError('missing --out');
    await refuseInputsNotFiles(
      [['DECISIONS', file]],
      'report reads it more than once (to find the decisions a later one follows, then to count them), so save the stream to a file first and give that',
    );
    // Read first: it names the --errors file the report reads too, which no output may be.
    const run = await readManifestBeside(file);
    refuseOverwritingInputs(
      [['--out', values.out]],
      [
        ['DECISIONS', file],
        ...runFilesRead('DECISIONS', file, run.path, run.manifest),
        ['--policy', values.policy],
        ['--catalog', values.catalog],
        ['--signing-key-file', values['signing-key-file']],
        ...(values['verification-key-file'] ?? []).map((f) => ['--verification-key-file', f] as [string, string]),
      ],
    );
    // Read and validated before the decisions are, naming the file.
    const catalog = values.catalog === undefined ? undefined : (await readCatalogFile(values.catalog)).catalog;
    const signingKeyFile = values['signing-key-file'];
    const verificationFiles = values['verification-key-file'] ?? [];
    if (verificationFiles.length > 0 && signingKeyFile === undefined)
      throw new UsageError('--verification-key-file names keys used before a rotation: give --signing-key-file too (the key decisions are signed with now)');
    const keys = await readSealKeys(signingKeyFile, verificationFiles);
    // The threshold's policy, validated as a scorer would (a malformed alert was read as 20%). Its
    // hash, with the default policy's, is one no 0.1.0 decision can name.
    const policy = await thresholdPolicyOf(values);
    const averageCostAlertAbove = policy.pricing.averageCostAlertAbove;
    const policyHashes = new Set([policyHashOf(policy)]);
    // Two passes, both streamed: the first finds the decisions a later one follows (one id per
    // follow-up is held), the second counts the rest; only the aggregates (two numbers per
    // decision) and 64 bits of each decision's id and of its content digest (a repeated line counts
    // once) are held, never the decisions.
    // Read as bytes, as monitor reads them: a byte that is not UTF-8 is named (decoded, it read as U+FFFD).
    const followUps = createFollowUpIndex(keys, policyHashes);
    for await (const line of splitLines(createReadStream(file))) if (textLineFault(line) === undefined) followUps.addLine(line.text);
    const namingCatalog = catalog === undefined ? DEFAULT_CATALOG_HASH : catalogHash(catalog);
    const acc = createReportAccumulator();
    // Each input line of a score output answered once, as verify warns of it: named twice or out of order is warned of,
    // an error line read again counted once, and a second answer counted is said.
    const lineNumbers = new ScoreLineNumbers();
    const inputLines = new CountedInputLines();
    const context = { keys, followed: followUps.followed, counted: new Map<string, string>(), policyHashes, lineNumbers, inputLines };
    let lines = 0;
    for await (const line of splitLines(createReadStream(file))) {
      if (line.truncated || !isBlankLine(line.text)) lines++;
      accumulateDecisionLine(acc, line, context);
    }
    // The records the run rejected, when it wrote them apart (--errors): the same run reads the same whichever option it used.
    const errorsApart = run.manifest === undefined ? undefined : await readRunErrors(file, run.path, run.manifest, acc, lineNumbers);
    const data = acc.finish();
    const sealRefused = data.sealRefused?.count ?? 0;
    const superseded = data.superseded ?? 0;
    const repeated = data.repeated ?? 0;
    const repeatedOther = data.repeatedOther?.count ?? 0;
    // Every decision line read, counted or not: what the run's manifest recorded it wrote.
    const decisionsRead = data.decisions + sealRefused + superseded + repeated + repeatedOther;
    // Held to the run beside it by the rule and in the words verify and monitor use (report had its own).
    const notTheRuns = run.manifest === undefined ? [] : await besideRunFaults(file, run.manifest, decisionsRead);
    // A file with no line at all (truncated to nothing by a failed copy, or the wrong file) reads as a
    // clean "0 decisions": said, and exit 3 as verify says it, unless the run it came from recorded
    // that it ended having written no line to it (verify takes that file too).
    const empty = lines === 0 && !runWroteNoLine(run.manifest);
    const warnings = [
      ...(empty ? [emptyWarning(file, run.manifest === undefined && run.error === undefined)] : []),
      ...(sealRefused > 0 ? [sealWarning(file, data.sealRefused!, signingKeyFile)] : []),
      ...(followUps.forks() > 0 ? [forkWarning(followUps.forks())] : []),
      ...lineNumbers.warnings(file, lineOrderOf(run.manifest)),
      ...(repeated > 0 ? [repeatWarning(file, repeated, data.repeatedEarlierRelease ?? 0, data.repeatedLines ?? [])] : []),
      ...inputLines.warnings(file),
      ...(repeatedOther > 0 ? [repeatedOtherWarning(file, data.repeatedOther!)] : []),
      ...((data.unidentified ?? 0) > 0
        ? [
            `${data.unidentified!.toLocaleString('en-US')} decision(s) of ${file} carry no audit.decisionId (every decision creditlift makes carries one): each line is counted, as a repeat of one cannot be told`,
          ]
        : []),
      ...runWarnings(file, run, notTheRuns),
      ...(errorsApart?.warnings ?? []),
      ...[
        earlierReleaseWarning(data.earlierRelease, values.policy, averageCostAlertAbove),
        otherPolicyWarning(thisReleasePolicies(data), policyHashOf(policy), values.policy, averageCostAlertAbove),
        otherCatalogWarning(data.catalogs ?? [], namingCatalog, values.catalog),
      ].filter((w) => w !== undefined),
      ...[mixedBuildsWarning(data.modelBuilds ?? [])].filter((w) => w !== undefined),
      ...(data.unreadable > 0 ? [unreadableWarning(file, data)] : []),
    ];
    for (const warning of warnings) io.stderr(`warning: ${terminalText(warning)}\n`);
    await writeFileReplacing(
      values.out,
      buildReportHtml(data, {
        source:
          errorsApart?.path === undefined
            ? basename(file)
            : `${basename(file)}, its rejected records from ${basename(errorsApart.path)} (the run's --errors file)`,
        averageCostAlertAbove,
        ...(warnings.length === 0 ? {} : { warnings }),
        ...(values.title === undefined ? {} : { title: values.title }),
        ...(catalog === undefined ? {} : { catalog }),
        gradeOrder: policy.grades.map((g) => g.grade),
      }),
    );
    // The errors file's answers beside the output's: each file's copies and second answers, and a record in both.
    const copiesLeftOut = inputLines.copiesLeftOut + (errorsApart?.answers.copiesLeftOut ?? 0);
    const countedAgain = inputLines.countedAgain + (errorsApart?.answers.countedAgain ?? 0);
    const inBoth = errorsApart?.answers.answeredInOutput ?? 0;
    const unchecked = inputLines.unchecked + (errorsApart?.answers.unchecked ?? 0);
    const apart = [
      ...(sealRefused > 0 ? [`${sealRefused.toLocaleString('en-US')} left out: seal failed`] : []),
      ...(superseded > 0 ? [`${superseded.toLocaleString('en-US')} earlier decisions followed by a later one, not counted`] : []),
      ...(repeated > 0 ? [`${repeated.toLocaleString('en-US')} repeated, counted once`] : []),
      ...(copiesLeftOut > 0 ? [`${copiesLeftOut.toLocaleString('en-US')} error line(s) repeated, counted once`] : []),
      ...(countedAgain > 0 ? [`${countedAgain.toLocaleString('en-US')} answering an input line answered before, counted again`] : []),
      ...(inBoth > 0 ? [`${inBoth.toLocaleString('en-US')} rejected for an input line the output answers too, counted in both`] : []),
      ...(unchecked > 0 ? [`${unchecked.toLocaleString('en-US')} rejected naming no input line, not checked`] : []),
      ...(repeatedOther > 0 ? [`${repeatedOther.toLocaleString('en-US')} repeated with other content, left out`] : []),
    ];
    // A device errors file is not read: "0 rejected from /dev/null" read as a run that rejected nothing.
    const rejectedFrom =
      errorsApart?.path === undefined
        ? ''
        : errorsApart.device !== undefined
          ? ` counted; the run sent ${errorsApart.device.recorded === undefined ? 'its rejected records' : `${errorsApart.device.recorded.toLocaleString('en-US')} rejected`} to ${errorsApart.path}, not read: see the warning`
          : errorsApart.notTheRuns
            ? ` from ${errorsApart.path}, not the run's: see the warning`
            : ` from ${errorsApart.path}`;
    // The paths are the user's, so shown as every other text from outside is (an ESC in --out drove the terminal).
    io.stdout(
      `${terminalText(`report of ${data.decisions.toLocaleString('en-US')} decisions (${data.rejected.toLocaleString('en-US')} rejected${rejectedFrom}, ${data.unreadable.toLocaleString('en-US')} unreadable lines${unreadableCounts(data)}${apart.map((a) => `, ${a}`).join('')}) written to ${values.out}`)}\n`,
    );
    // Lines left out of every figure are input the report could not use: the page is written (the
    // rest still counts), but a script running the report must see it, as `decide` exits 3 on bad
    // data. A decision whose seal failed is such input too, and so is one id carried with two contents.
    // An empty file is such input too: nothing in it could be counted.
    const notErrorLines = errorsApart?.notErrorLines ?? 0;
    const errorsNotTheRuns = errorsApart?.notTheRuns === true;
    // Figures that cannot be trusted are such input too, though every line was read: a run whose
    // manifest is damaged cannot be checked (its errors file apart is not even found: "0 rejected"
    // for a run that rejected 50), an output not the bytes its run wrote is not the run's, a record
    // answered twice (decided and rejected, or two answers in one file) counts twice, and an error
    // line naming no input line cannot be held to the others. Each warned alone, they exited 0.
    // And a file no score run wrote: an input line named twice (copies too: `cat out out` counts once,
    // but is no run's output), or a decision line naming none, as verify and monitor exit for it.
    // So is a lower input line than the line before in a run its manifest records in input order (warned alone, it exited 0).
    const outOfOrder = lineNumbers.outOfOrder(lineOrderOf(run.manifest)) + (errorsApart?.answers.outOfOrder ?? 0);
    const notAsWritten = lineNumbers.broken + (errorsApart?.answers.namedTwice ?? 0) + outOfOrder > 0;
    const untrusted = run.error !== undefined || notTheRuns.length > 0 || countedAgain > 0 || inBoth > 0 || unchecked > 0 || notAsWritten;
    return empty || data.unreadable > 0 || sealRefused > 0 || repeatedOther > 0 || notErrorLines > 0 || errorsNotTheRuns || untrusted
      ? CliExitCode.rejected
      : CliExitCode.ok;
  } catch (e) {
    return reportError(e, io, REPORT_USAGE);
  }
}

/**
 * What the manifest of the `score` run that wrote `file` (`FILE.run.json`, when there is one) says
 * the reader must know: an incomplete run, one that never recorded its end, a file not as the run left it.
 *
 * @param notTheRuns why `file` is not the run's ({@link besideRunFaults})
 */
function runWarnings(file: string, run: ManifestBeside, notTheRuns: readonly string[]): string[] {
  if (run.error !== undefined) return [`${run.path} could not be read (${run.error}), so nothing shows the run that wrote ${file} finished`];
  if (run.manifest === undefined) return [];
  const warnings = runStatusWarnings(file, run.manifest);
  if (notTheRuns.length > 0) warnings.push(besideRunWarning(file, run.path, notTheRuns));
  return warnings;
}

/** Said of a DECISIONS file with no line at all: nothing was reported, and an empty page is no clean bill; with no manifest beside it, what that means. */
function emptyWarning(file: string, noManifest: boolean): string {
  return `${file} holds no decision and no error line (it is empty, or blank lines only): nothing was reported (is it the right file, or a copy cut short?)${noManifest ? `; ${emptyOutputNote(file)}` : ''}`;
}

/**
 * Names the decisions left out because their seal failed, by line and by fault: their figures are
 * not the lender's (an edited limit raised the total granted without a word).
 */
function sealWarning(file: string, s: NonNullable<ReportData['sealRefused']>, keyFile: string | undefined): string {
  const faults = [
    ...(s.contentHash > 0 ? [`${s.contentHash.toLocaleString('en-US')} changed after they were made (audit.contentHash does not match their content)`] : []),
    ...(s.signature > 0
      ? [`${s.signature.toLocaleString('en-US')} not signed under the key of --signing-key-file ${keyFile ?? ''} (audit.signature missing or not verifying)`]
      : []),
    ...(s.unsealed > 0 ? [`${s.unsealed.toLocaleString('en-US')} carry no audit.contentHash (not sealed by creditlift)`] : []),
    ...((s.posingAsEarlier ?? 0) > 0
      ? [
          `${s.posingAsEarlier!.toLocaleString('en-US')} carry no audit.contentHash and are shaped as decisions of the released 0.1.0, but are not 0.1.0's: they name this release's default model or a policy this release computes (the default, or --policy), or an audit.decisionId 0.1.0 would not have derived from the rest of their audit (not sealed by creditlift)`,
        ]
      : []),
    ...((s.earlierUnsigned ?? 0) > 0
      ? [
          `${s.earlierUnsigned!.toLocaleString('en-US')} are decisions of the released 0.1.0, which signed nothing, so none can be signed under the key of --signing-key-file ${keyFile ?? ''}: without the key they are counted as 0.1.0 made them (nothing seals them), or re-decide those customers (README "Upgrading from 0.1.0")`,
        ]
      : []),
  ];
  const lines = s.lines.length === 0 ? '' : ` (line${s.lines.length === 1 ? '' : 's'} ${s.lines.join(', ')}${s.count > s.lines.length ? ', ...' : ''})`;
  return `${s.count.toLocaleString('en-US')} decision(s) of ${file}${lines} fail their seal and were left out of every figure: ${faults.join('; ')}`;
}

/**
 * Says so when decisions appear on more than one line: each counts once, those sealed by 0.1.0 too,
 * told by their `audit.decisionId` (0.1.0 derived it from the rest of its audit) and the same content.
 */
function repeatWarning(file: string, repeated: number, earlier: number, lines: readonly number[]): string {
  const old =
    earlier === 0
      ? ''
      : `; ${earlier.toLocaleString('en-US')} of them sealed by 0.1.0, told apart by the same audit.decisionId (0.1.0 derived it from the input's hash, applicant, date, model, policy and catalog) and the same content`;
  const named = lines.length === 0 ? '' : `; line${lines.length === 1 ? '' : 's'} ${lines.join(', ')}${repeated > lines.length ? ', ...' : ''}`;
  return `${repeated.toLocaleString('en-US')} decision(s) of ${file} appear on more than one line (the same audit.decisionId${named}): each is counted once${old}`;
}

/**
 * Names the lines that carry the id of a decision read earlier with other content: a decision is
 * made once, so one of the two was changed, and the report cannot tell which (a 0.1.0 decision has
 * no content hash; a content hash without a signing key can be recomputed by whoever changed it).
 */
function repeatedOtherWarning(file: string, other: NonNullable<ReportData['repeatedOther']>): string {
  const lines =
    other.lines.length === 0 ? '' : ` (line${other.lines.length === 1 ? '' : 's'} ${other.lines.join(', ')}${other.count > other.lines.length ? ', ...' : ''})`;
  return (
    `${other.count.toLocaleString('en-US')} line(s) of ${file}${lines} repeat the audit.decisionId of an earlier decision with other content: ` +
    'left out of every figure, the earlier line counted. A decision is made once, so one of the two was changed after it was made, and the report cannot tell which ' +
    '(0.1.0 decisions carry no audit.contentHash; a content hash without --signing-key-file can be recomputed by whoever changed the decision): check the file against where it came from'
  );
}

/**
 * Says so, beside the other warnings, when lines were left out: a grey note under the last table was
 * all a reader got, even when every line was unreadable (an applicants file given by mistake). Each
 * reason is named with its first lines, in the words monitor names them with (a line over 4 MiB was
 * counted "unreadable" and no more).
 */
function unreadableWarning(file: string, data: ReportData): string {
  const reasons = (data.unreadableReasons ?? []).map((r) => {
    const more = r.count - r.lines.length;
    const fen = r.code === 'data_invalid' ? '; a limit or certificate gain that is not a whole number of fen is one' : '';
    const named =
      r.lines.length === 0
        ? `${r.count.toLocaleString('en-US')} line(s)`
        : `${r.lines.map((l) => `line ${l.line}: ${l.message}`).join(', ')}${more > 0 ? ` and ${more.toLocaleString('en-US')} more` : ''}`;
    return `${named} (${r.code}${fen})`;
  });
  return `${data.unreadable.toLocaleString('en-US')} line(s) of ${file} were not read as a decision or an error line and were left out of every figure${data.decisions === 0 ? ', so the report holds no decision' : ''}${reasons.length === 0 ? '' : `, each for its reason: ${reasons.join('; ')}`}`;
}

/** The summary's count of lines not read, by reason: ` (1 line_too_long, 2 invalid_json)`. */
function unreadableCounts(data: ReportData): string {
  const reasons = data.unreadableReasons ?? [];
  return reasons.length === 0 ? '' : ` (${reasons.map((r) => `${r.count.toLocaleString('en-US')} ${r.code}`).join(', ')})`;
}

/** The policies named by decisions of this release: an earlier release's (0.1.0) are not counted, no `--policy` can be theirs. */
function thisReleasePolicies(data: ReportData): { hash: string; count: number }[] {
  const earlier = new Map((data.earlierRelease?.policies ?? []).map((p) => [p.hash, p.count]));
  return (data.policies ?? []).map((p) => ({ hash: p.hash, count: p.count - (earlier.get(p.hash) ?? 0) })).filter((p) => p.count > 0);
}

/**
 * Says so when some decisions were sealed by the released 0.1.0 (told by their shape, as follow-ups
 * tell them): no policy of theirs can be passed with `--policy` (a 0.1.0 policy's
 * `limits.regulatoryCapPerBorrower` is refused today, and every policy hashes differently now), so
 * the report says what it counts of them and what it cannot judge, rather than advise the impossible.
 */
function earlierReleaseWarning(earlier: ReportData['earlierRelease'], file: string | undefined, alertAbove: number): string | undefined {
  if (earlier === undefined || earlier.decisions === 0) return undefined;
  const whose = file === undefined ? 'the default policy' : `the policy of --policy ${file}`;
  const policies = earlier.policies.length === 0 ? '' : ` under policy ${earlier.policies.map((p) => p.hash.slice(0, 12)).join(', ')}`;
  return (
    `${earlier.decisions.toLocaleString('en-US')} decision(s) were sealed by an earlier release of creditlift (0.1.0: no lineAction, no audit.contentHash)${policies}, ` +
    'whose policy no --policy can give (a 0.1.0 policy file setting limits.regulatoryCapPerBorrower is refused today, and any policy hashes differently under this release). ' +
    "The report counts their outcomes, limits, PDs, grades, reasons and certificate impacts as 0.1.0 decided them, under 0.1.0's model and policy, " +
    'and draws what set their limit apart, named as 0.1.0 meant it (its regulatory cap counted other consumer-finance balances). ' +
    `It cannot judge them by their own policy: the average cost of new lines leaves them out (0.1.0 decisions record no plans), so ${whose}'s alert above ${formatPercent(alertAbove, 0)} judges only this release's decisions; ` +
    "and set beside this release's decisions, their figures are another model's and policy's, not a change in the applicants " +
    '(re-decide the customers to compare like with like: README "Upgrading from 0.1.0")'
  );
}

/**
 * Says so when some decisions name a certificate catalog (`audit.catalogHash`) other than the one the
 * report names their kinds from (`--catalog`, or the default): its names, for a kind it renamed or
 * replaced, are not the ones the decisions were made with.
 */
function otherCatalogWarning(
  catalogs: readonly { readonly hash: string; readonly count: number }[],
  hash: string,
  file: string | undefined,
): string | undefined {
  const others = catalogs.filter((c) => c.hash !== hash);
  if (others.length === 0) return undefined;
  const n = others.reduce((s, c) => s + c.count, 0);
  const whose = file === undefined ? 'the default certificate catalog' : `the catalog of --catalog ${file}`;
  return `${n.toLocaleString('en-US')} decision(s) were made with certificate catalog ${others.map((c) => c.hash.slice(0, 12)).join(', ')}, not ${whose} (${hash.slice(0, 12)}), whose names label the certificate uplift: a kind it names otherwise, or does not know, is not labelled as the decisions knew it; pass the decisions' own catalog with --catalog`;
}

/**
 * Says so when some decisions of this release name a policy other than the one whose alert judges
 * their average cost: each decision records its policy (`audit.policyHash`), and a threshold read
 * from another (the default, for want of `--policy`) flagged or cleared the figure by the wrong rule.
 */
function otherPolicyWarning(
  policies: readonly { readonly hash: string; readonly count: number }[],
  hash: string,
  file: string | undefined,
  alertAbove: number,
): string | undefined {
  const others = policies.filter((p) => p.hash !== hash);
  if (others.length === 0) return undefined;
  const n = others.reduce((s, p) => s + p.count, 0);
  const whose = file === undefined ? 'the default policy' : `the policy of --policy ${file}`;
  return `${n.toLocaleString('en-US')} decision(s) were made under policy ${others.map((p) => p.hash.slice(0, 12)).join(', ')}, not ${whose} (${hash.slice(0, 12)}), whose alert above ${formatPercent(alertAbove, 0)} judges the average cost here: pass the decisions' own policy with --policy`;
}
