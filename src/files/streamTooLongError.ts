import { CreditliftError } from '../errors/creditliftError.js';
import { addBrand, BRAND_NAME } from '../errors/errorBrand.js';

/**
 * A stream (a pipe, standard input, a device such as /dev/zero) that gave more bytes than creditlift
 * takes in one piece: code `data_invalid`, the message naming what was read and the cap. `problem`
 * is the message without its subject, for a caller that names the option its own way.
 *
 * @example
 * // --policy /dev/zero is a character device that gave more than 12,582,912 bytes (12 MiB), ...
 */
export class StreamTooLongError extends CreditliftError {
  /** The brand this class's instances carry (`instanceof` across package copies). */
  static override readonly [BRAND_NAME]: string = 'StreamTooLongError';

  /** What was read, after "is": `a character device that gave more than 12,582,912 bytes (12 MiB), ...`. */
  readonly problem: string;
  /** The cap it passed, in bytes. */
  readonly limit: number;

  constructor(subject: string, kind: string, limit: number) {
    const problem = `${kind} that gave more than ${limit.toLocaleString('en-US')} bytes (${(limit / (1024 * 1024)).toLocaleString('en-US')} MiB), the most creditlift reads whole from a stream; nothing of it was used: save it to a file and give the file`;
    super('data_invalid', `${subject} is ${problem}`);
    this.name = 'StreamTooLongError';
    this.problem = problem;
    this.limit = limit;
    addBrand(this, 'StreamTooLongError');
  }
}
