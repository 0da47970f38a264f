/**
 * A person's name as compared for "is this the same person": the holder of a certificate against the
 * applicant. Only what a keyboard or an input method varies is folded: width and compatibility forms
 * (NFKC), case (Greek final sigma, `ß` and Turkish `ı` `İ` included), spaces, spacing accents, punctuation (the name dots of transliterated names `·` `・` `‧` `･`, hyphens and
 * apostrophes of every code point), symbols (`⋅` `•`, an emoji), the apostrophe-like modifier letters
 * `ʼ` `ʻ`, and invisible characters (zero-width space and joiners, soft hyphen, bidirectional marks).
 *
 * Why not {@link foldedText}, which certificate numbers and issuers go through: it drops every
 * combining mark, reads look-alike capitals as Latin and `零` as 0, which is right for a registration
 * number (A-Z, 0-9 and Chinese only) and wrong for a name, where a vowel sign, a subjoined letter, a
 * hamza or a dakuten is a letter of the name: `Lü Wei` is not `Lu Wei`, `Hùng` not `Hưng`, `राम` not
 * `रमा`, `こうだ` not `こうた`, Mongolian `Ү` not `У`, `张零` not `张0`. Accents stay too (`José` is not
 * `Jose`): a refusal names `holder_mismatch` and a person can look, where a false match lets another
 * person's certificate raise a limit.
 *
 * @example nameKey('阿不都·热合曼') === nameKey('阿不都・热合曼') // true
 */
export function nameKey(name: string): string {
  // Spacing accents first: NFKC would turn `´` typed as an apostrophe (`O´Brien`) into a space and a
  // combining accent on the letter before it. Upper case, not lower, and after the separators are
  // gone: lower-casing picks the Greek final sigma by what follows it (`ΝΙΚΟΣ ΠΑΥΛΟΣ` with and without
  // the space), where upper case maps `σ` and `ς` to `Σ`, `ß` to `SS`, and Turkish `ı` to `I` (and `İ`
  // is read as `I` first, so `İlker` is `ilker`). NFC again at the end: an invisible character removed
  // from between a letter and its mark lets them compose, as they would have without it.
  return name.replace(SPACING_ACCENT, '').normalize('NFKC').replace(NOT_NAME, '').replace(DOTTED_CAPITAL_I, 'I').toUpperCase().normalize('NFC');
}

/** Spacing modifier symbols (`´` `¨` `˜` `¸` `゛`): typed as apostrophes or beside a letter, never a letter of the name. */
const SPACING_ACCENT = /\p{Sk}/gu;
/** Turkish capital `İ` (U+0130), which upper-cases to itself where `i` upper-cases to `I`. */
const DOTTED_CAPITAL_I = /\u0130/g;

/**
 * Punctuation, separators (spaces), symbols, control and format characters, default-ignorable code
 * points (the Hangul fillers are letters to Unicode but show nothing), and the modifier letters that
 * stand for an apostrophe (U+02BB, U+02BC).
 */
const NOT_NAME = /[\p{P}\p{Z}\p{S}\p{Cc}\p{Cf}\u02bb\u02bc]|\p{Default_Ignorable_Code_Point}/gu;
