import { roundsToInteger } from '../text/roundsToInteger.js';

/** "the number written here is not an integer, but a double cannot hold it exactly and reads it as one": the message of an `imprecise_number` issue. */
export const IMPRECISE_NUMBER_MESSAGE =
  'the number written here is not an integer, but it cannot be held exactly as a double and would be read as one (rounded); write it with fewer digits';

/** "the number written here is beyond a double's range": the message of a `not_finite` issue in JSON text. */
export const OVERFLOWING_NUMBER_MESSAGE =
  "the number written here is beyond a double's range and would be read as Infinity, which JSON cannot hold (a seal writes it as null); write a finite number";

/**
 * Whether a number token of JSON text is read as Infinity or -Infinity (`1e999`, 400 digits): JSON
 * has no such value, and canonical JSON (the seal's bytes) writes it as `null`, as JSON.stringify
 * does, so a file with `1e999` where a decision held `null` would keep its seal.
 * Only a token with an exponent or more digits than a double's range has can.
 */
export function overflowsDouble(token: string): boolean {
  return (token.length > 308 || /[eE]/.test(token)) && !Number.isFinite(Number(token));
}

/**
 * Whether a JSON text writes a number that JSON.parse reads altered: a fraction a double rounds away
 * (`999999.99999999999` read as 1000000; see {@link roundsToInteger}) or a number beyond a double's
 * range (`1e999` read as Infinity; see {@link overflowsDouble}). The check for every record: it
 * jumps from string to string with indexOf (native) and looks only at number tokens with a point or
 * an exponent, or longer than 308 digits, so the usual record costs one pass without building anything.
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
      if (!plain || j - k > 308) {
        const token = text.slice(k, j);
        if (overflowsDouble(token) || (!plain && roundsToInteger(token))) return true;
      }
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
