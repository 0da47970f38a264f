import type { RunManifest } from './score/runManifest.js';

/**
 * Whether the run manifest beside an output records that its run ended having written no line to
 * it: no decision, and no error line there (none rejected, or each sent apart with `--errors`). Its
 * empty output is then as the run wrote it (an empty input, every record rejected to another
 * file), so `verify` and `report` both take it, exit 0. A run that has not recorded its end (still
 * running, killed) records no counts, and an empty file beside it stays "nothing found" (exit 3).
 * Before, report took any manifest recording 0 decisions (an empty file of a run that rejected two
 * records into it too), and verify none ("no decision found", exit 3, for an empty input's run).
 */
export function runWroteNoLine(manifest: RunManifest | undefined): boolean {
  const status = manifest?.status;
  if (status === undefined || status.state === 'running' || status.decisions === undefined) return false;
  if (status.decisions !== 0) return false;
  // Error lines go where --errors sent them: the output holds them only when it is that file too.
  if (manifest?.options.errors !== manifest?.options.out) return true;
  // A count not recorded is not 0.
  return status.rejected === 0 && (status.workerFailed ?? 0) === 0;
}
