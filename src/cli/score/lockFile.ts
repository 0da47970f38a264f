import { createHash, randomUUID } from 'node:crypto';
import { closeSync, linkSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';

// Synchronous on purpose, every call here: a signal handler (a second Ctrl-C's process.exit) runs
// only between two turns of the event loop, so no exit can fall between a lock file's creation and
// the caller's next statement, which registers it for removal at exit (heldLocks.ts). Created
// asynchronously, a lock stood one file-system round trip unregistered, and an exit there left it
// behind: the next run was refused. The files are a few hundred bytes.

/**
 * The takeover marker of the lock file `path` while it holds `text`: the one file a run must create
 * before it removes that lock, whether it takes over a dead run's lock or removes its own.
 */
export function takeoverMarkerPath(path: string, text: string): string {
  return `${path}.takeover-${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
}

/**
 * Creates `path` holding `text` unless it exists; true when it was created. Written beside it
 * first and hard-linked into place, so no reader ever sees the file empty or half written (and takes
 * it as unreadable).
 */
export function createLockFile(path: string, text: string): boolean {
  const temp = `${path}.${process.pid}.${randomUUID()}.tmp`;
  try {
    // Readable by its owner only: a lock names the file being written.
    writeFileSync(temp, text, { mode: 0o600 });
  } catch (e) {
    // A full disk creates the file, then refuses its bytes: it must not stay behind.
    rmSync(temp, { force: true });
    throw e;
  }
  try {
    linkSync(temp, path);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // A file system without hard links: an exclusive create, which a reader may catch still empty.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') return createLockFileInPlace(path, text);
    throw e;
  } finally {
    rmSync(temp, { force: true });
  }
}

function createLockFileInPlace(path: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** The text of the lock file `path`, or undefined when there is none. */
export function readLockFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/**
 * What removing a lock file found: `removed`; `gone` (nothing there); `another` (it holds another
 * run's text now: the lock was deleted by hand, or taken over as one whose file was gone, and
 * another run holds it); `takeover` (a run is taking it over right now, or died doing so: its
 * marker exists; that run, or the next, removes it).
 */
export type LockRemoval = 'removed' | 'gone' | 'another' | 'takeover';

/**
 * Removes the lock file `path` if it still holds `text` (this run's own, unique by its nonce), and
 * nothing another run holds. Under the lock's takeover marker ({@link takeoverMarkerPath}): a run
 * taking the lock over reads it, removes it and creates its own under that same marker, so without
 * it this run could read its own text, then remove the lock that run had just put there.
 *
 * @throws the file system's error when the lock or its marker cannot be read, created or removed
 */
export function removeLockFile(path: string, text: string): LockRemoval {
  const seen = readLockFile(path);
  if (seen !== text) return seen === undefined ? 'gone' : 'another';
  const marker = takeoverMarkerPath(path, text);
  if (!createLockFile(marker, text)) return 'takeover';
  try {
    const now = readLockFile(path);
    if (now !== text) return now === undefined ? 'gone' : 'another';
    rmSync(path, { force: true });
    return 'removed';
  } finally {
    rmSync(marker, { force: true });
  }
}
