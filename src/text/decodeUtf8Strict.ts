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
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) throw new CreditliftError('data_invalid', `${what} is not UTF-8: ${decoded.problem}`);
  return decoded.text;
}

/**
 * Bytes decoded as UTF-8, or where they are not: for a caller that names the source its own way
 * (an option's file is refused as the option's, not as the applicant's data).
 *
 * @example decodeUtf8(Buffer.from([0x7b, 0xd5])) // { ok: false, problem: 'invalid byte at offset 1' }
 */
export function decodeUtf8(bytes: Uint8Array): { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: string } {
  const decoder = createUtf8Decoder();
  const head = decoder.write(bytes);
  const tail = decoder.end();
  const bad = head.invalid[0] ?? tail.invalid[0];
  if (bad === undefined) return { ok: true, text: head.text + tail.text };
  const count = head.invalid.length + tail.invalid.length;
  return { ok: false, problem: `invalid byte at offset ${bad.byteOffset}${count > 1 ? ` (${count} invalid bytes in all)` : ''}` };
}
