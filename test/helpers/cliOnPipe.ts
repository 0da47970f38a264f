import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandLineArgv } from './commandLineBundle.js';

/** What a spawned `creditlift` left: its exit code (null when killed) and its output. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

let inputs = 0;

/**
 * `creditlift ARGS` with `input` on its stdin through a real pipe (`cat FILE | creditlift`: Node's
 * own stdin for a child is a socket, which /dev/stdin cannot open), the input written to a file in
 * `work` first; killed after 60 s (code null) so a hang fails its test instead of the suite.
 */
export function runCliOnPipe(work: string, args: readonly string[], input: string | Buffer = ''): Promise<CliRun> {
  const source = join(work, `input-${inputs++}`);
  writeFileSync(source, input);
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', 'cat "$0" | exec "$@"', source, process.execPath, ...commandLineArgv(args), ...args], {
      timeout: 60_000,
      killSignal: 'SIGKILL',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => {
      rmSync(source, { force: true });
      resolve({ code, stdout, stderr });
    });
  });
}

/** The refusal every whole input read from a stream past its cap ends with. */
export const STREAM_CAP_MESSAGE =
  /12,582,912 bytes \(12 MiB\), the most creditlift reads whole from a stream; nothing of it was used: save it to a file and give the file/;
