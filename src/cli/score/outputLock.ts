import { hostname } from 'node:os';
import { open, readFile, rm } from 'node:fs/promises';
import { RunRefusedError } from './runRefusedError.js';

/** An exclusive hold on an output file; release it when the run ends. */
export interface OutputLock {
  /** The lock file (`OUT.lock`). */
  readonly path: string;
  /** Set when a lock left by a run that no longer exists was taken over. */
  readonly tookOverFrom: number | undefined;
  release(): Promise<void>;
}

interface LockOwner {
  readonly pid: number;
  readonly host: string;
}

/**
 * Takes the exclusive lock of a run's output: creates `OUT.lock` (failing if it exists) holding
 * this process's id and host. A lock whose process is gone (same host, no such pid: a run killed
 * with -9) is taken over; a live one, or one from another host, refuses the run, so two runs can
 * never write the same output.
 *
 * @throws RunRefusedError naming the run that holds the output
 */
export async function lockOutput(out: string): Promise<OutputLock> {
  const path = `${out}.lock`;
  const me: LockOwner = { pid: process.pid, host: hostname() };
  let tookOverFrom: number | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(`${JSON.stringify(me)}\n`);
      await handle.close();
      let released = false;
      return {
        path,
        tookOverFrom,
        async release() {
          if (released) return;
          released = true;
          await rm(path, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const owner = await readOwner(path);
    if (owner !== undefined && owner.host === me.host && !isAlive(owner.pid)) {
      tookOverFrom = owner.pid;
      await rm(path, { force: true });
      continue;
    }
    const who = owner === undefined ? 'another run (its lock file is unreadable)' : `another creditlift score run (pid ${owner.pid} on ${owner.host})`;
    throw new RunRefusedError(`${out} is being written by ${who}; wait for it to finish, or delete ${path} if you are sure no run is writing`);
  }
  throw new RunRefusedError(`${out}: could not take ${path}; another run keeps taking it`);
}

async function readOwner(path: string): Promise<LockOwner | undefined> {
  try {
    const o = JSON.parse(await readFile(path, 'utf8')) as Partial<LockOwner>;
    return typeof o.pid === 'number' && typeof o.host === 'string' ? { pid: o.pid, host: o.host } : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
