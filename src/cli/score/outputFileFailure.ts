import { RunRefusedError } from './runRefusedError.js';

/**
 * A failure to create an output's lock beside it (`OUT.lock`, the first file a run makes in the
 * output's folder), said of the output and its option: its folder missing or a plain file, not
 * writable, full. Node's error named only the lock's temporary file (`OUT.lock.PID.UUID.tmp`), which
 * the user never gave. Its `code` is kept, so the command line reports a file-system failure (exit 1).
 * Refusals (another run holds the output) and errors without a file-system code pass as they are.
 */
export function outputFileFailure(option: string, path: string, e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (e instanceof RunRefusedError || typeof code !== 'string' || !code.startsWith('E')) return e;
  // The code alone: Node's message names the lock's temporary file, a name of no use to the user.
  const message = `${option} ${path} could not be written: ${why(code)} (${code}); ${remedy(code)}, and run the same command again`;
  return Object.assign(new Error(message, { cause: e }), { code });
}

function why(code: string): string {
  if (code === 'ENOENT') return 'its folder does not exist';
  if (code === 'ENOTDIR') return 'its folder is not a folder';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'its folder cannot be written';
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG') return 'no space is left where it is';
  return 'its lock file could not be created beside it';
}

function remedy(code: string): string {
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'create the folder, or name a file in a folder that exists';
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG') return 'free space there';
  return 'make its folder writable, or name a file in a folder you can write';
}
