import { runWroteNoLine } from './runWroteNoLine.js';
import { runFileBytesFaults, runFileCountFault, runFileWarning } from './runFileFaults.js';
import type { RunManifest } from './score/runManifest.js';

/**
 * Why `file` is not the output the run whose manifest sits beside it (`FILE.run.json`) wrote: not
 * the bytes the run left (`status.files.output`: their digest, their size alone, or, with neither,
 * no blank line where score writes none; see {@link runFileBytesFaults}), or not as many decision
 * lines as it recorded (`status.decisions`); empty when it is, or when the manifest records none of
 * these (a run still running, or killed). One rule for the three readers, `verify` (without
 * `--manifest`), `report` and `monitor --decisions`: each exits 3 for a fault here, and says it in
 * {@link besideRunWarning}'s words.
 *
 * @param decisionLines decision lines the reader found in `file`, measured or not
 */
export async function besideRunFaults(file: string, manifest: RunManifest, decisionLines: number): Promise<string[]> {
  const status = manifest.status;
  const { faults } = await runFileBytesFaults(file, {
    bytes: status?.files?.output,
    ended: status?.decisions !== undefined,
    wroteNoLine: runWroteNoLine(manifest),
  });
  const count = runFileCountFault('decision', decisionLines, status?.decisions);
  return [...faults, ...(count === undefined ? [] : [count])];
}

/** The sentence `verify`, `report` and `monitor` say the faults of the output in ({@link runFileWarning}). */
export function besideRunWarning(file: string, manifestPath: string, faults: readonly string[]): string {
  return runFileWarning(file, 'output', manifestPath, faults);
}
