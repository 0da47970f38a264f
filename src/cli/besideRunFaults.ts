import { stat } from 'node:fs/promises';
import { runWroteNoLine } from './runWroteNoLine.js';
import type { RunManifest } from './score/runManifest.js';
import { digestOf, writtenFileFault } from './score/writtenFiles.js';

/**
 * Why `file` is not the output the run whose manifest sits beside it (`FILE.run.json`) wrote: the
 * bytes the run left (`status.files.output`, when recorded and no device), as many decision lines as
 * it recorded (`status.decisions`), and, for a run that recorded writing no line to it with no digest
 * to vouch for its bytes, no byte at all (score writes no blank line, so three blank lines there are
 * not the run's); empty when it is, or when the manifest records none of these (a run still running,
 * or killed). One rule for the three readers, `verify` (without `--manifest`), `report` and `monitor
 * --decisions`: each exits 3 for a fault here, and says it in {@link besideRunWarning}'s words.
 *
 * @param decisionLines decision lines the reader found in `file`, measured or not
 */
export async function besideRunFaults(file: string, manifest: RunManifest, decisionLines: number): Promise<string[]> {
  const faults: string[] = [];
  const recorded = manifest.status?.files?.output;
  if (recorded !== undefined && !('device' in recorded)) {
    const changed = writtenFileFault(await digestOf(file), recorded);
    if (changed !== undefined) faults.push(changed);
  } else if (recorded === undefined && runWroteNoLine(manifest)) {
    // Without a digest the count is all that checks the file, and 0 decision lines is also what a file
    // of blank lines counts (report and monitor took one, exit 0): only no byte is what the run left.
    const { size } = await stat(file);
    if (size > 0) faults.push(`it holds ${size.toLocaleString('en-US')} byte(s), the run recorded writing no line to it (score writes no blank line)`);
  }
  const decisions = manifest.status?.decisions;
  if (decisions !== undefined && decisions !== decisionLines)
    faults.push(`it holds ${decisionLines.toLocaleString('en-US')} decision(s), the run recorded ${decisions.toLocaleString('en-US')}`);
  return faults;
}

/** The sentence `verify`, `report` and `monitor` say the faults in. */
export function besideRunWarning(file: string, manifestPath: string, faults: readonly string[]): string {
  return `${file} is not the file the run wrote (by the run manifest beside it, ${manifestPath}): ${faults.join('; ')}; its figures are not the run's`;
}
