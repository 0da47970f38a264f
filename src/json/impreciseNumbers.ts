import { roundsToInteger } from '../text/roundsToInteger.js';

/** "the number written here is not an integer, but a double cannot hold it exactly and reads it as one": the message of an `imprecise_number` issue. */
export const IMPRECISE_NUMBER_MESSAGE =
  'the number written here is not an integer, but it cannot be held exactly as a double and would be read as one (rounded); write it with fewer digits';

/**
 * Whether a JSON text writes a number whose fraction a double rounds away (`999999.99999999999`
 * read as 1000000; see {@link roundsToInteger}). The check for every record: it jumps from string
 * to string with indexOf (native) and looks only at number tokens with a point or an exponent, so
 * the usual record costs one pass without building anything.
 *
 * @param text valid JSON (check it with JSON.parse first)
 */
export function hasImpreciseNumber(text: string): boolean {
  const n = text.length;
  let i = 0;
  for (;;) {
    const open = text.indexOf('"', i);
    const until = open < 0 ? n : open;
    for (let k = i; k < until; k++) {
      const c = text.charCodeAt(k);
      if (c !== 0x2d /* - */ && (c < 0x30 || c > 0x39)) continue;
      let j = k + 1;
      let plain = true; // digits only: an integer as written and as read
      for (; j < until; j++) {
        const d = text.charCodeAt(j);
        if (d >= 0x30 && d <= 0x39) continue;
        if (d === 0x2e || d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2d) plain = false;
        else break;
      }
      if (!plain && roundsToInteger(text.slice(k, j))) return true;
      k = j - 1;
    }
    if (open < 0) return false;
    // The closing quote: the next one not escaped (an even run of backslashes before it).
    let close = open;
    for (;;) {
      close = text.indexOf('"', close + 1);
      if (close < 0) return false;
      let slashes = 0;
      while (text.charCodeAt(close - 1 - slashes) === 0x5c) slashes++;
      if (slashes % 2 === 0) break;
    }
    i = close + 1;
  }
}
