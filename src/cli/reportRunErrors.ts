import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { accumulateErrorLine } from '../report/accumulateErrorLine.js';
import type { ReportAccumulator } from '../report/reportData.js';
import type { RunManifest } from './score/runManifest.js';
import { deviceKindOf } from './score/deviceKind.js';
import { splitLines } from './score/splitLines.js';
import { digestOf, writtenFileFault } from './score/writtenFiles.js';
import { outputRoleOf } from './verifyManifest.js';

/** What reading a run's `--errors` file (apart from its output) added to a report, and what it must say. */
export interface RunErrorsRead {
  /** The errors file read, as the manifest places it beside the output; undefined when the run wrote its error lines into the output. */
  readonly path?: string;
  /** One sentence each: the file could not be read, holds other lines or another count than the run recorded, or other bytes. */
  readonly warnings: readonly string[];
  /** Lines of the errors file that are no error line (left out, as the report leaves out a line it cannot use). */
  readonly notErrorLines: number;
  /**
   * True when the rejected figures are not the run's: the file could not be read, or holds another
   * count or other bytes than the run recorded (the report then exits 3, as for input it cannot use).
   */
  readonly notTheRuns: boolean;
  /** When the errors file is a device (`--errors /dev/null`): what kind, and how many records the run recorded rejected into it. */
  readonly device?: { readonly kind: string; readonly recorded: number | undefined };
}

/**
 * Adds to `acc` the records the run that wrote `file` rejected, when it wrote them apart
 * (`score --errors`, recorded in its manifest's `options.errors`, relative to the output as
 * `verify --manifest` places it): a report of the output alone said "0 records rejected" for a run
 * that rejected 50, where the same run without `--errors` said 50. Said when the file cannot be
 * read, holds lines that are no error line, or holds another count or other bytes than the run recorded.
 */
export async function readRunErrors(file: string, manifestPath: string, manifest: RunManifest, acc: ReportAccumulator): Promise<RunErrorsRead> {
  const role = outputRoleOf(file, manifestPath, manifest);
  if (role.kind !== 'output' || role.errorsApart === undefined) return { warnings: [], notErrorLines: 0, notTheRuns: false };
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
      notTheRuns: false,
      device: { kind: device, recorded },
    };
  }
  let errorLines = 0;
  let notErrorLines = 0;
  const lines: number[] = [];
  try {
    for await (const { text, line, truncated } of splitLines(createReadStream(path, { encoding: 'utf8' }))) {
      if (text.trim() === '' && !truncated) continue;
      if (!truncated && accumulateErrorLine(acc, text)) errorLines++;
      else {
        notErrorLines++;
        if (lines.length < 20) lines.push(line);
      }
    }
  } catch (e) {
    const missing = recorded === undefined ? 'the records it rejected' : `the ${n(recorded)} record(s) it recorded rejected`;
    return {
      path,
      warnings: [
        `the run that wrote ${file} put its error lines in ${path} (--errors), which could not be read (${e instanceof Error ? e.message : String(e)}): ${missing} are not in these figures${errorLines > 0 ? ` (${n(errorLines)} read before it failed are)` : ''}`,
      ],
      notErrorLines,
      notTheRuns: true,
    };
  }
  const warnings: string[] = [];
  if (notErrorLines > 0)
    warnings.push(
      `${n(notErrorLines)} line(s) of ${path}, the run's errors file (line${lines.length === 1 ? '' : 's'} ${lines.join(', ')}${notErrorLines > lines.length ? ', ...' : ''}), are no error line: left out of every figure`,
    );
  if (recorded !== undefined && errorLines !== recorded)
    warnings.push(
      `${path}, the run's errors file, holds ${n(errorLines)} error line(s), but the run recorded ${n(recorded)} rejected: the file changed since the run`,
    );
  const digest = status?.files?.errors;
  const changed = digest === undefined || 'device' in digest ? undefined : writtenFileFault(await digestOf(path), digest);
  if (changed !== undefined) warnings.push(`${path} is not the errors file the run wrote: ${changed}; its rejected figures are not the run's`);
  const countDiffers = recorded !== undefined && errorLines !== recorded;
  return { path, warnings, notErrorLines, notTheRuns: countDiffers || changed !== undefined };
}
