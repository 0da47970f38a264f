import { UsageError } from './commandIo.js';
import { numberTextFault } from './numberTextFault.js';

/** The values a decimal option takes: whole-number bounds, each included unless said open; no `max` is no upper bound. */
export interface DecimalRange {
  readonly min: number;
  readonly minOpen?: boolean;
  readonly max?: number;
  readonly maxOpen?: boolean;
}

/** `(0, 1]`, `[0, 1)`, `>= 0`: the range as the message writes it. */
export function describeDecimalRange(r: DecimalRange): string {
  if (r.max === undefined) return `${r.minOpen === true ? '>' : '>='} ${r.min}`;
  return `${r.minOpen === true ? '(' : '['}${r.min}, ${r.max}${r.maxOpen === true ? ')' : ']'}`;
}

/**
 * A decimal-number option within `range`, or undefined when absent. Written in decimal digits with
 * at most one point (`0.05`, `1`, `2.50`; see numberTextFault): `5e-2`, `0x1`, `.5`, `' 0.5'`, `''`
 * and `Infinity` are refused. The bounds are compared with the text as written, so
 * `1.00000000000000001` is above 1 (a double reads it as 1 exactly), and with the number read, so a
 * text a double rounds onto a bound or past every finite number is refused too.
 *
 * @throws UsageError naming the option, the range, the text given and what is wrong with it
 * @example
 * decimalOption(values['learning-rate'], 'learning-rate', { min: 0, minOpen: true, max: 1 }) // (0, 1]
 */
export function decimalOption(raw: string | undefined, name: string, range: DecimalRange): number | undefined {
  if (raw === undefined) return undefined;
  const refuse = (why?: string): never => {
    throw new UsageError(
      `--${name} expects a number ${describeDecimalRange(range)} written in decimal digits (like 0.05), got "${raw}"${why === undefined ? '' : ` (${why})`}`,
    );
  };
  const fault = numberTextFault(raw, 'decimal');
  if (fault !== undefined) return refuse(fault);
  if (!within(range, (bound) => compareWithWhole(raw, bound))) return refuse();
  const x = Number(raw);
  if (!Number.isFinite(x) || !within(range, (bound) => Math.sign(x - bound))) return refuse(`it rounds to ${x} as a double`);
  return x;
}

/** Whether a value lies in `range`, given how it compares (-1, 0, 1) with each bound. */
function within(range: DecimalRange, compare: (bound: number) => number): boolean {
  const low = compare(range.min);
  if (low < 0 || (low === 0 && range.minOpen === true)) return false;
  if (range.max === undefined) return true;
  const high = compare(range.max);
  return high < 0 || (high === 0 && range.maxOpen !== true);
}

/** -1, 0 or 1 as the decimal text (of DECIMAL_NUMBER_TEXT) is below, equal to or above the whole number `bound`, exactly. */
function compareWithWhole(text: string, bound: number): number {
  const [whole = '0', fraction = ''] = text.split('.');
  const w = BigInt(whole);
  const b = BigInt(bound);
  if (w !== b) return w < b ? -1 : 1;
  return /[1-9]/.test(fraction) ? 1 : 0;
}
