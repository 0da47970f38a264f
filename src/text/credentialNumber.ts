import { simplifiedChinese } from './traditionalChinese.js';

/**
 * A certificate's registration number as one string however it was typed: width and case folded
 * (NFKD, upper case), accents and every other combining mark dropped, and everything that is not a
 * letter or a digit removed: spaces, the separators people type inconsistently (hyphens and dashes,
 * slashes, dots, middle dots, underscores), punctuation and symbols, and the invisible characters a
 * copy-paste or a phone keyboard slips in: format characters (zero-width space, soft hyphen, word
 * joiner, byte-order mark), every default-ignorable code point, among them the Hangul fillers
 * (U+115F, U+1160, U+3164, U+FFA0) that Unicode counts as letters, and modifier letters that only
 * lengthen a sound (the katakana long mark, typed as a dash). Chinese characters typed in their
 * traditional form are read in their simplified form ({@link simplifiedChinese}: `蘇人社〔2024〕88號` is
 * `苏人社〔2024〕88号`), for the characters Chinese document numbers are written with, and the
 * ideographic zero `〇` is the digit 0 (other Chinese numerals are kept: `二〇二四` is not `2024`).
 * `JS-JXJ-2025-0042`, `js jxj 2025 0042`, `ＪＳ／ＪＸＪ／２０２５／００４２`, `JS\u200bJXJ20250042` and
 * `JS\u3164JXJ20250042` are one number: a second upload of it is a duplicate, and it gets one keyed
 * reference. Letters and digits are kept, so two numbers that differ in one are never merged (a
 * traditional character and its simplified form are one character here).
 * Registration numbers are written in Latin letters, digits and Chinese characters; a letter or
 * digit of another script (a Cyrillic `С` that looks like a Latin `C`) is refused by the schema
 * ({@link credentialNumberIssue}), so a look-alike never passes for another number. The schema
 * refuses a number with no letter or digit at all, so this is never empty for a parsed one.
 */
export function normalizedCredentialNumber(credentialId: string): string {
  // NFKD before and after upper-casing: a few letters upper-case to a letter and a combining mark.
  // Traditional characters are folded after NFKD, which turns CJK compatibility ideographs into the
  // unified ones the table lists.
  // The ideographic zero (U+3007, an IME's "0" in `2〇24`) is the digit 0: kept as itself, `88〇1`
  // and `8801` were two certificates.
  return simplifiedChinese(credentialId.normalize('NFKD').toUpperCase().normalize('NFKD')).replace(NOT_KEPT, '').replace(IDEOGRAPHIC_ZERO, '0');
}

const IDEOGRAPHIC_ZERO = /\u3007/g;

/** Anything but a letter or a digit; modifier letters (\p{Lm}: the katakana long mark, modifier apostrophes); default-ignorable code points (the Hangul fillers are letters to Unicode). */
const NOT_KEPT = /[^\p{L}\p{N}]|\p{Lm}|\p{Default_Ignorable_Code_Point}/gu;

/** What a normalised registration number is written in: A-Z, 0-9 and Chinese characters (`〇` and the Hangzhou numerals are Han too). */
const REGISTRATION_TEXT = /^(?:[A-Z0-9]|\p{Script=Han})*$/u;

/** True when a credential number holds a letter or digit that {@link normalizedCredentialNumber} keeps. */
export function hasLetterOrDigit(credentialId: string): boolean {
  return normalizedCredentialNumber(credentialId).length > 0;
}

/**
 * Why a credential number cannot be a registration number, or undefined when it can: it holds a
 * letter or digit that, width, case and accents folded, is none of A-Z, 0-9 or a Chinese character
 * (a Cyrillic or Greek look-alike of a Latin letter, an Arabic-Indic digit, a kana). The message names
 * the first such character by its code point, never the character itself.
 */
export function credentialNumberIssue(credentialId: string): string | undefined {
  if (REGISTRATION_TEXT.test(normalizedCredentialNumber(credentialId))) return undefined;
  // Normalisation works character by character (NFKD never joins two), so the culprit is the first
  // character that alone fails.
  for (const c of credentialId) {
    if (REGISTRATION_TEXT.test(normalizedCredentialNumber(c))) continue;
    const code = `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    return `credentialId holds ${code}, a letter or digit outside A-Z, 0-9 and Chinese characters: registration numbers are written in those, so a look-alike from another script (a Cyrillic or Greek letter) or another script's digit is refused`;
  }
  return 'credentialId holds a letter or digit outside A-Z, 0-9 and Chinese characters';
}
