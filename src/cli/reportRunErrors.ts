import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { type NotAnErrorLine, readErrorFileLine } from '../report/errorFileLine.js';
import type { ReportAccumulator } from '../report/reportData.js';
import { ErrorsFileLineNumbers } from './errorsFileLineNumbers.js';
import type { RunManifest } from './score/runManifest.js';
import { deviceKindOf } from '../files/deviceKind.js';
import { NamedPlaces } from './score/namedPlaces.js';
import { splitLines } from './score/splitLines.js';
import { lineOrderOf, type ScoreLineNumbers } from './scoreLineNumbers.js';
import { runFileBytesFaults, runFileCountFault, runFileWarning } from './runFileFaults.js';
import { outputRoleOf } from './verifyManifest.js';

/** What reading a run's `--errors` file (apart from its output) added to a report, and what it must say. */
export interface RunErrorsRead {
  /** The errors file read, as the manifest places it beside the output; undefined when the run wrote its error lines into the output. */
  readonly path?: string;
  /**
   * One sentence each: the file could not be read, holds other lines or another count than the run
   * recorded, or other bytes; its input line numbers repeat, fall, or name a line the output answers too.
   */
  readonly warnings: readonly string[];
  /** Lines of the errors file that are no error line (left out, as the report leaves out a line it cannot use). */
  readonly notErrorLines: number;
  /**
   * How its error lines answered input lines: copies, word for word, of a counted one (counted once);
   * other answers to an input line it answered before (counted again); and answers to one the output
   * answers too (counted in both); and error lines naming no input line, counted unchecked; and
   * lines naming an input line an earlier error line names (`namedTwice`, copies included), and lines
   * naming a lower one than the line before of a run whose manifest records its lines in input order (`outOfOrder`). All zero
   * for files as score writes them.
   */
  readonly answers: {
    readonly copiesLeftOut: number;
    readonly countedAgain: number;
    readonly answeredInOutput: number;
    readonly unchecked: number;
    readonly namedTwice: number;
    readonly outOfOrder: number;
  };
  /**
   * True when the rejected figures are not the run's: the file could not be read, or holds another
   * count or other bytes than the run recorded, or blank lines no record of the run vouches for
   * (`runFileBytesFaults`; the report then exits 3, as for input it cannot use).
   */
  readonly notTheRuns: boolean;
  /** When the errors file is a device (`--errors /dev/null`): what kind, and how many records the run recorded rejected into it. */
  readonly device?: { readonly kind: string; readonly recorded: number | undefined };
}

const NO_ANSWERS: RunErrorsRead['answers'] = { copiesLeftOut: 0, countedAgain: 0, answeredInOutput: 0, unchecked: 0, namedTwice: 0, outOfOrder: 0 };

/**
 * Adds to `acc` the records the run that wrote `file` rejected, when it wrote them apart
 * (`score --errors`, recorded in its manifest's `options.errors`, relative to the output as
 * `verify --manifest` places it): a report of the output alone said "0 records rejected" for a run
 * that rejected 50, where the same run without `--errors` said 50. Said when the file cannot be
 * read, holds lines that are no error line, or holds another count or other bytes than the run
 * recorded. The file is read as bytes, as the output is: a line with a byte that is not UTF-8 is
 * named and left out, never read with U+FFFD in its place. Its input line numbers are held to
 * themselves and to the output's (`outputLines`, read to its end): see {@link ErrorsFileLineNumbers};
 * an error line naming none is counted and said unchecked.
 */
export async function readRunErrors(
  file: string,
  manifestPath: string,
  manifest: RunManifest,
  acc: ReportAccumulator,
  outputLines: ScoreLineNumbers,
): Promise<RunErrorsRead> {
  const role = outputRoleOf(file, manifestPath, manifest);
  if (role.kind !== 'output' || role.errorsApart === undefined) return { warnings: [], notErrorLines: 0, answers: NO_ANSWERS, notTheRuns: false };
  const path = role.errorsApart;
  const status = manifest.status;
  const recorded = status?.rejected === undefined ? undefined : status.rejected + (status.workerFailed ?? 0);
  const n = (x: number) => x.toLocaleString('en-US');
  // `--errors /dev/null`: the lines are gone, and a device such as /dev/zero would be read without end.
  const device = await deviceKindOf(path);
  if (device !== undefined) {
    const missing = recorded === undefined ? 'the records it rejected are' : `the ${n(recorded)} record(s) it recorded rejected are`;
    // Named as the device is known (/dev/null), not by its path from the output's folder (../../dev/null).
    const shown = resolve(path);
    return {
      path: shown,
      warnings: [`the run that wrote ${file} put its error lines in ${shown} (--errors), ${device}: ${missing} not in these figures`],
      notErrorLines: 0,
      answers: NO_ANSWERS,
      notTheRuns: false,
      device: { kind: device, recorded },
    };
  }
  let errorLines = 0;
  let notErrorLines = 0;
  // By reason, each with its first lines, as the output's unreadable lines are named.
  const leftOut = new Map<NotAnErrorLine['code'], NamedPlaces>();
  const numbers = new ErrorsFileLineNumbers(outputLines);
  const answers = () => ({
    copiesLeftOut: numbers.copiesLeftOut,
    countedAgain: numbers.countedAgain,
    answeredInOutput: numbers.answeredInOutput,
    unchecked: numbers.unchecked,
    namedTwice: numbers.namedTwice,
    outOfOrder: numbers.outOfOrder(lineOrderOf(manifest, 'errors')),
  });
  const lineWarnings = () => [
    ...(notErrorLines > 0 ? [notErrorLinesWarning(path, notErrorLines, leftOut)] : []),
    ...numbers.warnings(path, file, lineOrderOf(manifest, 'errors')),
  ];
  try {
    // Read as bytes, as the output is: decoded as text, a byte that is not UTF-8 read as U+FFFD.
    for await (const line of splitLines(createReadStream(path))) {
      const read = readErrorFileLine(line);
      if (read.kind === 'blank') continue;
      if (read.kind === 'unread') {
        notErrorLines++;
        const places = leftOut.get(read.fault.code) ?? new NamedPlaces();
        places.add(`line ${line.line}: ${read.fault.message}`);
        leftOut.set(read.fault.code, places);
        continue;
      }
      errorLines++;
      if (read.inputLine === undefined) numbers.meetUnnumbered(`line ${line.line}`);
      else if (!numbers.meet(read.inputLine, `line ${line.line}`, line.text)) continue;
      acc.addRejection(read.code);
    }
  } catch (e) {
    const missing = recorded === undefined ? 'the records it rejected' : `the ${n(recorded)} record(s) it recorded rejected`;
    return {
      path,
      warnings: [
        `the run that wrote ${file} put its error lines in ${path} (--errors), which could not be read (${e instanceof Error ? e.message : String(e)}): ${missing} are not in these figures${errorLines > 0 ? ` (${n(errorLines)} read before it failed are)` : ''}`,
        ...lineWarnings(),
      ],
      notErrorLines,
      answers: answers(),
      notTheRuns: true,
    };
  }
  const warnings = lineWarnings();
  // Held to the run as the output is, in the output's words (report had its own for the errors file).
  const { faults: bytes } = await runFileBytesFaults(path, {
    bytes: status?.files?.errors,
    ended: status?.decisions !== undefined,
    wroteNoLine: recorded === 0,
  });
  const count = runFileCountFault('error line', errorLines, recorded);
  const faults = [...bytes, ...(count === undefined ? [] : [count])];
  if (faults.length > 0) warnings.push(runFileWarning(path, 'errors', manifestPath, faults));
  return { path, warnings, notErrorLines, answers: answers(), notTheRuns: faults.length > 0 };
}

/** Names the lines of the errors file `path` left out, by reason, in the words the output's are named with: `line 3: not valid JSON (invalid_json)`. */
function notErrorLinesWarning(path: string, count: number, leftOut: ReadonlyMap<NotAnErrorLine['code'], NamedPlaces>): string {
  const reasons = [...leftOut].map(([code, places]) => `${places} (${code})`);
  return `${count.toLocaleString('en-US')} line(s) of ${path}, the run's errors file, are no error line and were left out of every figure: ${reasons.join('; ')}`;
}
