import { FingerprintInterruptedError } from './fingerprintInterruptedError.js';

/**
 * A `--resume` run was stopped by a signal while it read what the output already answers (its
 * files, and the input to hold the kept answers to): before the run resumed, so nothing was decided
 * and no line taken out (an unfinished last line cut is said as it is cut). It read every byte
 * before it stopped (seconds for an output of some GiB). A {@link FingerprintInterruptedError}, so
 * every command that stops there says so the same way, with how far the read got.
 */
export class AnswersReadInterruptedError extends FingerprintInterruptedError {
  constructor(path: string, bytesRead: number, size: number, reading: 'output' | 'input') {
    super(path, bytesRead, size);
    this.name = 'AnswersReadInterruptedError';
    this.message = `interrupted while reading ${path} ${reading === 'output' ? 'for the answers it already holds' : 'to hold the answers kept to its records'} (${bytesRead.toLocaleString('en-US')} of ${size.toLocaleString('en-US')} bytes read)`;
  }
}
