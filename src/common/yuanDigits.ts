import { ValidationError } from '../errors/validationError.js';

/** How {@link yuanDigits} writes the fen: only when there are some (`12,345`), or always (`12,345.00`). */
export type CentsShown = 'when_present' | 'always';

/**
 * Integer fen as the yuan figure a person reads, exactly: `123456` -> `"1,234.56"`, `1234500` ->
 * `"12,345"` (`"12,345.00"` with `cents: 'always'`), `-5` -> `"-0.05"`. Yuan and fen are split in
 * integers (`fen % 100`, then an exact division of a multiple of 100): dividing by 100 in floating
 * point and rounding to two decimals put 9,007,199,254,740,991 fen at "90,071,992,547,409.9". An
 * integer past 2^53 - 1 is written as the double holds it (a sum that large is already not exact;
 * its caller says so), through BigInt.
 *
 * @throws ValidationError (subject `yuanDigits`, field `fen`) for anything but an integer number:
 *   a fraction of a fen, NaN or an infinity has no exact yuan text.
 */
export function yuanDigits(fen: number, cents: CentsShown = 'when_present'): string {
  if (typeof fen !== 'number' || !Number.isInteger(fen)) {
    throw new ValidationError('yuanDigits', [
      {
        path: ['fen'],
        code: 'invalid_type',
        message: 'expected whole fen (an integer)',
        expected: 'integer',
        received: typeof fen === 'number' ? (Number.isNaN(fen) ? 'NaN' : Number.isFinite(fen) ? 'non-integer number' : 'infinity') : typeof fen,
      },
    ]);
  }
  const abs = BigInt(Math.abs(fen));
  const part = abs % 100n;
  const grouped = String(abs / 100n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const tail = part === 0n && cents === 'when_present' ? '' : `.${String(part).padStart(2, '0')}`;
  return `${fen < 0 ? '-' : ''}${grouped}${tail}`;
}
