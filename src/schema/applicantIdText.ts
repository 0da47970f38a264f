import { z } from 'zod';
import { CONTROL, LONE_SURROGATE } from './nameText.js';

/**
 * A character a person sees: a letter, digit, punctuation mark or symbol, but not the four
 * letters Unicode marks default-ignorable (the Hangul fillers U+115F, U+1160, U+3164, U+FFA0, which no
 * font draws) nor U+2800 BRAILLE PATTERN BLANK (a symbol drawn as nothing). Spaces, format characters
 * (U+200B, U+FEFF, bidi controls) and marks without a base are not in the classes at all. Written in
 * general categories and code points only, so a JSON Schema validator in another language reads it too.
 */
export const VISIBLE_CHARACTER = /(?![\u115F\u1160\u3164\uFFA0\u2800])[\p{L}\p{N}\p{P}\p{S}]/u;

/**
 * The applicant's id: 1 to 128 characters of well-formed text with no control character and at least
 * one {@link VISIBLE_CHARACTER}. It is sealed into every decision, is the only personal datum the audit
 * keeps and the key `report`, `monitor`, a resumed run and a lender's store match decisions on. A lone
 * surrogate is no character (every UTF-8 writer turns `a\uD800` and `a\uDBFF` into the same bytes,
 * two applicants then one, and PostgreSQL `jsonb` refuses the line), a NUL or an escape sequence is no
 * part of an id anyone issued (`jsonb` refuses `\u0000` too), and an id of only spaces or invisible
 * characters looks like no id at all. Each is refused at `id` with its own message (`invalid_format`),
 * as in a name; the JSON Schemas carry the same rules as patterns, so a service and decide agree.
 */
export const ApplicantIdText = z
  .string()
  .min(1)
  .max(128)
  .refine((t) => !LONE_SURROGATE.test(t), {
    message: 'id must be well-formed text (a lone UTF-16 surrogate is not a character)',
    params: { creditliftCode: 'invalid_format' },
  })
  .refine((t) => !CONTROL.test(t), { message: 'id must not contain control characters', params: { creditliftCode: 'invalid_format' } })
  .refine((t) => VISIBLE_CHARACTER.test(t), {
    message: 'id must contain a visible character (a letter, digit, punctuation mark or symbol), not only spaces or invisible characters',
    params: { creditliftCode: 'invalid_format' },
  })
  .meta({ allOf: [{ pattern: '^[^\\p{Cc}\\p{Cs}]*$' }, { pattern: VISIBLE_CHARACTER.source }] });
