/**
 * How a number is written on the command line: plain decimal digits, one way per value. `Number()`
 * reads far more (`0x10` as 16, `1e1` as 10, `' 16 '` and `''` as 16 and 0, `Infinity`), and
 * `--rounds 0x10` trained 16 rounds without a word; those texts are refused, each with its reason.
 */

/** A whole number: `0`, or digits without a leading zero (`010` is octal 8 to C and to shells). */
export const WHOLE_NUMBER_TEXT = /^(?:0|[1-9][0-9]*)$/;

/** A decimal number: a whole number, then optionally a point and at least one digit (`0.05`, `1`, `2.50`). */
export const DECIMAL_NUMBER_TEXT = /^(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;

/** Which numbers an option takes: whole numbers only, or decimal fractions too. */
export type NumberTextKind = 'whole' | 'decimal';

/**
 * Why `text` is not a number as the command line writes one of `kind`, in words for the message
 * (`'hexadecimal is not read'`); undefined when it is written so. The range is checked apart.
 */
export function numberTextFault(text: string, kind: NumberTextKind): string | undefined {
  if ((kind === 'whole' ? WHOLE_NUMBER_TEXT : DECIMAL_NUMBER_TEXT).test(text)) return undefined;
  if (text === '') return 'it is empty';
  if (text.trim() !== text) return 'spaces around it are not read';
  const unsigned = text.replace(/^[+-]/, '');
  if (unsigned !== text) return 'a sign is not read';
  if (/^0[xob]/i.test(unsigned)) return 'hexadecimal, octal and binary are not read';
  if (/^(?:inf(?:inity)?|nan)$/i.test(unsigned)) return 'it is not a finite number';
  if (/^[0-9.]+e/i.test(unsigned)) return 'exponents are not read';
  if (/^[0-9]*\.[0-9]*$/.test(unsigned) && kind === 'whole') return 'it is not a whole number';
  if (/^0[0-9]/.test(unsigned)) return 'leading zeros are not read (010 is octal 8 to some tools)';
  if (/^\.[0-9]+$|^[0-9]+\.$/.test(unsigned)) return 'write a digit on each side of the point (0.5)';
  return 'it is not a number written in decimal digits';
}
