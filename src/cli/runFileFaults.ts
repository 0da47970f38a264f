import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isBlankLine } from '../text/blankLine.js';
import { NamedPlaces } from './score/namedPlaces.js';
import type { WrittenFile } from './score/runManifestSchema.js';
import { splitLines } from './score/splitLines.js';
import { digestOf, writtenFileFault } from './score/writtenFiles.js';

/** Which of a `score` run's files a reader holds to the run: its output, or its `--errors` file apart. */
export type RunFileRole = 'output' | 'errors';

/** What a run's manifest records of one of its files, to hold the file to. */
export interface RecordedRunFile {
  /** `status.files.output` (or `.errors`): a digest, the size alone, or a device; undefined when the manifest records none. */
  readonly bytes: WrittenFile | undefined;
  /** The run recorded how it ended (its counts); one still running, or killed, vouches for nothing here. */
  readonly ended: boolean;
  /** The run ended having written no line to the file. */
  readonly wroteNoLine: boolean;
}

/** How far a file was held to the bytes its run left: their digest, their size alone, or nothing recorded to compare. */
export type BytesCompared = 'digest' | 'size' | 'none';

/**
 * Why the bytes of `path` are not those its run left, one sentence each, by the most the manifest
 * records: the digest (size and SHA-256); the size alone (a run a signal stopped before it read its
 * files back); or, with neither, for a run that recorded its end, no byte where it wrote no line and
 * no blank line elsewhere: score writes none (each line is `{"line":N,...}`), so blank lines added
 * to a file the run recorded three decisions in left its count as it was, and every reader exited 0
 * without a word. A device is not read back: nothing to compare.
 */
export async function runFileBytesFaults(
  path: string,
  recorded: RecordedRunFile,
): Promise<{ readonly compared: BytesCompared; readonly faults: readonly string[] }> {
  const { bytes } = recorded;
  const n = (x: number) => x.toLocaleString('en-US');
  if (bytes !== undefined && 'device' in bytes) return { compared: 'none', faults: [] };
  if (bytes?.sha256 !== undefined) {
    const fault = writtenFileFault(await digestOf(path), { size: bytes.size, sha256: bytes.sha256 });
    return { compared: 'digest', faults: fault === undefined ? [] : [fault] };
  }
  if (bytes !== undefined) {
    const { size } = await stat(path);
    return {
      compared: 'size',
      faults: size === bytes.size ? [] : [`it holds ${n(size)} byte(s), the run left ${n(bytes.size)} (its manifest records their size, not their digest)`],
    };
  }
  if (!recorded.ended) return { compared: 'none', faults: [] };
  if (recorded.wroteNoLine) {
    // Without a digest the count is all that checks the file, and 0 lines is also what a file of
    // blank lines counts: only no byte is what the run left.
    const { size } = await stat(path);
    return { compared: 'none', faults: size > 0 ? [`it holds ${n(size)} byte(s), the run recorded writing no line to it (score writes no blank line)`] : [] };
  }
  const blank = new NamedPlaces();
  for await (const line of splitLines(createReadStream(path))) if (isBlankLine(line.text)) blank.add(`line ${line.line}`);
  return {
    compared: 'none',
    faults:
      blank.count === 0
        ? []
        : [
            `it holds ${n(blank.count)} blank line(s) (${blank}), which score does not write, and the run recorded neither the size nor the digest of the bytes it left to vouch for them`,
          ],
  };
}

/**
 * The count fault of a run's file: the reader found `found` lines of `kind`, the run recorded
 * `recorded` (undefined: it recorded none, and nothing is compared).
 */
export function runFileCountFault(kind: 'decision' | 'error line', found: number, recorded: number | undefined): string | undefined {
  if (recorded === undefined || recorded === found) return undefined;
  return `it holds ${found.toLocaleString('en-US')} ${kind}(s), the run recorded ${recorded.toLocaleString('en-US')}`;
}

/**
 * The one sentence `verify`, `report` and `monitor --decisions` say the faults of a run's file in
 * (the output, by the manifest beside it; the errors file apart, by the manifest beside its output).
 */
export function runFileWarning(path: string, role: RunFileRole, manifestPath: string, faults: readonly string[]): string {
  return role === 'output'
    ? `${path} is not the file the run wrote (by the run manifest beside it, ${manifestPath}): ${faults.join('; ')}; its figures are not the run's`
    : `${path} is not the errors file the run wrote (by the run manifest beside its output, ${manifestPath}): ${faults.join('; ')}; its rejected figures are not the run's`;
}
