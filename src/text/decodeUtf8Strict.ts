import { CreditliftError } from '../errors/creditliftError.js';
import { createUtf8Decoder } from './utf8Decoder.js';

/**
 * Decodes a whole file's bytes as UTF-8, refusing any byte that is not: a silently replaced byte
 * would change a value (an id, a category) without anyone knowing.
 *
 * @throws CreditliftError `data_invalid` naming `what` and the offset of the first invalid byte
 * @example decodeUtf8Strict(readFileSync('loans.csv'), 'loans.csv')
 */
export function decodeUtf8Strict(bytes: Uint8Array, what: string): string {
  const decoder = createUtf8Decoder();
  const head = decoder.write(bytes);
  const tail = decoder.end();
  const bad = head.invalid[0] ?? tail.invalid[0];
  if (bad !== undefined) {
    const count = head.invalid.length + tail.invalid.length;
    throw new CreditliftError(
      'data_invalid',
      `${what} is not UTF-8: invalid byte at offset ${bad.byteOffset}${count > 1 ? ` (${count} invalid bytes in all)` : ''}`,
    );
  }
  return head.text + tail.text;
}
