import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** What `creditlift score` cost over a stream (scoreCommandStream.mjs). */
export interface ScoreCommandStreamResult {
  /** Flags node ran dist/cli.js with (none: the command line's own heap policy). */
  readonly nodeFlags: readonly string[];
  readonly decisions: number;
  /** Peak resident set of the score process, MiB. */
  readonly peakRssMiB: number;
  /** CPU time of the score process (every thread), seconds. */
  readonly cpuSeconds: number;
  readonly decisionsPerCpuSecond: number;
  /** Wall time, writing the input file excluded. */
  readonly seconds: number;
}

/**
 * Runs `creditlift score` (the built dist/cli.js) over `total` synthetic applicants with what-if
 * suggestions off, in a child process of its own, and returns its peak RSS and CPU time.
 */
export function runScoreCommandInChild(total: number, nodeFlags: readonly string[] = []): Promise<ScoreCommandStreamResult> {
  const script = fileURLToPath(new URL('./scoreCommandStream.mjs', import.meta.url));
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [script, JSON.stringify({ total, nodeFlags })], { maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error !== null) {
        reject(new Error(`score command stream failed: ${stderr || error.message}`));
        return;
      }
      resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as ScoreCommandStreamResult);
    });
  });
}
