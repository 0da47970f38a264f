import { z } from 'zod';
import { LONE_SURROGATE } from './nameText.js';

/** Control characters other than tab, line feed and carriage return (which free text may hold). */
const CONTROL_BUT_LINE_BREAKS = /(?![\t\n\r])\p{Cc}/u;

/**
 * A person's free text (a reviewer's note, a customer's statement or new fact): at most `max` UTF-16
 * code units of well-formed text with no control character but tab and line breaks. Sealed into the
 * decision and shown to people (the file, a notice, a terminal): a NUL, an escape sequence or a lone
 * surrogate (a keyed hash or a UTF-8 writer replaces it) is no part of what anyone wrote, and is refused
 * at the field (`invalid_format`), as in a name.
 *
 * @param field the field's name in the messages (`note`, `statement`)
 */
export function freeText(field: string, max: number) {
  const format = { params: { creditliftCode: 'invalid_format' } } as const;
  return z
    .string()
    .max(max)
    .refine((t) => !LONE_SURROGATE.test(t), { message: `${field} must be well-formed text (a lone UTF-16 surrogate is not a character)`, ...format })
    .refine((t) => !CONTROL_BUT_LINE_BREAKS.test(t), { message: `${field} must not contain control characters (line breaks and tabs are kept)`, ...format });
}
