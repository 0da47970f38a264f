import { closeSync, openSync, rmSync, statSync } from 'node:fs';
import { createLockFile, type LockRemoval, removeLockFile } from './lockFile.js';

/** A lock file this process created, with the exact text it wrote there (unique to this hold). */
export interface HeldLockFile {
  readonly path: string;
  readonly text: string;
}

// Locks this process holds. A second Ctrl-C ends the process at once (process.exit), before any
// run's own release can run, so the 'exit' handler removes them: the process that held them is
// ending, and a --resume would only have to take them over with a note.
const held = new Set<HeldLockFile>();
// Outputs this process created empty to lock them (a file has no inode to hold before), no run's
// output yet. A second Ctrl-C while the input was fingerprinted left one behind, and a rerun took
// the unexplained empty file for an output as any other: they go at exit as the locks do, first
// (the locks keep another run off them until they are gone).
const placeholders = new Set<string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => removeHeldLocks((said) => process.stderr.write(said)));
}

/**
 * Creates the lock file `path` holding `text` unless it exists, and marks it this process's, to be
 * removed when the process exits if the run does not release it. Both in one synchronous step, so
 * at no moment does a lock of this process exist that the exit hook does not know of. Undefined
 * when `path` exists.
 *
 * @throws the file system's error when it cannot be created
 */
export function createHeldLockFile(path: string, text: string): HeldLockFile | undefined {
  installExitHook();
  if (!createLockFile(path, text)) return undefined;
  const lock = { path, text };
  held.add(lock);
  return lock;
}

/**
 * Removes a lock this process holds (only while it still holds this process's text: never another
 * run's) and lets it go; what was found ({@link LockRemoval}) says whether another run has it now.
 *
 * @throws the file system's error when it cannot be removed (it is let go all the same: the exit
 * hook would fail on it too)
 */
export function removeHeldLockFile(lock: HeldLockFile): LockRemoval {
  held.delete(lock);
  return removeLockFile(lock.path, lock.text);
}

/**
 * Creates the output `path` empty unless it exists, and marks it to be removed when the process
 * exits (if still empty) unless {@link keepPlaceholder} claims it first. Synchronous, as
 * {@link createHeldLockFile} is: no exit falls between the creation and the mark. False when `path`
 * exists.
 *
 * @throws the file system's error when it cannot be created
 */
export function createHeldPlaceholder(path: string): boolean {
  installExitHook();
  try {
    closeSync(openSync(path, 'wx'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  placeholders.add(path);
  return true;
}

/**
 * Marks the output `path`, which exists, as {@link createHeldPlaceholder} marks one it creates: a
 * run killed before it began created it to lock it, and this run, having taken over that run's
 * lock, holds it as its own placeholder (removed at exit if still empty, unless kept).
 */
export function adoptPlaceholder(path: string): void {
  installExitHook();
  placeholders.add(path);
}

/** The run has begun writing `path` (its manifest says so): it is the run's output now, kept at exit. */
export function keepPlaceholder(path: string): void {
  placeholders.delete(path);
}

/**
 * Removes the output `path` created by {@link createHeldPlaceholder} if it is still empty (a file
 * with bytes is someone's), and lets it go.
 *
 * @throws the file system's error when it cannot be removed (it is let go all the same)
 */
export function removeHeldPlaceholder(path: string): void {
  if (!placeholders.delete(path)) return;
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return;
  }
  if (size === 0) rmSync(path, { force: true });
}

/** The outputs this process created to lock them and no run has claimed: for tests. */
export function heldPlaceholders(): readonly string[] {
  return [...placeholders];
}

/** The lock files this process holds now: for tests. */
export function heldLockFiles(): readonly HeldLockFile[] {
  return [...held];
}

/**
 * Removes every output still held empty for a run that never began ({@link createHeldPlaceholder}),
 * then every lock file still held, as the process exits. Never throws: an exception in an 'exit'
 * handler ended the process with Node's crash dump ("fatal: Error: EACCES ... unlink"), after the
 * run had already said how it ended. A lock that cannot be removed (its folder made read-only), or
 * that another run holds now, or an output that cannot be removed, is named on `say`, with what to do.
 */
export function removeHeldLocks(say: (text: string) => void): void {
  for (const path of [...placeholders]) {
    try {
      removeHeldPlaceholder(path);
    } catch (e) {
      tell(say, placeholderLeftMessage(path, e));
    }
  }
  for (const lock of [...held]) {
    let note: string | undefined;
    try {
      note = lockRemovalNote(lock.path, removeHeldLockFile(lock));
    } catch (e) {
      note = lockLeftMessage(lock.path, e);
    }
    if (note !== undefined) tell(say, note);
  }
}

function tell(say: (text: string) => void, note: string): void {
  try {
    say(`${note}\n`);
  } catch {
    // stderr itself gone: nothing is left to tell.
  }
}

/** The warning for an output created empty to lock it that could not be removed as the process ended. */
export function placeholderLeftMessage(path: string, e: unknown): string {
  return `warning: ${path} was created empty to lock it and could not be removed (${e instanceof Error ? e.message : String(e)}): no run wrote it; delete it`;
}

/**
 * The warning for a lock file this run could not remove, naming it, why, and what to do.
 */
export function lockLeftMessage(path: string, e: unknown): string {
  return `warning: the lock file ${path} could not be removed (${e instanceof Error ? e.message : String(e)}): no run holds it now; delete it, or leave it (the next run takes over a lock whose process has ended, with a note)`;
}

/**
 * What to say of a lock this run left because another run has it ({@link LockRemoval}); undefined
 * when there is nothing to say (removed, or already gone: nothing is left behind).
 */
export function lockRemovalNote(path: string, removal: LockRemoval): string | undefined {
  if (removal === 'another')
    return `warning: the lock file ${path} holds another run's lock now, not this run's (it was deleted while this run held it, or taken over as the lock of a file since deleted): left to that run; if both wrote the same file, check it`;
  if (removal === 'takeover')
    return `note: the lock file ${path} is being taken over by another run (its takeover marker exists): left for that run to remove, or, if it has ended too, for the next run to take over`;
  return undefined;
}
