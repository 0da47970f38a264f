import { LATIN_OF_LOOK_ALIKE, LOOK_ALIKE, LUNATE_SIGMA } from './lookAlikeLetters.js';
import { simplifiedChinese } from './traditionalChinese.js';

/**
 * Invisible characters: every default-ignorable code point (zero-width space and joiners, soft hyphen,
 * word joiner, byte-order mark, bidirectional marks, variation selectors, tag characters, and the Hangul
 * fillers U+115F, U+1160, U+3164, U+FFA0 that Unicode counts as letters). Nothing a person sees, so
 * nothing that makes two values different; global, for `replace`.
 */
export const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * Text as a person reads it, for comparing two values typed on different keyboards: certificate
 * numbers and issuer names go through this one function. Not a person's name: dropping accents and
 * vowel signs and reading look-alikes would take two people for one (names have `nameKey`).
 *
 * - width and case folded, accents and every other combining mark dropped (NFKD, upper case);
 * - everything that is not a letter or a digit removed: spaces, the separators people type
 *   inconsistently (hyphens and dashes of every code point, slashes, dots, the middle dots of
 *   transliterated names `·` `・` `‧` `･` `⋅` `•`, underscores, apostrophes and quotation marks),
 *   punctuation and symbols, the {@link INVISIBLE} characters, and modifier letters that only lengthen
 *   a sound or stand for an apostrophe (the katakana long mark, `ʼ`);
 * - Chinese characters typed in their traditional form read in their simplified form, for the
 *   characters document numbers and issuers are written with (see `simplifiedChinese`);
 * - a zero typed as a Chinese character or a circle is the digit 0: `〇` and `零` always, and a run of
 *   white circles `○` (U+25CB) or `◯` (U+25EF), what Chinese input methods give for "líng", where it
 *   stands next to a digit or a Chinese numeral once separators are dropped: `二○二四` is `二0二四` as
 *   `二〇二四` is, `2○24` is `2024`, not `224`; a circle elsewhere (`A○B`) is a symbol and dropped;
 * - with `lookAlikes` (the default), a capital letter of another script drawn like a Latin capital
 *   (Cyrillic `І`, Greek `Ο`, see `LATIN_OF_LOOK_ALIKE`; the lunate sigma `Ϲ`, which NFKD would make a
 *   `Σ`, is read first) read as that Latin letter.
 *
 * So `JS-JXJ-2025-0042`, `js jxj 2025 0042` and `ＪＳ／ＪＸＪ／２０２５／００４２` are one text, as are
 * `DiDi Chuxing`, `didi-chuxing` and `DіDі Chuxing` (Cyrillic `і`). Letters and digits
 * are otherwise kept, in order: text that differs in one is never folded together; text that differs
 * only in where a separator stands is (`2024-1-23` is `2024-12-3`).
 *
 * @example foldedText('Jean\u2010Luc O’Brien') === foldedText('jean-luc obrien') // 'JEANLUCOBRIEN'
 */
export function foldedText(text: string, options: { readonly lookAlikes?: boolean } = {}): string {
  // NFKD before and after upper-casing: a few letters upper-case to a letter and a combining mark.
  // Look-alikes are read after upper-casing, so the reading does not depend on case. Traditional
  // characters are folded after NFKD, which turns CJK compatibility ideographs into the unified ones
  // the table lists.
  const lookAlikes = options.lookAlikes !== false;
  let s = (lookAlikes ? text.replace(LUNATE_SIGMA, 'C') : text).normalize('NFKD').toUpperCase().normalize('NFKD');
  if (lookAlikes) s = s.replace(LOOK_ALIKE, (c) => LATIN_OF_LOOK_ALIKE.get(c) ?? c);
  s = simplifiedChinese(s).replace(NOT_KEPT, '');
  // Circles are kept past NOT_KEPT so that whether one stands next to a numeral is read with the
  // separators and invisible characters already gone (`2 ○ 24`, `2\u200b○24`).
  if (s.includes('\u25cb') || s.includes('\u25ef'))
    s = s.replace(CIRCLES, (run, at: number) => (besideNumeral(s, at, run.length) ? '0'.repeat(run.length) : ''));
  return s.replace(CHINESE_ZERO, '0');
}

/** Anything but a letter, a digit or a white circle; modifier letters (\p{Lm}); default-ignorable code points (the Hangul fillers are letters to Unicode). */
const NOT_KEPT = /[^\p{L}\p{N}\u25cb\u25ef]|\p{Lm}|\p{Default_Ignorable_Code_Point}/gu;
/** A run of white circles (U+25CB ○, U+25EF ◯). */
const CIRCLES = /[\u25cb\u25ef]+/g;
/** The ideographic zero (U+3007, an IME's "0" in `2〇24`) and the Chinese numeral 零. */
const CHINESE_ZERO = /[\u3007\u96f6]/g;
/** A digit (of any script; 〇 is one) or a Chinese numeral a year or serial is written with. */
const NUMERAL = /^[\p{N}零一二三四五六七八九十百千万]$/u;

function besideNumeral(s: string, at: number, length: number): boolean {
  // The characters either side are BMP (digits and numerals are) or a surrogate half, which is no numeral.
  return NUMERAL.test(s.charAt(at - 1)) || NUMERAL.test(s.charAt(at + length));
}
