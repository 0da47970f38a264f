/**
 * A certificate's registration number as one string however it was typed: width and case folded
 * (NFKC, upper case), and everything that is not a letter or a digit removed: spaces, the
 * separators people type inconsistently (hyphens and dashes, slashes, dots, middle dots,
 * underscores), punctuation and symbols, and the invisible characters a copy-paste or a phone
 * keyboard slips in (zero-width space, soft hyphen, word joiner, byte-order mark) along with
 * modifier letters that only lengthen a sound (the katakana long mark, typed as a dash).
 * `JS-JXJ-2025-0042`, `js jxj 2025 0042`, `ＪＳ／ＪＸＪ／２０２５／００４２` and `JS\u200bJXJ20250042`
 * are one number: a second upload of it is a duplicate, and it gets one keyed reference. Letters and
 * digits are kept, so two numbers that differ in one are never merged. The schema refuses a number
 * with no letter or digit at all, so this is never empty.
 */
export function normalizedCredentialNumber(credentialId: string): string {
  return credentialId.normalize('NFKC').toUpperCase().replace(NOT_LETTER_OR_DIGIT, '');
}

/** Anything but a letter or a digit, and modifier letters (\p{Lm}: the katakana long mark, modifier apostrophes). */
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]|\p{Lm}/gu;

/** True when a credential number holds a letter or digit that {@link normalizedCredentialNumber} keeps. */
export function hasLetterOrDigit(credentialId: string): boolean {
  return normalizedCredentialNumber(credentialId).length > 0;
}
