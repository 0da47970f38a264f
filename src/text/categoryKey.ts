import { codePointLabel } from './codePointLabel.js';
import { INVISIBLE } from './foldedText.js';

/**
 * A category value as `train` and `predict` read it: invisible characters dropped (the same
 * {@link INVISIBLE} set certificate numbers and names ignore: zero-width space and joiners, soft hyphen,
 * byte-order mark, bidirectional marks), then NFKC (one Unicode form, full width folded: `Cafe\u0301`
 * and `Ｃａｆé` are `Café`), then trimmed. Case is kept: `A` and `a` may be two grades of a lender's
 * code, so `SHANGHAI` is not `Shanghai` (train warns when two categories differ only in case, and
 * predict names a value the model never saw).
 *
 * @example categoryKey('\u200bCafe\u0301 ') // 'Café'
 */
export function categoryKey(cell: string): string {
  // Invisible characters dropped before NFKC (so `e`, ZWSP, U+0301 composes) and after (NFKC maps the
  // half-width Hangul filler to the full-width one).
  return cell.replace(INVISIBLE, '').normalize('NFKC').replace(INVISIBLE, '').trim();
}

/**
 * A value written so that two spellings {@link categoryKey} reads as one can be told apart in a
 * message: every combining mark, invisible, control or format character, and every character NFKC
 * changes (full-width letters) is shown as `<U+XXXX>`. `Cafe\u0301` is `Cafe<U+0301>`.
 */
export function visibleSpelling(value: string): string {
  let out = '';
  for (const c of value) out += SHOWN_AS_CODE.test(c) || c.normalize('NFKC') !== c ? `<${codePointLabel(c)}>` : c;
  return out;
}

const SHOWN_AS_CODE = /^(?:\p{M}|\p{C}|\p{Default_Ignorable_Code_Point})$/u;
