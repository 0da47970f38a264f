import { truncateForMessage } from '../errors/truncateForMessage.js';
import { typeIssue } from '../errors/argumentIssues.js';
import { MAX_ISSUES, type ValidationIssue } from '../errors/validationError.js';
import { roundsToInteger } from '../text/roundsToInteger.js';
import { escapeLoneSurrogates, LONE_SURROGATE, surrogateEscape } from '../text/loneSurrogates.js';
import { describeRepeat, duplicateKeyOfParsed } from './firstDuplicateJsonKey.js';
import { hasImpreciseNumber, IMPRECISE_NUMBER_MESSAGE, OVERFLOWING_NUMBER_MESSAGE, overflowsDouble } from './impreciseNumbers.js';
import { refusedJsonFault } from './jsonSyntaxFault.js';
import { type JsonTextVisitor, scanJsonText } from './scanJsonText.js';

/**
 * What {@link parseStrictJson} made of a text: its value, or every issue that refuses it (at least
 * one). A refused text that is JSON still carries the value JSON.parse read (`parsed`), so a reader
 * can also name the faults the record's schema finds in it, instead of naming them only once the
 * text is mended.
 */
export type StrictJson =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[]; readonly parsed?: { readonly value: unknown } };

/**
 * `JSON.parse` for text from a file, refusing what JSON.parse would read silently altered, each
 * problem its own issue at its own path, in text order (past 1,000, the rest are counted in one
 * `too_many_issues`):
 *
 * - a key written twice in one object (`duplicate_key`, at the repeated key; JSON.parse keeps the
 *   last value without a word);
 * - a number whose written value is not an integer but whose double is (`imprecise_number`:
 *   `999999.99999999999` would be read as 1000000 and pass as integer fen). Other numbers are read
 *   as JSON.parse reads them: integers however written (`6.5e5`), and fractions as the nearest double
 *   (`6.5`, `0.98`; a fraction written with more digits than a double holds is still a fraction, so
 *   no integer or range check is passed on a rounded value that its written value fails at an
 *   integer bound);
 * - a number beyond a double's range (`not_finite`: `1e999` would be read as Infinity, which JSON
 *   cannot hold and a seal writes as `null`, so `1e999` in place of a decision's `null` kept its seal);
 * - a lone UTF-16 surrogate in a string or a key, escaped (`"\ud800"`) or raw (`lone_surrogate`, at
 *   the string's path, or the key's): it is no character, so no UTF-8 writer can write it and every
 *   copy of the text replaces it, and `"a\ud800"` and `"a\udbff"` become one text. A pair, escaped
 *   or not, is one character and is read.
 *
 * Text that is not JSON is one `invalid_json` issue at the root naming where it stops being JSON,
 * as an editor counts it ("not valid JSON: unexpected text at line 3, column 12": lines from 1,
 * columns from 1 in characters on that line, an emoji or a CJK character one each; or "it ends at
 * line 2, column 8 before the JSON does (cut short?)"), never the parser's message, which quotes the
 * input, which may be personal data. The place is found in the text itself, so a fault JSON.parse
 * names no position for (`{"a": x}`) has one too. Numbers are never echoed, keys are cut to 64
 * characters, in paths as in messages, and a lone surrogate in a key is shown as its escape
 * (`\ud800`), so an issue is always well-formed text. Never throws, at any nesting depth: `text` that is not a
 * string is one `invalid_type` issue at `text`.
 *
 * @example parseStrictJson('{"defaulted":true,"defaulted":false}') // { ok: false, issues: [{ path: ['defaulted'], code: 'duplicate_key', ... }] }
 * @example parseStrictJson('{"requestedLimit":999999.99999999999}') // { ok: false, issues: [{ path: ['requestedLimit'], code: 'imprecise_number', ... }] }
 */
export function parseStrictJson(text: string): StrictJson {
  // Not text at all is said as the result is, never thrown (called from JavaScript, text.indexOf threw a TypeError).
  const notText = typeIssue(['text'], text, 'string', 'the JSON text, a string');
  if (notText !== undefined) return { ok: false, issues: [notText] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, issues: [{ path: [], code: 'invalid_json', message: `not valid JSON: ${refusedJsonFault(text)}` }] };
  }
  // Three checks that cost one pass each without building anything answer for the usual text; only a
  // text at fault is walked for where.
  const repeats = duplicateKeyOfParsed(text, value) !== undefined;
  const imprecise = hasImpreciseNumber(text);
  const lone = mayHoldLoneSurrogate(text);
  if (!repeats && !imprecise && !lone) return { ok: true, value };
  const issues: ValidationIssue[] = [];
  let found = 0;
  const add = (issue: ValidationIssue) => {
    if (++found <= MAX_ISSUES) issues.push(issue);
  };
  const shown = (at: (string | number)[]) => at.map((p) => (typeof p === 'string' ? truncateForMessage(escapeLoneSurrogates(p)) : p));
  const visit: JsonTextVisitor = {
    done: () => found > MAX_ISSUES,
    ...(repeats && {
      repeat: (at: (string | number)[]) =>
        add({ path: shown(at), code: 'duplicate_key', message: `${describeRepeat(at)}: JSON would keep the last value without a word` }),
    }),
    ...(imprecise && {
      number: (at: (string | number)[], token: string) => {
        if (overflowsDouble(token)) add({ path: shown(at), code: 'not_finite', message: OVERFLOWING_NUMBER_MESSAGE });
        else if (roundsToInteger(token)) add({ path: shown(at), code: 'imprecise_number', message: IMPRECISE_NUMBER_MESSAGE });
      },
    }),
    ...(lone && {
      string: (at: (string | number)[], decoded: string, isKey: boolean) => {
        const unit = LONE_SURROGATE.exec(decoded)?.[0];
        if (unit === undefined) return;
        const which = `a lone UTF-16 surrogate (${surrogateEscape(unit)})`;
        // JSON.stringify writes a lone surrogate as its escape.
        const key = isKey ? `key ${JSON.stringify(truncateForMessage(decoded))} holds ${which}` : which;
        add({
          path: shown(at),
          code: 'lone_surrogate',
          message: `${key}, which is no character: no UTF-8 writer can write it, and any copy of the text replaces it`,
        });
      },
    }),
  };
  scanJsonText(text, visit);
  // The quick checks may answer for text that holds none (a surrogate pair written as two escapes).
  if (found === 0) return { ok: true, value };
  if (found > MAX_ISSUES) issues.push({ path: [], code: 'too_many_issues', message: `more than ${MAX_ISSUES} problems; the first ${MAX_ISSUES} are listed` });
  return { ok: false, issues, parsed: { value } };
}

/**
 * Whether `text` may hold a lone surrogate once decoded: a raw one, or an escape of a surrogate
 * (`\ud83d\ude00`, a pair, is walked too and found well-formed). One regular-expression pass each.
 */
function mayHoldLoneSurrogate(text: string): boolean {
  return SURROGATE_ESCAPE.test(text) || LONE_SURROGATE.test(text);
}

const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;
