import { MAX_ISSUES, type ValidationIssue } from '../errors/validationError.js';
import { describeRepeat, duplicateJsonKeys, duplicateKeyOfParsed } from './firstDuplicateJsonKey.js';
import { truncateForMessage } from '../errors/truncateForMessage.js';

/** What {@link parseStrictJson} made of a text: its value, or every issue that refuses it (at least one). */
export type StrictJson = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

/**
 * `JSON.parse` for text from a file, refusing what JSON.parse would read silently altered: an
 * object that repeats a key (JSON.parse keeps the last value without a word) is one `duplicate_key`
 * issue per repeated key, each at that key's path, so a reader names every repeat at once (past
 * 1,000, the rest are counted in one `too_many_issues`). Text that is not JSON is one `invalid_json`
 * issue at the root, with the column only: the parser's message quotes the input, which may be
 * personal data. Keys are echoed cut to 64 characters, in paths as in messages. Never throws, at
 * any nesting depth.
 *
 * @example parseStrictJson('{"defaulted":true,"defaulted":false}') // { ok: false, issues: [{ path: ['defaulted'], code: 'duplicate_key', ... }] }
 */
export function parseStrictJson(text: string): StrictJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const at = /position (\d+)/.exec((e as Error).message)?.[1];
    return { ok: false, issues: [{ path: [], code: 'invalid_json', message: `not valid JSON${at === undefined ? '' : ` (at column ${Number(at) + 1})`}` }] };
  }
  // The count-first check answers for the usual text (no repeat) without building a key.
  if (duplicateKeyOfParsed(text, value) === undefined) return { ok: true, value };
  const repeats = duplicateJsonKeys(text, MAX_ISSUES + 1);
  const issues: ValidationIssue[] = repeats.slice(0, MAX_ISSUES).map((at) => ({
    path: at.map((p) => (typeof p === 'string' ? truncateForMessage(p) : p)),
    code: 'duplicate_key',
    message: `${describeRepeat(at)}: JSON would keep the last value without a word`,
  }));
  if (repeats.length > MAX_ISSUES)
    issues.push({ path: [], code: 'too_many_issues', message: `more than ${MAX_ISSUES} repeated keys; the first ${MAX_ISSUES} are listed` });
  return { ok: false, issues };
}
