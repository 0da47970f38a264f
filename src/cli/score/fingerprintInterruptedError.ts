import { terminalText } from '../../text/terminalText.js';

/**
 * The input's fingerprint (its SHA-256, read whole before the run begins) was stopped by a signal
 * before it was done: the run stops there, having begun nothing (no manifest, no decision).
 * Carries how far the hash got, so the message shows it stopped early. It waited for the whole
 * hash (seconds for a file of some GiB) before the run stopped.
 */
export class FingerprintInterruptedError extends Error {
  /** The file being fingerprinted. */
  readonly path: string;
  /** Bytes hashed when the signal stopped it. */
  readonly bytesRead: number;
  /** The file's size when it was opened. */
  readonly size: number;

  constructor(path: string, bytesRead: number, size: number) {
    super(`interrupted while fingerprinting ${path} (${bytesRead.toLocaleString('en-US')} of ${size.toLocaleString('en-US')} bytes hashed)`);
    this.name = 'FingerprintInterruptedError';
    this.path = path;
    this.bytesRead = bytesRead;
    this.size = size;
  }
}

/**
 * What a `score` run stopped while it fingerprinted its input says: nothing of it is on disk (no
 * manifest, no line; an output it created is removed), and a `--resume` run's manifest is left as
 * the run it continues left it. So the same command starts (or continues) it; a run started afresh
 * starts with `--resume` too (an output with no manifest and no lines is started afresh), as exit
 * 130 promises, but an `--overwrite` run with `--resume` would continue the run it meant to replace.
 */
export function fingerprintInterruptedMessage(e: FingerprintInterruptedError, run: { readonly resume: boolean; readonly overwrite: boolean }): string {
  const again = run.resume
    ? 'run the same command again to continue'
    : run.overwrite
      ? 'run the same command again'
      : 'the same command, with or without --resume, starts it';
  return `interrupted: ${terminalText(e.message)}, before the run began: nothing was decided or written; ${again}`;
}
