import { createHash, randomUUID } from 'node:crypto';
import { link, open, readFile, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { fileIdentity } from './fileIdentity.js';
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

/** Why a file could not be taken: who holds it, or undefined when its content is unreadable. */
type Held = { readonly held: true; readonly owner: LockOwner | undefined };

/**
 * Takes the exclusive lock of a run's output: creates `OUT.lock` (failing if it exists) holding
 * this process's id and host. A lock whose process is gone (same host, no such pid: a run killed
 * with -9) is taken over, by exactly one of the runs that try at once; a live one, or one from
 * another host, refuses the run, so two runs can never write the same output.
 *
 * @throws RunRefusedError naming the run that holds the output
 */
export async function lockOutput(out: string): Promise<OutputLock> {
  const path = `${out}.lock`;
  // A nonce makes every hold's text unique, so a stale lock is known by its text even if its pid
  // has since been reused.
  const mine = `${JSON.stringify({ pid: process.pid, host: hostname(), nonce: randomUUID() })}\n`;
  const got = await takeFile(path, mine, 0);
  if ('held' in got) {
    const who =
      got.owner === undefined ? 'another run (its lock file is unreadable)' : `another creditlift score run (pid ${got.owner.pid} on ${got.owner.host})`;
    throw new RunRefusedError(`${out} is being written by ${who}; wait for it to finish, or delete ${path} if you are sure no run is writing`);
  }
  let released = false;
  holdUntilExit(path);
  return {
    path,
    tookOverFrom: got.tookOverFrom,
    async release() {
      if (released) return;
      released = true;
      held.delete(path);
      await rm(path, { force: true });
    },
  };
}

// Locks this process holds. A second Ctrl-C ends the process at once (process.exit), before any
// run's own release can run, so the 'exit' handler removes them: the process that held them is
// ending, and a --resume would only have to take them over with a note.
const held = new Set<string>();
let exitHookInstalled = false;

function holdUntilExit(path: string): void {
  held.add(path);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const p of held) rmSync(p, { force: true });
  });
}

/**
 * {@link lockOutput} for every file a run writes (its `--out` and its `--errors`), in order; a run
 * refused any of them releases those it took. Each file is locked under its own real name (links
 * resolved), so a file that is one run's errors and another's output, or one named through a link,
 * is held once whichever way it is named.
 *
 * @throws RunRefusedError naming the file and the run that holds it
 */
export async function lockOutputs(paths: readonly string[]): Promise<OutputLock[]> {
  const locks: OutputLock[] = [];
  try {
    // By the file each path names (links resolved), so two names for one file are one lock.
    for (const path of new Set(paths.map(fileIdentity))) locks.push(await lockOutput(path));
    return locks;
  } catch (e) {
    for (const lock of locks) await lock.release();
    throw e;
  }
}

// Markers of markers are made only when a run dies inside a takeover; past this many the files are
// left for a person to look at.
const MAX_TAKEOVER_DEPTH = 4;

/**
 * Creates `path` holding `text`, taking it over when it holds a dead process's text.
 *
 * Why a marker: reading the dead owner, removing the file and creating ours is three steps, and two
 * runs that both read the dead owner would each remove what the other had just created, and both
 * write. So removing a stale file is allowed only to the one run that creates the marker named
 * after that file's exact text (an exclusive create, atomic in the file system); under it the file
 * is read again and removed only if it still holds that text. A marker left by a run that died
 * mid-takeover is itself stale, and is taken over the same way (one level down).
 */
async function takeFile(path: string, text: string, depth: number): Promise<{ readonly tookOverFrom: number | undefined } | Held> {
  let tookOverFrom: number | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await createExclusive(path, text)) return { tookOverFrom };
    const seen = await readText(path);
    if (seen === undefined) continue; // removed between our create and our read: try again
    const owner = ownerOf(seen);
    if (owner === undefined || owner.host !== hostname() || isAlive(owner.pid) || depth >= MAX_TAKEOVER_DEPTH) return { held: true, owner };
    const marker = `${path}.takeover-${createHash('sha256').update(seen).digest('hex').slice(0, 16)}`;
    const claim = await takeFile(marker, text, depth + 1);
    // Another live run is taking this very file over: it is as good as held by that run.
    if ('held' in claim) return claim;
    try {
      if ((await readText(path)) === seen) {
        await rm(path, { force: true });
        tookOverFrom = owner.pid;
      }
      if (await createExclusive(path, text)) return { tookOverFrom };
    } finally {
      // Once the stale text is gone, no run can take the marker and find it again.
      await rm(marker, { force: true });
    }
  }
  const owner = ownerOf((await readText(path)) ?? '');
  return { held: true, owner };
}

/**
 * Creates `path` holding `text` unless it exists. Written beside it first and then hard-linked
 * into place, so no reader ever sees the file empty or half written (and takes it as unreadable).
 */
async function createExclusive(path: string, text: string): Promise<boolean> {
  const temp = `${path}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(temp, text);
  try {
    await link(temp, path);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // A file system without hard links: an exclusive create, which a reader may catch still empty.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') return createExclusiveOpen(path, text);
    throw e;
  } finally {
    await rm(temp, { force: true });
  }
}

async function createExclusiveOpen(path: string, text: string): Promise<boolean> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
  return true;
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function ownerOf(text: string): LockOwner | undefined {
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
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
