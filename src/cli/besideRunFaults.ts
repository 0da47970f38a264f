import type { RunManifest } from './score/runManifest.js';
import { digestOf, writtenFileFault } from './score/writtenFiles.js';

/**
 * Why `file` is not the output the run whose manifest sits beside it (`FILE.run.json`) wrote, by what
 * `report` holds it to: the bytes the run left (`status.files.output`, when recorded and no device)
 * and as many decision lines as it recorded (`status.decisions`); empty when it is, or when the
 * manifest records neither (a run still running, or killed). `verify` (without `--manifest`) and
 * `monitor --decisions` hold the file to the same, so a line removed from a finished run's output is
 * caught by all three: verify found every remaining line sealed (exit 0), and monitor measured it.
 *
 * @param decisionLines decision lines the reader found in `file`, measured or not
 */
export async function besideRunFaults(file: string, manifest: RunManifest, decisionLines: number): Promise<string[]> {
  const faults: string[] = [];
  const recorded = manifest.status?.files?.output;
  if (recorded !== undefined && !('device' in recorded)) {
    const changed = writtenFileFault(await digestOf(file), recorded);
    if (changed !== undefined) faults.push(changed);
  }
  const decisions = manifest.status?.decisions;
  if (decisions !== undefined && decisions !== decisionLines)
    faults.push(`it holds ${decisionLines.toLocaleString('en-US')} decision(s), the run recorded ${decisions.toLocaleString('en-US')}`);
  return faults;
}

/** The sentence `verify` and `monitor` say the faults in. */
export function besideRunWarning(file: string, manifestPath: string, faults: readonly string[]): string {
  return `${file} is not the file the run wrote (by the run manifest beside it, ${manifestPath}): ${faults.join('; ')}; its figures are not the run's`;
}
