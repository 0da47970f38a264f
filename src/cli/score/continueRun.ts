import { stat } from 'node:fs/promises';
import type { CliIo } from '../cliIo.js';
import type { DecideRecords } from './batchDecider.js';
import { deviceKindOf } from '../../files/deviceKind.js';
import { keptAnswerCheck } from './keptAnswerCheck.js';
import { formatLineRanges } from './lineRanges.js';
import { readResumeState, type ResumeState } from './resumeState.js';
import { readRunManifest, resumeMismatches, runManifestPath, type WrittenRunManifest } from './runManifest.js';
import { RunManifestInvalidError } from './runManifestInvalidError.js';
import { RunRefusedError } from './runRefusedError.js';
import type { ScoreArgs } from './scoreArgs.js';

/**
 * Checks `--resume` continues the very run that wrote the output (same input bytes, model,
 * policy and output-shaping options), then reads what it already answered. `score` and
 * `score --queue` both check here, against the manifest beside the output: a resume is refused the
 * same way whichever wrote it, and whatever a queue's Redis still holds. Every answer line kept must
 * be this run's answer for its input line (see readResumeState): one that is not is taken out, named
 * on stderr, and its record decided again. `decide`: the run's decider, asked again for the records
 * an error line answers (without it, a `--queue` producer's, an error line is held to its input line only).
 * @throws RunRefusedError naming every difference, or when the output has no manifest to check against, or one that is not a manifest (naming every field at fault)
 * @throws AnswersReadInterruptedError when `io.signal` stopped the reading of the output (nothing taken out of it)
 */
export async function continueRun(args: ScoreArgs, now: WrittenRunManifest, io: CliIo, decide?: DecideRecords): Promise<ResumeState | undefined> {
  const before = await readRunManifest(runManifestPath(args.out)).catch((e: unknown) => {
    // As for no manifest: nothing shows what wrote the output, and a field guessed at could mix two runs.
    if (e instanceof RunManifestInvalidError)
      throw new RunRefusedError(
        `--resume: ${e.message}; so nothing shows ${args.out} came from this input, model and policy: put back the manifest the run wrote, or use --overwrite to start again`,
        { cause: e },
      );
    throw e;
  });
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
      `--resume would mix two runs in ${args.out}: ${differences.join('; ')}. Resume with the run's own --in, --model, --policy and --catalog, or use --overwrite to start again`,
    );
  }
  // Each kept line is held to this run: its seal and configuration, and the input record it answers.
  // A device (--errors /dev/null) is not read back: it kept no lines (and /dev/zero reads without end).
  const files = [args.out, ...(args.errors !== args.out && (await deviceKindOf(args.errors)) !== undefined ? [] : [args.errors])];
  // A signal stops the reading before any line is taken out (it read every byte first); a line cut
  // is said as it is cut, so a reading stopped after it still says so.
  const resumed = await readResumeState(files, before.status?.undecided?.lines, await keptAnswerCheck(args, now, decide), {
    ...(io.signal === undefined ? {} : { signal: io.signal }),
    onCut: ({ path, bytes }) => io.stderr(`note: cut an unfinished last line (${bytes} bytes) from ${path} before resuming\n`),
  });
  if (resumed.conflicts.length > 0) {
    const where = resumed.conflicts
      .slice(0, 5)
      .map((c) => `input line ${c.line} (${c.at.map((a) => `${a.path} line ${a.fileLine}`).join(', ')})`)
      .join('; ');
    throw new RunRefusedError(
      `--resume: the output answers ${resumed.conflicts.length === 1 ? 'an input line' : `${resumed.conflicts.length}${resumed.conflicts.length === 20 ? ' or more' : ''} input lines`} twice, with different answers, so which one holds cannot be told: ${where}. Delete the wrong answer line and resume again, or use --overwrite to start again`,
    );
  }
  for (const { path, fileLines } of resumed.unreadable)
    io.stderr(
      `note: took ${count(fileLines.count, 'line')} out of ${path} that ${fileLines.count === 1 ? 'is' : 'are'} no output line (${formatLineRanges(fileLines.ranges, fileLines.more)} of the file; a crash's NUL bytes, or damaged); the records ${fileLines.count === 1 ? 'it' : 'they'} answered are decided again\n`,
    );
  for (const { path, fileLines } of resumed.repeated)
    io.stderr(
      `note: took ${count(fileLines.count, 'line')} out of ${path} repeating, byte for byte, an answer already in the output (${formatLineRanges(fileLines.ranges, fileLines.more)} of the file)\n`,
    );
  for (const { path, lines, count: n } of resumed.foreign) {
    const named = lines.map((l) => `  - line ${l.fileLine} of the file (input line ${l.line}): ${l.why}\n`).join('');
    io.stderr(
      `note: took ${count(n, 'line')} out of ${path} that ${n === 1 ? 'is' : 'are'} not this run's answer for ${n === 1 ? 'its input line' : 'their input lines'}; the records are decided again${n > lines.length ? ` (the first ${lines.length} named)` : ''}:\n${named}`,
    );
  }
  if (resumed.retried > 0) io.stderr(`note: deciding again ${resumed.retried} records a failed worker left undecided\n`);
  const earlier = before.status?.undecided;
  if (earlier !== undefined && earlier.records > 0)
    io.stderr(
      `note: the earlier run left ${count(earlier.records, 'record')} undecided (${formatLineRanges(earlier.lines, earlier.moreRanges)}); a resume decides them\n`,
    );
  return resumed;
}

/**
 * Says, once a resumed run has read its input, which records it decided again because their answer
 * line was missing from the output though later lines were answered (removed, or lost in a damaged
 * line). Returns how many. `unreadErrors`: the run's `--errors` is a device, not read back, so the
 * records rejected into it are among them.
 */
export function noteMissingAnswers(resumed: ResumeState | undefined, io: CliIo, unreadErrors?: { readonly path: string; readonly device: string }): number {
  const missing = resumed?.missing();
  if (missing === undefined || missing.count === 0) return 0;
  if (unreadErrors !== undefined) {
    io.stderr(
      `note: decided again ${count(missing.count, 'record')} with no answer line in the output (${formatLineRanges(missing.ranges, missing.more)}): the records earlier runs rejected (--errors ${unreadErrors.path} is ${unreadErrors.device}, not read back), and any whose line was removed or damaged since\n`,
    );
    return missing.count;
  }
  io.stderr(
    `note: decided again ${count(missing.count, 'record')} whose answer line was missing from the output though later lines were answered (${formatLineRanges(missing.ranges, missing.more)}): removed or damaged since the run wrote ${missing.count === 1 ? 'it' : 'them'}\n`,
  );
  return missing.count;
}

function count(n: number, what: string): string {
  return `${n.toLocaleString('en-US')} ${what}${n === 1 ? '' : 's'}`;
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}
