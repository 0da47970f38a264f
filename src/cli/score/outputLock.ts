import { randomUUID } from 'node:crypto';
import { lstat, mkdir, readFile, rm, stat } from 'node:fs/promises';
import { hostname, tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { deviceKindOf } from '../../files/deviceKind.js';
import { fileIdentity, realFilePath } from './fileIdentity.js';
import {
  createHeldLockFile,
  createHeldPlaceholder,
  type HeldLockFile,
  adoptPlaceholder,
  keepPlaceholder,
  lockLeftMessage,
  lockRemovalNote,
  removeHeldLockFile,
  removeHeldPlaceholder,
} from './heldLocks.js';
import { takeoverMarkerPath } from './lockFile.js';
import { LockFolderUnsafeError } from './lockFolderUnsafeError.js';
import { outputFileFailure } from './outputFileFailure.js';
import { processMark } from './processMark.js';
import { RunRefusedError } from './runRefusedError.js';

/** An exclusive hold on an output file; release it when the run ends. */
export interface OutputLock {
  /** The lock file (`OUT.lock`). */
  readonly path: string;
  /** Set when a lock left by a run that no longer exists was taken over. */
  readonly tookOverFrom: number | undefined;
  /** The output file it holds. */
  readonly output: string;
  /**
   * Removes the lock, unless another run holds it now: then resolves to a warning saying so (see
   * {@link lockRemovalNote}), and leaves it to that run.
   * @throws the file system's error when it cannot be removed
   */
  release(): Promise<string | undefined>;
  /**
   * Removes the file taking this lock created (it did not exist), if it is still empty: for a run
   * refused or failed before it wrote anything, so it leaves no empty output behind. A no-op for a
   * lock that created nothing. Until {@link keepCreated}, the process's exit does it too (a second
   * Ctrl-C), so no path out of a run that never began leaves the file.
   */
  discardCreated(): Promise<void>;
  /**
   * The run has begun (its manifest says so): the file taking this lock created is its output, kept
   * whatever happens next. A no-op for a lock that created nothing.
   */
  keepCreated(): void;
  /**
   * Holds the output, which exists, as if taking this lock had created it ({@link discardCreated},
   * {@link keepCreated} and the exit then treat it so): for an output a run killed before it began
   * left empty, whose lock this one took over (see leftPlaceholders.ts).
   */
  adoptCreated(): void;
}

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  /** The holder's {@link processMark} (absent from locks of creditlift 0.1.0). */
  readonly process?: string;
  /** The name the holder gave the file (identity locks only). */
  readonly file?: string;
}

/** Why a file could not be taken: who holds it, or undefined when its content is unreadable. */
type Held = { readonly held: true; readonly owner: LockOwner | undefined };

/**
 * Takes the exclusive lock of a run's output: creates `OUT.lock` (failing if it exists) holding
 * this process's id, mark ({@link processMark}) and host. A lock whose process is gone (same host,
 * no such pid, or this process's own pid without its mark: a run killed with -9, in a container the
 * pid 1 before this one) is taken over, by exactly one of the runs that try at once; a live one, or one from
 * another host, refuses the run, so two runs can never write the same output.
 *
 * @throws RunRefusedError naming the run that holds the output
 */
export async function lockOutput(out: string): Promise<OutputLock> {
  const path = `${out}.lock`;
  const got = await takeFile(path, lockText(), 0);
  if ('held' in got)
    throw new RunRefusedError(`${out} is being written by ${holder(got.owner)}; wait for it to finish, or delete ${path} if you are sure no run is writing`);
  return heldLock(got.file, got.tookOverFrom, out);
}

// A nonce makes every hold's text unique, so a stale lock is known by its text even if its pid
// has since been reused.
function lockText(file?: string): string {
  return `${JSON.stringify({ pid: process.pid, host: hostname(), process: processMark(), nonce: randomUUID(), ...(file === undefined ? {} : { file }) })}\n`;
}

function holder(owner: LockOwner | undefined): string {
  return owner === undefined ? 'another run (its lock file is unreadable)' : `another creditlift score run (pid ${owner.pid} on ${owner.host})`;
}

function heldLock(file: HeldLockFile, tookOverFrom: number | undefined, output: string, createdHere?: string): OutputLock {
  let released = false;
  let created = createdHere;
  return {
    path: file.path,
    tookOverFrom,
    output,
    async release() {
      if (released) return undefined;
      released = true;
      return lockRemovalNote(file.path, removeHeldLockFile(file));
    },
    async discardCreated() {
      if (created !== undefined) removeHeldPlaceholder(created);
    },
    keepCreated() {
      if (created !== undefined) keepPlaceholder(created);
    },
    adoptCreated() {
      created = output;
      adoptPlaceholder(output);
    },
  };
}

/**
 * Where the locks that hold files by what they are sit: one folder per user on the host
 * (`creditlift-locks-<uid>` in the system's temporary folder), since two names of one file may be in
 * any two folders. Not one shared by every user: anyone could take its name with a plain file (every
 * run then failed), plant a lock on another user's output that they could not delete, and read which
 * outputs everyone writes. So two users writing one file through two hard links are not held apart
 * by it (the lock beside the real file still holds the same name).
 */
function identityLockFolder(): string {
  const uid = process.getuid?.();
  return join(tmpdir(), `creditlift-locks-${uid ?? safeUserName()}`);
}

function safeUserName(): string {
  try {
    return userInfo().username.replace(/[^A-Za-z0-9._-]/g, '_');
  } catch {
    return 'user';
  }
}

/**
 * Takes the lock of the file `path` names by its device and inode, so a run naming it through a
 * hard link (which no path comparison sees) is refused as one naming it by its path is. The file is
 * created (empty) if it does not exist yet: a file has no inode before, and a link made to it later
 * must find it held.
 *
 * @throws RunRefusedError naming both names of the file and the run that holds it
 */
async function lockIdentity(path: string): Promise<OutputLock | undefined> {
  // The folder first: a run refused for it has created nothing.
  const folder = await openFolder(identityLockFolder());
  const created = createHeldPlaceholder(path);
  let got: Awaited<ReturnType<typeof takeFile>>;
  let s: Awaited<ReturnType<typeof statBig>>;
  let lockPath: string;
  try {
    s = await statBig(path);
    // lockOutputs passes no device; a path made one since (/dev/null linked in) still holds no lines to lose.
    if (!s.isFile()) return undefined;
    lockPath = join(folder, `${s.dev}-${s.ino}.lock`);
    const { dev, ino } = s;
    got = await takeFile(lockPath, lockText(realFilePath(path)), 0, (owner) => namesAnotherFile(owner, dev, ino)).catch((e: unknown) => {
      throw lockFolderFailure(folder, e);
    });
  } catch (e) {
    // Failed: a file created here to hold its inode is not left behind.
    if (created) removeHeldPlaceholder(path);
    throw e;
  }
  if ('held' in got) {
    // Refused: a file created here to hold its inode is not left behind.
    if (created) removeHeldPlaceholder(path);
    const other = got.owner?.file;
    // The holder named this very file: no other name to speak of (a lock by this name said "a hard link").
    const named =
      other === undefined ? 'a file, which is' : other === realFilePath(path) ? '' : `${other} (the same file under another name: a hard link), which is`;
    throw new RunRefusedError(
      `${path} is ${named === '' ? '' : `${named} `}being written by ${holder(got.owner)}; wait for it to finish, or delete ${lockPath} if you are sure no run is writing`,
    );
  }
  return heldLock(got.file, got.tookOverFrom, path, created ? path : undefined);
}

/**
 * A failure to write in the lock folder (a full or read-only temporary folder, one not permitted),
 * naming the folder and TMPDIR: it was a bare "ENOSPC: no space left on device, write". Other
 * errors are returned as they are.
 */
function lockFolderFailure(folder: string, e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (e instanceof RunRefusedError || typeof code !== 'string' || !code.startsWith('E')) return e;
  const message = `the temporary folder ${dirname(folder)} (TMPDIR, or the system's default) cannot hold this run's output locks (${folder}): ${(e as Error).message}; free space there or make it writable, or set TMPDIR to another folder, and run again`;
  return Object.assign(new Error(message, { cause: e }), { code });
}

function statBig(path: string) {
  return stat(path, { bigint: true });
}

/**
 * Makes the user's lock folder (mode 0700) unless it exists, and checks what is there: a folder
 * (not a link to one) of this user's that no one else may open. Anything else refuses the run:
 * a lock in a folder others can write is no lock. Returns the folder.
 *
 * @throws LockFolderUnsafeError naming the folder and what is wrong with it
 */
async function openFolder(folder: string): Promise<string> {
  try {
    await mkdir(folder, { mode: 0o700 });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // The temporary folder itself missing or not a folder (TMPDIR set to a path not made yet): said
    // so by name, where a raw ENOENT failed every run. Not created: where temporary files go is the
    // user's to choose.
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new RunRefusedError(
        `the temporary folder ${dirname(folder)} (TMPDIR, or the system's default) does not exist or is not a folder: creditlift keeps each user's output locks under it; create it, or set TMPDIR to an existing folder, and run again`,
      );
    if (code !== 'EEXIST') throw lockFolderFailure(folder, e);
  }
  const s = await lstat(folder);
  const uid = process.getuid?.();
  if (s.isSymbolicLink()) throw new LockFolderUnsafeError(folder, 'a symbolic link, not a folder');
  if (!s.isDirectory()) throw new LockFolderUnsafeError(folder, 'a plain file (or another thing), not a folder');
  // Windows has no uid or mode bits to check; its temporary folder is the user's own.
  if (uid !== undefined && s.uid !== uid) throw new LockFolderUnsafeError(folder, `owned by another user (uid ${s.uid}, not ${uid})`);
  if (uid !== undefined && (s.mode & 0o077) !== 0)
    throw new LockFolderUnsafeError(folder, `open to other users (mode ${(s.mode & 0o7777).toString(8)}, not 700)`);
  return folder;
}

/**
 * Where {@link lockOutputs} puts the lock of the file `path` names, beside its real file: a file a run
 * writes, so no other output of the run may be it.
 */
export function lockPathOf(path: string): string {
  return `${realFilePath(path)}.lock`;
}

/**
 * {@link lockOutput} for every file a run writes (its `--out` and its `--errors`), in order; a run
 * refused any of them releases those it took (saying on `say` what {@link releaseLocks} says).
 * Each file is locked twice: under its own real name (symbolic links resolved; seen by runs on
 * other hosts sharing the folder), and by its device and inode in {@link identityLockFolder} (seen
 * by runs on this host, whatever name they give the file, hard links included). So a file that is one run's errors and another's output, or one named
 * through any link, is held once whichever way it is named. A file that does not exist is created
 * empty, so it has an inode to hold. A device (/dev/null, /dev/full) is not locked: it holds no
 * lines a second run could mix, and a lock beside it would be a file in /dev, which only root may
 * create (every other user's run failed with a raw EACCES).
 *
 * `options` names each path as the command line does (`--out`, `--errors`), for the error of a file
 * that cannot be made (its folder missing, read-only, full).
 *
 * @throws RunRefusedError naming the file and the run that holds it
 * @throws an error naming the option and the file (the file system's `code` kept) when its lock cannot be created
 */
export async function lockOutputs(
  paths: readonly string[],
  say: (text: string) => void = (text) => process.stderr.write(text),
  options: readonly string[] = ['--out', '--errors'],
): Promise<OutputLock[]> {
  const locks: OutputLock[] = [];
  try {
    // By the file each path names (symbolic and hard links alike), so two names for one file are one lock.
    const files = new Map<string, { path: string; option: string }>();
    for (const [i, path] of paths.entries()) if (!files.has(fileIdentity(path))) files.set(fileIdentity(path), { path, option: options[i] ?? `file ${i + 1}` });
    for (const { path, option } of files.values()) {
      if ((await deviceKindOf(path)) !== undefined) continue;
      // Beside the real file (its folder's links resolved), as a run on another host sees it too;
      // the first file the run makes in the output's folder, so the one to say why it cannot.
      locks.push(
        await lockOutput(realFilePath(path)).catch((e: unknown) => {
          throw outputFileFailure(option, path, e);
        }),
      );
      // and by device and inode on this host, which every hard link shares.
      const byIdentity = await lockIdentity(path);
      if (byIdentity !== undefined) locks.push(byIdentity);
    }
    return locks;
  } catch (e) {
    for (const lock of locks) await lock.discardCreated();
    await releaseLocks(locks, say);
    throw e;
  }
}

/**
 * Releases every lock of a run; one that cannot be removed (its folder made read-only mid-run), or
 * that another run holds now (never removed), is named on `say` with what to do, and the others are
 * still released. Never throws: a run that has ended is not failed by a lock file it leaves, which
 * the next run takes over.
 */
export async function releaseLocks(locks: OutputLock[], say: (text: string) => void): Promise<void> {
  for (const lock of locks.splice(0)) {
    const note = await lock.release().catch((e: unknown) => lockLeftMessage(lock.path, e));
    if (note !== undefined) say(`${note}\n`);
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
/**
 * True when an identity lock's holder named a file that is gone or is now another file: the file
 * it locked was deleted and the system gave its inode to a new one (temporary folders reuse inodes
 * at once), so the lock, though its process lives on (a service, a test runner that ran many runs),
 * holds nothing this run could share. A file still being written is open, so its inode is not
 * reused; only a run whose output was deleted under it, with a hard link made to it before, is
 * taken over by this, and that output was lost already.
 */
async function namesAnotherFile(owner: LockOwner, dev: bigint, ino: bigint): Promise<boolean> {
  if (owner.file === undefined) return false;
  const now = await stat(owner.file, { bigint: true }).catch(() => undefined);
  return now === undefined || now.dev !== dev || now.ino !== ino;
}

async function takeFile(
  path: string,
  text: string,
  depth: number,
  staleWhileAlive?: (owner: LockOwner) => Promise<boolean>,
): Promise<{ readonly file: HeldLockFile; readonly tookOverFrom: number | undefined } | Held> {
  let tookOverFrom: number | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const mine = createHeldLockFile(path, text);
    if (mine !== undefined) return { file: mine, tookOverFrom };
    const seen = await readText(path);
    if (seen === undefined) continue; // removed between our create and our read: try again
    const owner = ownerOf(seen);
    const aboutAnotherFile = owner !== undefined && staleWhileAlive !== undefined && (await staleWhileAlive(owner));
    const live = owner !== undefined && isLive(owner) && !aboutAnotherFile;
    if (owner === undefined || owner.host !== hostname() || live || depth >= MAX_TAKEOVER_DEPTH) return { held: true, owner };
    const claim = await takeFile(takeoverMarkerPath(path, seen), text, depth + 1);
    // Another live run is taking this very file over: it is as good as held by that run.
    if ('held' in claim) return claim;
    try {
      if ((await readText(path)) === seen) {
        await rm(path, { force: true });
        // A lock that named another file (deleted, its inode given to this one) held nothing of this
        // file: no run of this file is taken over. Counted as one, a dead run's lock of a deleted
        // temporary file made the run say of the empty output it had just created "run N created it
        // to lock it and was killed before it began" (seen in CI, inodes reused in /tmp).
        if (!aboutAnotherFile) tookOverFrom = owner.pid;
      }
      const taken = createHeldLockFile(path, text);
      if (taken !== undefined) return { file: taken, tookOverFrom };
    } finally {
      // Once the stale text is gone, no run can take the marker and find it again. (A marker is
      // never another run's while this one lives, so what the removal found needs no word.)
      removeHeldLockFile(claim.file);
    }
  }
  const owner = ownerOf((await readText(path)) ?? '');
  return { held: true, owner };
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
    if (typeof o.pid !== 'number' || typeof o.host !== 'string') return undefined;
    return {
      pid: o.pid,
      host: o.host,
      ...(typeof o.process === 'string' ? { process: o.process } : {}),
      ...(typeof o.file === 'string' ? { file: o.file } : {}),
    };
  } catch {
    return undefined;
  }
}

/**
 * Whether the process that wrote a lock of this host still runs. A lock naming this process's own
 * pid is this process's only if it carries this process's mark: otherwise an earlier process had
 * the pid (in a container, the pid 1 a kill -9 ended before this pid 1 started), and it is gone.
 */
function isLive(owner: LockOwner): boolean {
  if (owner.pid === process.pid) return owner.process === processMark();
  return isAlive(owner.pid);
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
