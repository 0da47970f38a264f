import { escapeLoneSurrogates } from '../text/loneSurrogates.js';
import { truncateForMessage } from '../errors/truncateForMessage.js';
import { formatPath } from '../errors/validationError.js';
import { scanJsonText } from './scanJsonText.js';
/**
 * Where a JSON text repeats a key within one object: the path of the second occurrence, or
 * undefined when every object's keys are distinct.
 *
 * Why: `JSON.parse` keeps the last of two equal keys without a word, so
 * `{"controls":{"selfSetCap":100000,"selfSetCap":null}}` would lose the customer's cap silently
 * (RFC 8259 leaves such text's meaning to the reader). Records read from files are refused instead.
 * Keys compare as JSON.parse decodes them (`"a"` and `"\u0061"` are the same key).
 *
 * @param text valid JSON (check it with JSON.parse first; other text gives an unspecified answer)
 * @example firstDuplicateJsonKey('{"a":[{"b":1,"b":2}]}') // ['a', 0, 'b']
 */
export function firstDuplicateJsonKey(text: string): (string | number)[] | undefined {
  return duplicateKeys(text, 1)[0];
}

/**
 * Every place a JSON text repeats a key within one object: the path of each repeated key, once
 * per object however often it repeats, in text order (at most `max` of them: the scan stops there).
 * What {@link parseStrictJson} names when a text repeats a key, so a reader names every repeat at once.
 *
 * @param text valid JSON (check it with JSON.parse first; other text gives an unspecified answer)
 * @example duplicateJsonKeys('{"a":1,"a":2,"b":{"c":1,"c":2}}') // [['a'], ['b', 'c']]
 */
export function duplicateJsonKeys(text: string, max: number = Number.POSITIVE_INFINITY): (string | number)[][] {
  return duplicateKeys(text, max);
}

/** The paths of repeated keys, up to `max` of them (the scan stops there). */
function duplicateKeys(text: string, max: number): (string | number)[][] {
  const found: (string | number)[][] = [];
  scanJsonText(text, { repeat: (path) => found.push(path), done: () => found.length >= max });
  return found;
}

/**
 * "key "selfSetCap" appears twice in one object (at controls.selfSetCap)": a repeat as a message
 * names it. Keys are caller text of any length: each is cut to 64 characters where echoed.
 */
export function describeRepeat(path: readonly (string | number)[]): string {
  const key = truncateForMessage(String(path[path.length - 1]));
  // JSON.stringify escapes a lone surrogate in the key; the path is escaped here, so the message is well-formed text.
  return `key ${JSON.stringify(key)} appears twice in one object (at ${formatPath(path.map((p) => (typeof p === 'string' ? escapeLoneSurrogates(p) : p)))})`;
}

/**
 * Own keys of every object in a parsed JSON value, summed. A worklist, not recursion: JSON.parse
 * takes nesting thousands of levels deeper than the call stack, and a line that overflowed here
 * ended the whole run.
 */
function keysIn(value: unknown): number {
  let n = 0;
  // Only objects and arrays are queued: every record is counted, so primitives are not pushed.
  const pending: object[] = [];
  const queue = (v: unknown) => {
    if (typeof v === 'object' && v !== null) pending.push(v);
  };
  queue(value);
  for (let v = pending.pop(); v !== undefined; v = pending.pop()) {
    if (Array.isArray(v)) {
      for (const e of v) queue(e);
      continue;
    }
    for (const k in v) {
      n++;
      queue((v as Record<string, unknown>)[k]);
    }
  }
  return n;
}

/**
 * Keys written in a JSON text: the colons outside strings, counted without building anything. It
 * jumps from quote to quote with indexOf (native), so the text between is not read char by char.
 */
function keysWritten(text: string): number {
  let n = 0;
  let i = 0;
  for (;;) {
    const open = text.indexOf('"', i);
    const until = open < 0 ? text.length : open;
    for (let c = text.indexOf(':', i); c >= 0 && c < until; c = text.indexOf(':', c + 1)) n++;
    if (open < 0) return n;
    // The closing quote: the next one not escaped (an even run of backslashes before it).
    let close = open;
    for (;;) {
      close = text.indexOf('"', close + 1);
      if (close < 0) return n;
      let slashes = 0;
      while (text.charCodeAt(close - 1 - slashes) === 0x5c) slashes++;
      if (slashes % 2 === 0) break;
    }
    i = close + 1;
  }
}

/**
 * {@link firstDuplicateJsonKey} for a text already parsed into `value`: a repeat makes the parsed
 * value hold fewer keys than the text writes, so the usual record (no repeat) costs one count of
 * each, without building any key; only a record with a repeat is scanned for where it is.
 */
export function duplicateKeyOfParsed(text: string, value: unknown): (string | number)[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  return keysWritten(text) === keysIn(value) ? undefined : firstDuplicateJsonKey(text);
}
