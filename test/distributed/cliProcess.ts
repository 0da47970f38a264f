import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { commandLineArgv } from '../helpers/commandLineBundle.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** A `creditlift` command running in its own Node process (the test run's bundle, or the sources through tsx). */
export interface CliProcess {
  readonly child: ChildProcess;
  /** Everything written to stdout / stderr so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or 128 + signal number when killed). */
  readonly exited: Promise<number>;
  /** Resolves once stdout matches. @throws after `ms` or when the process exits first */
  waitForStdout(pattern: RegExp, ms?: number): Promise<void>;
}

/**
 * Spawns `creditlift ARGS` as `node BUNDLE ARGS` (or `node --import tsx src/cli/bin.ts ARGS`: see
 * commandLineArgv): one process, so kill -9 hits it alone. `options.nodeArgs` go before the entry
 * (another preload), `options.env` over the environment.
 */
export function spawnCli(
  args: readonly string[],
  options: { readonly nodeArgs?: readonly string[]; readonly env?: Readonly<Record<string, string>> } = {},
): CliProcess {
  const child = spawn(process.execPath, [...commandLineArgv(args, options.nodeArgs), ...args], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0', ...options.env },
  });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString('utf8');
    for (const w of waiters) w();
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString('utf8');
  });
  const exited = new Promise<number>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve(code ?? 128 + (signal === 'SIGKILL' ? 9 : signal === 'SIGTERM' ? 15 : 2));
      for (const w of waiters) w();
    });
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForStdout(pattern, ms = 60_000) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${pattern} in stdout:\n${out}\nstderr:\n${err}`));
        }, ms);
        const check = () => {
          if (pattern.test(out)) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve();
          } else if (child.exitCode !== null || child.signalCode !== null) {
            clearTimeout(timer);
            waiters.delete(check);
            reject(new Error(`process exited before ${pattern} in stdout:\n${out}\nstderr:\n${err}`));
          }
        };
        waiters.add(check);
        check();
      });
    },
  };
}
