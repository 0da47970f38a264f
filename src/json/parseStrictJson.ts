import type { ValidationIssue } from '../errors/validationError.js';
import { describeRepeat, duplicateKeyOfParsed } from './firstDuplicateJsonKey.js';

/** What {@link parseStrictJson} made of a text: its value, or the one issue that refuses it. */
export type StrictJson = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly issue: ValidationIssue };

/**
 * `JSON.parse` for text from a file, refusing what JSON.parse would read silently altered: an
 * object that repeats a key (`duplicate_key`, at the repeat's path: JSON.parse keeps the last value
 * without a word) besides text that is not JSON (`invalid_json`, with the column only: the parser's
 * message quotes the input, which may be personal data). Never throws, at any nesting depth.
 *
 * @example parseStrictJson('{"defaulted":true,"defaulted":false}') // { ok: false, issue: { path: ['defaulted'], code: 'duplicate_key', ... } }
 */
export function parseStrictJson(text: string): StrictJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const at = /position (\d+)/.exec((e as Error).message)?.[1];
    return { ok: false, issue: { path: [], code: 'invalid_json', message: `not valid JSON${at === undefined ? '' : ` (at column ${Number(at) + 1})`}` } };
  }
  const repeated = duplicateKeyOfParsed(text, value);
  if (repeated !== undefined)
    return {
      ok: false,
      issue: { path: repeated, code: 'duplicate_key', message: `${describeRepeat(repeated)}: JSON would keep the last value without a word` },
    };
  return { ok: true, value };
}
