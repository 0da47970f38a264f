// A decimal number as text: sign, integer digits, fraction digits, exponent (JSON's grammar and the
// looser forms `+1`, `1.`, `.5` a CSV cell may hold).
const DECIMAL = /^[-+]?(\d*)(?:\.(\d*))?(?:[eE]([-+]?)(\d+))?$/;

// An exponent with more digits than this is beyond any shift a text of up to 2^53 characters needs.
const MAX_EXPONENT_DIGITS = 15;

/**
 * Whether a decimal number text writes a value that is not an integer while `Number(text)` (and
 * `JSON.parse`) gives one: `999999.99999999999` reads as 1000000, `2.0000000000000001` as 2,
 * `1e-400` as 0. Such a text cannot be held exactly by a double, and the rounding makes it pass an
 * integer check it fails as written, so a reader refuses it. Integers however written
 * (`650000.0`, `6.5e5`) and fractions whose double is still a fraction (`6.5`, `0.98`) are false.
 *
 * The written value is decided exactly from the digits and the exponent, never by float arithmetic.
 *
 * @param text a decimal number, `[-+]?(\d*)(\.\d*)?([eE][-+]?\d+)?`; other text is false
 * @example roundsToInteger('999999.99999999999') // true
 * @example roundsToInteger('650000.5') // false: a fraction the schema sees as one
 */
export function roundsToInteger(text: string): boolean {
  const m = DECIMAL.exec(text);
  if (m === null || !Number.isInteger(Number(text))) return false;
  return !writesInteger(m[1] as string, m[2] ?? '', m[3] === '-', m[4] ?? '0');
}

/** Whether `int.frac × 10^±exponent` is an integer. */
function writesInteger(int: string, frac: string, negative: boolean, exponent: string): boolean {
  const digits = int + frac;
  let last = digits.length - 1;
  while (last >= 0 && digits.charCodeAt(last) === 48 /* 0 */) last--;
  if (last < 0) return true; // zero
  // The value is D × 10^(exponent - frac.length + trailingZeros) with D not ending in 0: an integer
  // exactly when that power is not negative, i.e. exponent >= frac.length - trailingZeros.
  const needed = frac.length - (digits.length - 1 - last);
  const significant = exponent.replace(/^0+/, '');
  if (significant.length > MAX_EXPONENT_DIGITS) return !negative;
  const e = Number(significant === '' ? '0' : significant);
  return (negative ? -e : e) >= needed;
}
