import { codePointLabel } from './codePointLabel.js';
import { foldedText } from './foldedText.js';

/**
 * A certificate's registration number as one string however it was typed: {@link foldedText}, the
 * folding issuer names share. Width and case folded (NFKD, upper case), accents and every
 * other combining mark dropped, and everything that is not a letter or a digit removed: spaces, the
 * separators people type inconsistently (hyphens and dashes, slashes, dots, middle dots,
 * underscores), punctuation and symbols, and the invisible characters a copy-paste or a phone
 * keyboard slips in: format characters (zero-width space, soft hyphen, word joiner, byte-order mark),
 * every default-ignorable code point, among them the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0)
 * that Unicode counts as letters, and modifier letters that only lengthen a sound (the katakana long
 * mark, typed as a dash). Chinese characters typed in their traditional form are read in their
 * simplified form (`蘇人社〔2024〕88號` is `苏人社〔2024〕88号`), for the characters Chinese document
 * numbers are written with. A zero typed as `〇`, `零`, or a white circle `○`/`◯` next to a digit or
 * numeral (what Chinese input methods give for "líng") is the digit 0: `二〇二四`, `二○二四`, `二◯二四` and
 * `二零二四` are one number, and `2○24` is `2024`, never `224` (other Chinese numerals are kept:
 * `二〇二四` is not `2024`).
 * `JS-JXJ-2025-0042`, `js jxj 2025 0042`, `ＪＳ／ＪＸＪ／２０２５／００４２`, `JS\u200bJXJ20250042` and
 * `JS\u3164JXJ20250042` are one number: a second upload of it is a duplicate, and it gets one keyed
 * reference. Letters and digits are kept, so two numbers that differ in one are never merged (a
 * traditional character and its simplified form are one character here); two that differ only in
 * where a separator stands are one number (`2024-1-23` and `2024-12-3`): a separator typed or left
 * out is the commonest way one document is typed twice, so the merge is kept (a person reviews the
 * referral it causes).
 * Registration numbers are written in Latin letters, digits and Chinese characters; a letter or
 * digit of another script (a Cyrillic `С` that looks like a Latin `C`) is refused by the schema
 * ({@link credentialNumberIssue}), so a look-alike never passes for another number. The schema
 * refuses a number with no letter or digit at all, so this is never empty for a parsed one.
 */
export function normalizedCredentialNumber(credentialId: string): string {
  return foldedText(credentialId);
}

/** What a normalised registration number is written in: A-Z, 0-9 and Chinese characters (`〇` and the Hangzhou numerals are Han too). */
const REGISTRATION_TEXT = /^(?:[A-Z0-9]|\p{Script=Han})*$/u;

const SCRIPTS_KEPT = { lookAlikes: false } as const;

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
  // Read without the look-alike folding, which would pass a Cyrillic `С` for a Latin `C`.
  if (REGISTRATION_TEXT.test(foldedText(credentialId, SCRIPTS_KEPT))) return undefined;
  // Normalisation works character by character (NFKD never joins two), so the culprit is the first
  // character that alone fails.
  for (const c of credentialId) {
    if (REGISTRATION_TEXT.test(foldedText(c, SCRIPTS_KEPT))) continue;
    const code = codePointLabel(c);
    return `credentialId holds ${code}, a letter or digit outside A-Z, 0-9 and Chinese characters: registration numbers are written in those, so a look-alike from another script (a Cyrillic or Greek letter) or another script's digit is refused`;
  }
  return 'credentialId holds a letter or digit outside A-Z, 0-9 and Chinese characters';
}
