import { stat } from 'node:fs/promises';
import type { CliIo } from '../cliIo.js';
import { readResumeState, type ResumeState } from './resumeState.js';
import { readRunManifest, resumeMismatches, runManifestPath, type RunManifest } from './runManifest.js';
import { RunRefusedError } from './runRefusedError.js';
import type { ScoreArgs } from './scoreArgs.js';

/**
 * Checks `--resume` continues the very run that wrote the output (same input bytes, model,
 * policy and output-shaping options), then reads what it already answered. `score` and
 * `score --queue` both check here, against the manifest beside the output: a resume is refused the
 * same way whichever wrote it, and whatever a queue's Redis still holds.
 * @throws RunRefusedError naming every difference, or when the output has no manifest to check against
 */
export async function continueRun(args: ScoreArgs, now: RunManifest, io: CliIo): Promise<ResumeState | undefined> {
  const before = await readRunManifest(runManifestPath(args.out));
  if (before === undefined) {
    const written = (await sizeOf(args.out)) + (args.errors === args.out ? 0 : await sizeOf(args.errors));
    if (written === 0) return undefined;
    throw new RunRefusedError(
      `--resume: ${args.out} has no run manifest (${runManifestPath(args.out)}), so nothing shows it came from this input, model and policy; use --overwrite to start again`,
    );
  }
  const differences = resumeMismatches(before, now);
  if (differences.length > 0) {
    throw new RunRefusedError(
      `--resume would mix two runs in ${args.out}: ${differences.join('; ')}. Resume with the run's own --in, --model and --policy, or use --overwrite to start again`,
    );
  }
  const resumed = await readResumeState([args.out, args.errors]);
  for (const { path, bytes } of resumed.cut) io.stderr(`note: cut an unfinished last line (${bytes} bytes) from ${path} before resuming\n`);
  if (resumed.retried > 0) io.stderr(`note: deciding again ${resumed.retried} records a failed worker left undecided\n`);
  return resumed;
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}
