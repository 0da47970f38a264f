import { rmSync } from 'node:fs';

// Locks this process holds. A second Ctrl-C ends the process at once (process.exit), before any
// run's own release can run, so the 'exit' handler removes them: the process that held them is
// ending, and a --resume would only have to take them over with a note.
const held = new Set<string>();
let exitHookInstalled = false;

/** Marks the lock file `path` as this process's, to be removed when the process exits if the run did not release it. */
export function holdUntilExit(path: string): void {
  held.add(path);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => removeHeldLocks((text) => process.stderr.write(text)));
}

/** The run released the lock itself (or tried to, and said so): the exit hook leaves it. */
export function letGo(path: string): void {
  held.delete(path);
}

/**
 * Removes every lock file still held, as the process exits. Never throws: an exception in an 'exit'
 * handler ended the process with Node's crash dump ("fatal: Error: EACCES ... unlink"), after the
 * run had already said how it ended. A lock that cannot be removed (its folder made read-only) is
 * named on `say`, with what to do; it is harmless, since a later run takes over a lock whose process
 * is gone.
 */
export function removeHeldLocks(say: (text: string) => void): void {
  for (const path of [...held]) {
    held.delete(path);
    try {
      rmSync(path, { force: true });
    } catch (e) {
      try {
        say(`${lockLeftMessage(path, e)}\n`);
      } catch {
        // stderr itself gone: nothing is left to tell.
      }
    }
  }
}

/**
 * The warning for a lock file this run could not remove, naming it, why, and what to do.
 */
export function lockLeftMessage(path: string, e: unknown): string {
  return `warning: the lock file ${path} could not be removed (${e instanceof Error ? e.message : String(e)}): no run holds it now; delete it, or leave it (the next run takes over a lock whose process has ended, with a note)`;
}
