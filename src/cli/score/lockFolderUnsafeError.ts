import { RunRefusedError } from './runRefusedError.js';

/**
 * A `score` run refused because its lock folder (`<tmp>/creditlift-locks-<uid>`) cannot be trusted:
 * the name is taken by something that is not a folder, the folder belongs to another user, or other
 * users may write in it (they could plant or remove locks). Exits 2 as any refused run; the message
 * names the folder, what is wrong with it and what to do.
 */
export class LockFolderUnsafeError extends RunRefusedError {
  /** The lock folder. */
  readonly folder: string;
  /** What is wrong with it, in words ("a plain file, not a folder"). */
  readonly problem: string;

  constructor(folder: string, problem: string) {
    super(
      `the lock folder ${folder} is ${problem}: creditlift keeps each user's output locks in a folder of their own that only they can open; remove it (or, if it is yours, make it a folder with chmod 700) and run again`,
    );
    this.name = 'LockFolderUnsafeError';
    this.folder = folder;
    this.problem = problem;
  }
}
