import { z } from 'zod';
import { foldedText } from '../text/foldedText.js';
import { nameKey } from '../text/nameKey.js';
import { LONE_SURROGATE } from '../text/loneSurrogates.js';

export { LONE_SURROGATE };
/** C0 and C1 control characters and DEL (Unicode category Cc). */
export const CONTROL = /\p{Cc}/u;

/** Characters both {@link nameKey} and {@link foldedText} always keep as a letter or a digit (ASCII ones, CJK unified ideographs). */
const PLAINLY_KEPT = /[A-Za-z0-9\u4e00-\u9fff]/;

/** A letter or a digit of any script. */
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Whether `text` still holds a letter or a digit once compared: a person's name by {@link nameKey}, an issuer's by {@link foldedText}. */
function keepsLetterOrDigit(text: string, comparedAs: 'person' | 'issuer'): boolean {
  if (PLAINLY_KEPT.test(text)) return true;
  return comparedAs === 'person' ? LETTER_OR_DIGIT.test(nameKey(text)) : foldedText(text).length > 0;
}

/**
 * A person's or an issuer's name: 1 to `max` UTF-16 code units of well-formed text with no control
 * character, holding a letter or a digit once compared (a person's name by {@link nameKey}, an issuer's
 * by {@link foldedText}: a name of only dots, spaces, invisible characters or symbols would match every
 * other such name). Each rule is refused
 * at the field with its own message (`invalid_format`), as a credential number's are; the JSON Schemas
 * carry the first two as patterns and a looser letter-or-digit one (any Unicode letter or digit, so
 * they never refuse a name decide takes).
 *
 * @param field the field's name in the messages (`holder.name`, `issuer`)
 * @param comparedAs how the field is compared: as a person's name (a holder against the applicant) or an issuer
 */
export function nameText(field: string, max: number, comparedAs: 'person' | 'issuer') {
  const format = { params: { creditliftCode: 'invalid_format' } } as const;
  return (
    z
      .string()
      .min(1)
      .max(max)
      // A lone surrogate is no character (a keyed hash or a UTF-8 writer replaces it, two names then one),
      // and a control character is no part of a name anyone typed.
      .refine((t) => !LONE_SURROGATE.test(t), { message: `${field} must be well-formed text (a lone UTF-16 surrogate is not a character)`, ...format })
      .refine((t) => !CONTROL.test(t), { message: `${field} must not contain control characters`, ...format })
      // Past the length limit the max rule refuses it already; no folding of a 10 MB string.
      // An ASCII letter or digit or a common Chinese character survives folding: most names need no fold.
      .refine((t) => t.length > max || keepsLetterOrDigit(t, comparedAs), { message: `${field} must contain a letter or a digit`, ...format })
      .meta({ allOf: [{ pattern: '^[^\\p{Cc}\\p{Cs}]*$' }, { pattern: '[\\p{L}\\p{N}]' }] })
  );
}
