import { UsageError } from './commandIo.js';
import { numberTextFault } from './numberTextFault.js';

/**
 * A whole-number option within [min, max] (min 1 unless given), or `fallback` when absent. Written
 * in decimal digits only (see numberTextFault): `0x10`, `1e1`, `' 16'`, `''`, `16.0` and `016` are
 * refused, not read as 16, 10, 16, 0, 16 and 16.
 *
 * @throws UsageError naming the option, the range, the text given and what is wrong with it
 * @example
 * intOption(values.batch, 'batch', 256, 65_536) // 256 when --batch is absent
 */
export function intOption(raw: string | undefined, name: string, fallback: number, max: number, min = 1): number {
  if (raw === undefined) return fallback;
  const fault = numberTextFault(raw, 'whole');
  // Compared as written (BigInt), so a text of many digits is out of range, never rounded into it.
  if (fault !== undefined || BigInt(raw) < BigInt(min) || BigInt(raw) > BigInt(max))
    throw new UsageError(`--${name} expects a whole number in [${min}, ${max}] written in digits, got "${raw}"${fault === undefined ? '' : ` (${fault})`}`);
  return Number(raw);
}
