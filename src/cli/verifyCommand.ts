import { existsSync } from 'node:fs';
import { isBlankLine } from '../text/blankLine.js';
import { parseCommandArgs } from '../commandLine/parseCommandArgs.js';
import { OptionFileError, reportError, UsageError } from '../commandLine/commandIo.js';
import { verifyDecisionUnder, type DecisionSigner } from '../decision/verifyDecision.js';
import { formatPath, type ValidationIssue } from '../errors/validationError.js';
import { parseStrictJson } from '../json/parseStrictJson.js';
import { terminalText } from '../text/terminalText.js';
import { CliExitCode } from './cliExitCode.js';
import { processCliIo, readTextInput, type CliIo } from './cliIo.js';
import { readSealKeys } from './readKeyFile.js';
import { splitLines, type TextLine } from './score/splitLines.js';
import { boundLineRuns, openStreamInput } from './score/streamInputBytes.js';
import { collectStream } from '../files/readWholeInput.js';
import { decodeUtf8Strict } from '../text/decodeUtf8Strict.js';
import { deviceKindOf } from '../files/deviceKind.js';
import { readRunManifest, runManifestPath, type RunManifest } from './score/runManifest.js';
import { RunManifestInvalidError } from './score/runManifestInvalidError.js';
import { incompleteRunNote, manifestBytesFault, manifestCountFaults, outputRoleOf } from './verifyManifest.js';
import type { BytesCompared } from './runFileFaults.js';
import { configurationFaults, runConfigurationOf } from './score/runConfiguration.js';
import { fingerprint } from './keyFingerprints.js';
import { lineOrderOf, ScoreLineNumbers } from './scoreLineNumbers.js';
import { readDecisionFileLine, scoreOutputKeyFault, scoreOutputValueOf } from '../report/decisionFileLine.js';
import type { AuditKeys } from '../decision/audit.js';
import { scoreErrorLineOf } from '../report/errorFileLine.js';
import { NamedPlaces } from './score/namedPlaces.js';
import { emptyOutputNote } from './emptyOutputNote.js';
import { readManifestBeside } from './manifestBeside.js';
import { unusableLineReason } from '../report/unusableLineReason.js';
import { runWroteNoLine } from './runWroteNoLine.js';
import { besideRunFaults, besideRunWarning } from './besideRunFaults.js';
import { Decision } from '../decision/decision.js';

/** Help text of `creditlift verify`. */
export const VERIFY_USAGE = `Usage: creditlift verify DECISIONS [--signing-key-file FILE] [--verification-key-file FILE ...]
                         [--manifest DECISIONS.run.json]

Checks the seal of every decision in DECISIONS without deciding anything, as every follow-up
(reassess, reduction, review, contest) checks its prior: the Decision schema, audit.contentHash
(the decision was not changed after it was made) and, with keys, audit.signature. Nothing is written.

DECISIONS is NDJSON, one decision per line: "creditlift score" output (its error lines, read as
report reads them, are counted and skipped) or bare decisions ("creditlift decide --compact"); or one JSON document: a decision as
"creditlift decide" prints it, or an array of decisions. "-" reads standard input. DECISIONS is read
once: a stream ("-", a pipe) may carry any number of lines, but a document read from one is refused
past 12 MiB (save it to a file).

Every decision that does not verify is named on stdout (its line or index, its decisionId, and every
check that failed); one never hides the others. A hash names no field: a changed decision fails at
audit.contentHash (and audit.signature), not at the field that was changed.

  --signing-key-file FILE          the key decisions are signed with now (as for score and decide): a
                                   decision must carry a signature that verifies under it (or under a
                                   verification key). Without any key a signed decision fails: nothing
                                   here could verify its signature
  --verification-key-file FILE     a signing key used before a rotation; repeat for several
  --manifest FILE.run.json         the manifest of the "creditlift score" run that wrote DECISIONS (it
                                   sits beside the output): DECISIONS must be the bytes the run left
                                   (the manifest records their size and SHA-256) and hold as many
                                   decisions and error lines as the run recorded, or verify names the
                                   difference and exits 3. So a line replaced, even by another sealed
                                   decision or a well-formed error line, removed, repeated or moved is
                                   caught. A manifest written before creditlift recorded the digest
                                   (or by a run that has not ended) is checked by its counts alone, and
                                   verify says so. Each decision must name the run's model, policy,
                                   catalog and engine (audit.modelSha256, policyHash, catalogHash,
                                   engineVersion) and be signed as the run signed; an input line
                                   number past the run's last record is named. Without --manifest, the
                                   error lines are counted and said to be vouched for by nothing

A line not read (cut, not JSON, a key written twice, a number JSON would round or make infinite, a
lone surrogate, a decision line with a key beside line and decision) is counted apart, never as a
decision; report and monitor leave out the same lines. DECISIONS is one document when its first line
is an array, or opens an object and the next line does not: NDJSON with a broken first line is read
line by line. verify warns of input
line numbers ({"line":N,...}) named twice (exit 3, as report and monitor exit) or lower than the line
before (outputs put together, lines moved), of a {"decision":...} line naming no input line (exit 3),
and of a decision on more than one line (the same audit.decisionId). An error line is
{"line":N,"error":{"code":...}} (a "message", when present, text; nothing else beside line and
error); one naming no input line (no "line", or one that is no whole number from 1) is counted, named
and exits 3, as report does. An error line not as score writes it ({"line":10,"error":{"code":5}}),
JSON that is no object, or an object with neither "decision" nor "error" that is no Decision
({"line":5,"x":1}), is not read, named with report's reason ("an error line not as score writes it
(...): error.code: ...", "neither a score output line (...) nor a Decision: ..."). Without --manifest, the run manifest beside DECISIONS
(DECISIONS.run.json), when there is one, is read as report and monitor read it: when it records the
lines in input order (one run, never resumed, or resumes that decided nothing again out of order), a
line naming a lower input line than the line before exits 3, as there, and the file is held to what
report holds it to: the bytes the run recorded (its size and SHA-256, when recorded; its size alone
for a run a signal stopped before it read its files back; with neither, no blank line, which score
never writes) and as many decisions as it recorded, or verify names the difference and exits 3 (so a line removed from a
finished run's output is caught, though every remaining line verifies; the error-line counts and each
decision's configuration are checked only with --manifest); one that cannot be read is warned of and
exits 3, as report exits for it. An empty file whose manifest beside it records that its run ended
having written no line to it (an empty input, every record rejected to --errors) is as the run wrote
it: said, exit 0, as report takes it; an empty file of a run that recorded no end (killed) exits 3.
  -h, --help                       show this help

Exit codes: 0 every decision verified; 3 some did not, a line is not a decision, a score line
names no input line or one named before, the file holds no decision at all (not when the manifest beside
it records a run that wrote no line to it), or it does not match --manifest (or the manifest beside it:
other bytes or another decision count than its run recorded; or that manifest cannot be read); 1 a file or key
is unusable; 2 the command line is wrong.
`;

const OPTIONS = {
  'signing-key-file': { type: 'string' },
  'verification-key-file': { type: 'string', multiple: true },
  manifest: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** One record of DECISIONS: where it is, and its value or why it could not be read. */
interface FileRecord {
  readonly where: string;
  readonly read: { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly issues: readonly ValidationIssue[] };
}

/** `creditlift verify`: the seal of every decision in a file checked. Resolves to the exit code; never rejects. */
export async function runVerifyCommand(argv: readonly string[], io: CliIo = processCliIo): Promise<number> {
  try {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS);
    if (values.help === true) {
      io.stdout(VERIFY_USAGE);
      return CliExitCode.ok;
    }
    const [file, ...more] = positionals;
    if (file === undefined) throw new UsageError('missing DECISIONS');
    if (more.length > 0) throw new UsageError(`unexpected argument "${more[0]}"`);
    const keys = await readSealKeys(values['signing-key-file'], values['verification-key-file'] ?? []);
    // Read before the decisions are, naming the option: a file that is not a manifest checks nothing.
    const manifestFile = values.manifest;
    if (manifestFile !== undefined && file === '-')
      throw new UsageError('--manifest checks a file against the run that wrote it: give the file, not standard input');
    const manifest = manifestFile === undefined ? undefined : await readManifestOption(manifestFile);
    // A run's --errors /dev/null: what was written there is gone, and /dev/zero would be read without end.
    const device = manifest === undefined ? undefined : await deviceKindOf(file);
    if (device?.endsWith(' device') === true) {
      io.stdout(
        `${terminalText(file)} is ${device}, not a file: the lines the run wrote there are not read back (they are not kept), so nothing was verified against the run manifest ${terminalText(manifestFile as string)}\n`,
      );
      return CliExitCode.rejected;
    }
    const counts = { verified: 0, failed: 0, errorLines: 0, notRead: 0 };
    const signers = new Map<string, number>();
    const say = (t: string) => terminalText(t);
    // Against the manifest: each decision's audit names the run's model, policy, catalog, engine and key.
    const configuration = manifest === undefined ? undefined : runConfigurationOf(manifest);
    const notTheRuns = new Map<string, { readonly where: string[]; count: number }>();
    const numbers = new ScoreLineNumbers(manifest?.status?.lastInputLine);
    // Without --manifest, the one beside the file, read as report and monitor read it, so a never-resumed
    // run's lines out of order exit 3 here as there (verify only warned), and the file is held to its
    // bytes and decision count as report holds it; the rest of the run's checks are what --manifest asks for.
    const beside = manifestFile === undefined && file !== '-' ? await readManifestBeside(file) : undefined;
    const lineOrder = lineOrderOf(manifest ?? beside?.manifest);
    // Decisions met before, by audit.decisionId: one decision on two lines is counted twice above.
    const ids = new Set<string>();
    let repeatedDecisions = 0;
    // Error lines naming no input line: score writes one on each, so such a line is not as score wrote it.
    const unnumbered = new NamedPlaces();
    for await (const record of readRecords(file, io)) {
      if (!record.read.ok) {
        counts.notRead++;
        io.stdout(`${say(record.where)}: not read\n${record.read.issues.map((i) => `  - ${say(formatPath(i.path))}: ${say(i.message)}\n`).join('')}`);
        continue;
      }
      const { value } = record.read;
      // Read as report and monitor read it: the decision of {"line":N,"decision":...}, and its input line.
      const { candidate: decision, inputLine, unnumberedDecision } = scoreOutputValueOf(value);
      if (inputLine !== undefined) numbers.meet(inputLine, record.where);
      else if (unnumberedDecision) numbers.meetUnnumbered(record.where);
      // Told by report's check, so a file one takes the other takes (verify kept a stricter one).
      const errorLine = scoreErrorLineOf(value);
      if (errorLine !== undefined) {
        counts.errorLines++;
        if (errorLine.inputLine === undefined) unnumbered.add(record.where);
        continue;
      }
      // An error line not as score writes it, or JSON no object, is no decision: said as report says it,
      // where verify listed the Decision schema's ~30 issues ("Unrecognized key: line") for {"line":10,"error":{"code":5}}.
      const unusable = notADecisionReason(value);
      if (unusable !== undefined) {
        counts.notRead++;
        io.stdout(`${say(record.where)}: not read: ${say(unusable)}\n`);
        continue;
      }
      const r = verifyDecisionUnder(decision, keys);
      // An object neither a score line nor a Decision ({"line":5,"x":1}) is no decision that fails its
      // seal: named as report names it, where verify listed the Decision schema's ~30 issues.
      const bareNotADecision = r.ok ? undefined : bareObjectReason(value);
      if (bareNotADecision !== undefined) {
        counts.notRead++;
        io.stdout(`${say(record.where)}: not read: ${say(bareNotADecision)}\n`);
        continue;
      }
      const id = decisionIdOf(decision);
      if (id !== undefined) {
        if (ids.has(id)) repeatedDecisions++;
        else ids.add(id);
      }
      if (configuration !== undefined) {
        const faults = configurationFaults(decision, configuration);
        const signer = r.ok ? signerFingerprint(r.signedBy, keys) : undefined;
        if (signer !== undefined && manifest?.keys?.signing != null && signer !== manifest.keys.signing)
          faults.push(`signed under key ${signer.slice(0, 12)}..., the run signed with key ${manifest.keys.signing.slice(0, 12)}...`);
        for (const fault of faults) {
          const entry = notTheRuns.get(fault) ?? { where: [], count: 0 };
          entry.count++;
          if (entry.where.length < 5) entry.where.push(record.where);
          notTheRuns.set(fault, entry);
        }
      }
      if (r.ok) {
        counts.verified++;
        const by = signerName(r.signedBy);
        signers.set(by, (signers.get(by) ?? 0) + 1);
        continue;
      }
      counts.failed++;
      io.stdout(
        `${say(record.where)}${id === undefined ? '' : ` (${say(id)})`}: does not verify\n${r.error.issues.map((i) => `  - ${say(formatPath(i.path))}: ${say(i.message)}\n`).join('')}`,
      );
    }
    // Decisions read (a line not read is not one: it is counted apart).
    const total = counts.verified + counts.failed;
    const by = [...signers].map(([name, n]) => `${n.toLocaleString('en-US')} ${name}`).join(', ');
    io.stdout(
      `verified ${counts.verified.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} decision(s) in ${say(file)}${by === '' ? '' : ` (${by})`}` +
        `${counts.failed > 0 ? `; ${counts.failed.toLocaleString('en-US')} did not verify` : ''}` +
        `${counts.notRead > 0 ? `; ${counts.notRead.toLocaleString('en-US')} line(s) not read` : ''}` +
        `${counts.errorLines > 0 ? `; ${errorLinesNote(file, counts.errorLines, manifest !== undefined)}` : ''}\n`,
    );
    if (repeatedDecisions > 0)
      io.stdout(
        `warning: ${repeatedDecisions.toLocaleString('en-US')} decision(s) of ${say(file)} appear on more than one line (the same audit.decisionId): counted on each line above\n`,
      );
    for (const w of numbers.warnings(file, lineOrder)) io.stdout(`warning: ${say(w)}\n`);
    if (unnumbered.count > 0) io.stdout(`warning: ${say(unnumberedErrorLinesWarning(file, unnumbered))}\n`);
    if (beside?.error !== undefined)
      io.stdout(
        `warning: ${say(`${beside.path} could not be read (${beside.error}), so nothing shows how the run that wrote ${file} ended or whether it was resumed: lines out of input order are only warned of`)}\n`,
      );
    // The file against the run that wrote it: as many decisions and error lines as it recorded.
    let matches = true;
    if (manifest !== undefined && manifestFile !== undefined) {
      const { faults, bytesCompared } = await manifestFaults(file, manifestFile, manifest, { decisions: total, errorLines: counts.errorLines });
      const all = [...faults];
      for (const [fault, { where, count }] of notTheRuns)
        all.push(
          `${count.toLocaleString('en-US')} decision(s) not made by the run's configuration, ${fault} (${where.join(', ')}${count > where.length ? ` and ${(count - where.length).toLocaleString('en-US')} more` : ''})`,
        );
      const past = numbers.pastInputFault();
      if (past !== undefined) all.push(past);
      const keyFault = givenKeysFault(keys, manifest);
      if (keyFault !== undefined) all.push(keyFault);
      // A line not read is not "as the run recorded", whatever the counts say.
      if (counts.notRead > 0)
        all.push(`${counts.notRead.toLocaleString('en-US')} line(s) could not be read (named above), so the file is not as the run left it`);
      if (unnumbered.count > 0)
        all.push(`${unnumbered.count.toLocaleString('en-US')} error line(s) name no input line (named above), so the file is not as the run wrote it`);
      if (numbers.broken > 0)
        all.push(
          `${numbers.broken.toLocaleString('en-US')} line(s) name an input line named before, or decision lines none (named above), so the file is not as the run wrote it`,
        );
      if (numbers.outOfOrder(lineOrder) > 0)
        all.push(
          `${numbers.outOfOrder(lineOrder).toLocaleString('en-US')} line(s) name a lower input line than the line before in a run whose manifest records them in input order (named above), so the file is not as the run wrote it`,
        );
      matches = all.length === 0;
      io.stdout(
        matches
          ? `${say(file)} matches the run manifest ${say(manifestFile)}: ${bytesCompared === 'digest' ? 'the bytes the run wrote, ' : bytesCompared === 'size' ? 'the size of the bytes the run wrote, ' : ''}${total.toLocaleString('en-US')} decision(s) and ${counts.errorLines.toLocaleString('en-US')} error line(s), made by the run's model, policy, catalog and engine, as the run recorded\n`
          : `${say(file)} does not match the run manifest ${say(manifestFile)}: ${say(all.join('; '))}\n`,
      );
      if (bytesCompared === 'size')
        io.stdout(
          "note: the manifest records the sizes of the run's files, not their digests (a signal stopped the run before it read them back; the same score command with --resume records them): the size, the counts and each decision's model, policy, catalog and engine were compared, not the bytes, so a line replaced by another sealed decision of the same run and as long is not caught\n",
        );
      else if (manifest.status?.files === undefined && manifest.status?.decisions !== undefined)
        io.stdout(
          `note: the manifest records no digest of the run's files (${manifest.status.exitCode === CliExitCode.interrupted ? 'a signal stopped the run before it read them back; the same score command with --resume records them' : 'a creditlift that did not record one wrote it'}): the counts and each decision's model, policy, catalog and engine were compared, and blank lines looked for (score writes none), not the bytes, so a line replaced by another sealed decision of the same run is not caught\n`,
        );
      const note = incompleteRunNote(manifest);
      if (note !== undefined) io.stdout(`note: ${say(note)}\n`);
    }
    // The file against the run beside it, as report holds it (its bytes, its decision count): a line
    // removed from a finished run's output left every remaining line sealed, exit 0 here where report exited 3.
    const besideFaults = beside?.manifest === undefined ? [] : await besideRunFaults(file, beside.manifest, total);
    if (besideFaults.length > 0 && beside !== undefined) io.stdout(`warning: ${say(besideRunWarning(file, beside.path, besideFaults))}\n`);
    // Nothing to verify is not "every decision verified": an empty or truncated file says so (exit 3),
    // unless the manifest beside it records that its run ended having written no line to it (an empty
    // input; every record rejected to --errors) and holds the file to it (no byte, or the bytes its
    // digest records: besideRunFaults), as report and monitor take it.
    const nothingFound = total === 0 && counts.notRead === 0 && manifest === undefined;
    if (nothingFound && counts.errorLines === 0 && besideFaults.length === 0 && beside?.manifest !== undefined && runWroteNoLine(beside.manifest)) {
      io.stdout(
        `no decision found in ${say(file)}: the run manifest beside it (${say(beside.path)}) records that its run ended having written no line to it, so the file is as the run wrote it, and there is nothing to verify\n`,
      );
      return CliExitCode.ok;
    }
    if (nothingFound) {
      io.stdout(
        `no decision found in ${say(file)}: nothing was verified${counts.errorLines === 0 && file !== '-' && !existsSync(runManifestPath(file)) ? `; ${say(emptyOutputNote(file))}` : ''}\n`,
      );
      return CliExitCode.rejected;
    }
    // An input line answered twice, or a decision line naming none, is a file no score run wrote: exit 3,
    // as report and monitor exit for it (verify warned, exit 0, where report exited 3 for two runs put together).
    // A manifest beside the file that cannot be read leaves the run unchecked: exit 3, as report exits for it.
    return beside?.error !== undefined ||
      besideFaults.length > 0 ||
      counts.failed > 0 ||
      counts.notRead > 0 ||
      unnumbered.count > 0 ||
      numbers.broken > 0 ||
      numbers.outOfOrder(lineOrder) > 0 ||
      !matches
      ? CliExitCode.rejected
      : CliExitCode.ok;
  } catch (e) {
    return reportError(e, io, VERIFY_USAGE);
  }
}

/**
 * What the summary says of the score error lines: skipped, as they carry no decision, and, without
 * `--manifest`, vouched for by nothing (a decision line replaced by a well-formed error line reads
 * the same), naming the manifest beside the file when there is one.
 */
function errorLinesNote(file: string, n: number, checked: boolean): string {
  const counted = `${n.toLocaleString('en-US')} error line(s) of "creditlift score" counted`;
  if (checked) return `${counted} (no decision to verify; checked against --manifest below)`;
  const beside = file !== '-' && existsSync(runManifestPath(file)) ? runManifestPath(file) : 'OUT.run.json';
  return `${counted}, which verify cannot vouch for (an error line has no seal: a decision line replaced by one reads the same); check the counts against the run with --manifest ${terminalText(beside)}`;
}

/** The run manifest `--manifest` names. @throws OptionFileError naming the option when it is missing or not a manifest */
async function readManifestOption(path: string): Promise<RunManifest> {
  let m: RunManifest | undefined;
  try {
    m = await readRunManifest(path);
  } catch (e) {
    const why = e instanceof RunManifestInvalidError ? e.problem : e instanceof Error ? e.message : String(e);
    throw new OptionFileError('--manifest', path, why, { cause: e });
  }
  if (m === undefined) throw new OptionFileError('--manifest', path, 'no such file');
  return m;
}

/**
 * Why `file` (decisions and error lines counted) does not match the run `manifest` recorded; empty
 * when it does. `bytesCompared`: what the manifest recorded of the file's bytes, and was compared.
 */
async function manifestFaults(
  file: string,
  manifestPath: string,
  manifest: RunManifest,
  found: { readonly decisions: number; readonly errorLines: number },
): Promise<{ readonly faults: readonly string[]; readonly bytesCompared: BytesCompared }> {
  const role = outputRoleOf(file, manifestPath, manifest);
  if (role.kind === 'neither') return { faults: [role.why], bytesCompared: 'none' };
  const bytes = await manifestBytesFault(file, manifest, role);
  return { faults: [...bytes.faults, ...manifestCountFaults(manifest, role, found)], bytesCompared: bytes.compared };
}

/**
 * Why the keys given cannot be the run's, by the fingerprint its manifest records (`keys.signing`):
 * none of them is the run's signing key, or the run signed nothing and a key was given. Without it
 * every seal failing under a wrong key still read "matches the run manifest". Undefined when a key
 * given is the run's, when none is given, or when the manifest predates key fingerprints.
 */
function givenKeysFault(keys: AuditKeys, manifest: RunManifest): string | undefined {
  const recorded = manifest.keys?.signing;
  if (recorded === undefined) return undefined;
  const given = [keys.signing, ...(keys.verification ?? [])].filter((k): k is Uint8Array => k !== undefined && k !== null).map(fingerprint);
  if (given.length === 0) return undefined;
  if (recorded === null)
    return `the run signed nothing (its manifest records no signing key), yet a key was given (${given.map((f) => `${f.slice(0, 12)}...`).join(', ')})`;
  return given.includes(recorded)
    ? undefined
    : `no key given is the run's signing key (the run signed with key ${recorded.slice(0, 12)}..., given ${given.map((f) => `${f.slice(0, 12)}...`).join(', ')})`;
}

/** The fingerprint (as a manifest records it) of the key that verified a signature; undefined for an unsigned decision. */
function signerFingerprint(by: DecisionSigner | null, keys: AuditKeys): string | undefined {
  if (by === null) return undefined;
  const key = by.key === 'signingKey' ? keys.signing : keys.verification?.[by.index];
  return key === null || key === undefined ? undefined : fingerprint(key);
}

function signerName(by: DecisionSigner | null): string {
  if (by === null) return 'unsigned';
  return by.key === 'signingKey' ? 'signed under --signing-key-file' : `signed under --verification-key-file #${by.index + 1}`;
}

/**
 * Says so of error lines naming no input line, as report says it: counted, but nothing holds them to
 * the file's other lines. Before, verify read such a line as a decision that does not verify, and
 * report counted it without a word.
 */
function unnumberedErrorLinesWarning(file: string, places: NamedPlaces): string {
  return `${places.count.toLocaleString('en-US')} error line(s) of ${file} name no input line (${places}): score writes {"line":N,...} on each, so these are counted but not checked against the file's other lines`;
}

/**
 * Why a line's JSON value (error lines told apart already) is no decision to verify, in report's
 * words ({@link unusableLineReason}): an error line not as score writes it, or JSON that is no
 * object. Undefined for an object that may be a decision (a bare one or a decision line's), whose
 * schema issues are verify's to name.
 */
function notADecisionReason(value: unknown): string | undefined {
  const object = typeof value === 'object' && value !== null && !Array.isArray(value);
  if (object && ('decision' in value || !('error' in value))) return undefined;
  return unusableLineReason(value, []);
}

/**
 * Why an object with neither `decision` nor `error` that is no Decision (its schema fails) is no
 * decision, in report's words ({@link unusableLineReason}) with the Decision schema's issues; undefined
 * for anything else (a Decision whose seal fails, a decision line's decision: verify names their faults).
 */
function bareObjectReason(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || 'decision' in value || 'error' in value) return undefined;
  const read = Decision.safeParse(value);
  return read.success ? undefined : unusableLineReason(value, read.error.issues);
}

function decisionIdOf(v: unknown): string | undefined {
  const id = (v as { audit?: { decisionId?: unknown } } | null)?.audit?.decisionId;
  return typeof id === 'string' ? id.slice(0, 80) : undefined;
}

/**
 * The records of DECISIONS: NDJSON line by line (streamed: a file of millions of decisions is never
 * held), or, when the input is one JSON document ({@link firstLineOpens}: an array, or a decision
 * pretty-printed over many lines), the whole text as one document, its array elements as records.
 * Either way the input is read once: the document is the bytes already read and the rest of the
 * same pass, so a pipe (`verify /dev/stdin`) gives all of it, where reading it again gave nothing
 * ("the document: not read", exit 3, for a decision that verifies). A document from a stream is
 * held to 12 MiB.
 */
async function* readRecords(file: string, io: CliIo): AsyncGenerator<FileRecord> {
  const input = recordBytes(file, io);
  if (input === undefined) {
    yield* wholeOrLines(await readTextInput(file, io, 'DECISIONS'));
    return;
  }
  // The chunks read until the first lines say what the input is; dropped once it is NDJSON.
  let kept: Buffer[] | undefined = [];
  const bytes = (async function* () {
    for await (const chunk of input.bytes) {
      kept?.push(chunk);
      yield chunk;
    }
  })();
  const lines = splitLines(bytes)[Symbol.asyncIterator]();
  // A first line that opens an object it does not close, until the next line says whose it is.
  let opening: TextLine | undefined;
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    const line = next.value;
    if (isBlankLine(line.text)) continue;
    if (kept !== undefined) {
      const first = opening === undefined ? firstLineOpens(line) : 'lines';
      if (first === 'undecided') {
        opening = line;
        continue;
      }
      if (first === 'document' || (opening !== undefined && !opensObject(line))) {
        // The rest not through `lines`: it would cut a line over 4 MiB, and a document's lines have no such bound.
        const head = kept;
        kept = undefined;
        const whole = (async function* () {
          yield* head;
          yield* bytes;
        })();
        const all = input.stream === undefined ? await collectAll(whole) : await collectStream(whole, input.name, input.stream);
        yield* document(decodeUtf8Strict(all, input.name));
        return;
      }
      kept = undefined;
      if (opening !== undefined) yield lineRecord(opening);
    }
    yield lineRecord(line);
  }
  // One line alone, opening an object it does not close: that line, not read (as report reads it).
  if (kept !== undefined && opening !== undefined) yield lineRecord(opening);
}

/** DECISIONS as bytes read once, with what it is when it is a stream; undefined for `-` where the io gives only text. */
function recordBytes(
  file: string,
  io: CliIo,
): { readonly bytes: AsyncIterable<Buffer>; readonly name: string; readonly stream: string | undefined } | undefined {
  if (file !== '-') {
    const opened = openStreamInput(file);
    return { bytes: opened.bytes, name: file, stream: opened.kind };
  }
  if (io.stdinBytes === undefined) return undefined;
  return { bytes: boundLineRuns(io.stdinBytes(), 'standard input'), name: 'standard input', stream: 'a stream' };
}

async function collectAll(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const all: Buffer[] = [];
  for await (const chunk of chunks) all.push(chunk);
  return Buffer.concat(all);
}

function* wholeOrLines(text: string): Generator<FileRecord> {
  const lines = text.split(/\r\n|\r|\n/);
  const firstAt = lines.findIndex((l) => !isBlankLine(l));
  if (firstAt < 0) return;
  const first = firstLineOpens({ line: firstAt + 1, text: lines[firstAt] as string, truncated: false });
  const secondAt = first === 'undecided' ? lines.findIndex((l, i) => i > firstAt && !isBlankLine(l)) : -1;
  if (first === 'document' || (secondAt >= 0 && !opensObject({ line: secondAt + 1, text: lines[secondAt] as string, truncated: false }))) {
    yield* document(text);
    return;
  }
  for (let i = 0; i < lines.length; i++) {
    const t = (lines[i] as string).replace(/^\uFEFF/, '');
    if (!isBlankLine(t)) yield lineRecord({ line: i + 1, text: t, truncated: false });
  }
}

/**
 * What the first line of DECISIONS says the input is: an array opens a document; a line opening an
 * object it does not close (`{` alone, as `decide` pretty-prints a decision, or a line of NDJSON cut
 * or broken) is `undecided` until the next line ({@link opensObject}); anything else is NDJSON.
 */
function firstLineOpens(line: TextLine): 'document' | 'lines' | 'undecided' {
  const t = line.text.trim();
  if (t.startsWith('[')) return 'document';
  if (!t.startsWith('{')) return 'lines';
  const read = parseStrictJson(t);
  return !read.ok && read.issues.some((i) => i.code === 'invalid_json') ? 'undecided' : 'lines';
}

/**
 * Whether a line after an undecided first line opens an object of its own, which makes the input
 * NDJSON whose first line is broken: every line of score output and of `decide --compact` opens
 * one, and the second line of a pretty-printed decision is a key (`"applicantId": ...`) or its
 * close. Before, verify read such a file as one document, "the document: not read", leaving out
 * every line where report and monitor left out only the first. Whether it is a whole object is not
 * asked: the second line may be broken too.
 */
function opensObject(line: TextLine): boolean {
  return line.text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .startsWith('{');
}

function* document(raw: string): Generator<FileRecord> {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const read = parseStrictJson(text);
  if (!read.ok) {
    yield { where: 'the document', read: { ok: false, issues: read.issues } };
    return;
  }
  if (!Array.isArray(read.value)) {
    yield valueRecord('the document', read.value);
    return;
  }
  for (let i = 0; i < read.value.length; i++) yield valueRecord(`element ${i}`, read.value[i]);
}

/** A JSON value of a document as a record: a decision line with a key score never writes is not read, as on a line. */
function valueRecord(where: string, value: unknown): FileRecord {
  const fault = scoreOutputKeyFault(value);
  return fault === undefined ? { where, read: { ok: true, value } } : { where, read: { ok: false, issues: fault.issues } };
}

function lineRecord(line: TextLine): FileRecord {
  const where = `line ${line.line}`;
  // By the reader report and monitor read a line with, so the three leave out the same lines, for the same reasons.
  const read = readDecisionFileLine(line);
  if (read.kind === 'unread') return { where, read: { ok: false, issues: read.fault.issues } };
  return { where, read: { ok: true, value: read.kind === 'json' ? read.value : undefined } };
}
