/** What {@link scanJsonText} reports, each with the path it is at (a fresh array, the caller's to keep). */
export interface JsonTextVisitor {
  /** A key written a second time in one object (once per object however often it repeats); `path` ends with the key. */
  readonly repeat?: (path: (string | number)[]) => void;
  /** A string as JSON.parse decodes it, key or value; `path` is the value's, or for a key the key's own (ending with it). */
  readonly string?: (path: (string | number)[], text: string, isKey: boolean) => void;
  /** A number token, as written; `path` is the value's. */
  readonly number?: (path: (string | number)[], token: string) => void;
  /** Checked after each report: true stops the scan. */
  readonly done?: () => boolean;
}

/**
 * Walks a JSON text as written, keeping the path of where it is, and reports what JSON.parse does
 * not show: keys written twice in one object, number tokens as written, and strings (keys and
 * values) decoded, in text order. Keys
 * compare as JSON.parse decodes them (`"a"` and `"\u0061"` are the same key). A loop over the text,
 * not recursion, so any depth JSON.parse takes is scanned.
 *
 * @param text valid JSON (check it with JSON.parse first; other text gives an unspecified answer)
 * @example scanJsonText('{"a":[1,{"b":2,"b":3}]}', { repeat: (p) => p }) // reports ['a', 1, 'b']
 */
export function scanJsonText(text: string, visit: JsonTextVisitor): void {
  const needKeys = visit.repeat !== undefined;
  // Keys already reported in the open object, so a key written three times is named once.
  const reported: (Set<string> | null)[] = [];
  // One frame per open object or array: an object's keys so far and its current key; an array's index.
  const keys: (Set<string> | null)[] = [];
  const at: (string | number)[] = [];
  // In an object, whether the next string is a key (after `{` or `,`) rather than a value.
  let expectKey = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let j = i + 1;
      let escaped = false;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (d === 0x5c /* \ */) {
          escaped = true;
          j++;
        } else if (d === 0x22) break;
      }
      if (expectKey) {
        // A key is needed for the path even when repeats are not asked for.
        const key = escaped ? (JSON.parse(text.slice(i, j + 1)) as string) : text.slice(i + 1, j);
        at[at.length - 1] = key;
        if (visit.string !== undefined) {
          visit.string([...at], key, true);
          if (visit.done?.() === true) return;
        }
        if (needKeys) {
          const seen = keys[keys.length - 1] as Set<string>;
          if (!seen.has(key)) seen.add(key);
          else if (!(reported[reported.length - 1] as Set<string>).has(key)) {
            (reported[reported.length - 1] as Set<string>).add(key);
            visit.repeat?.([...at]);
            if (visit.done?.() === true) return;
          }
        }
        expectKey = false;
      } else if (visit.string !== undefined) {
        visit.string([...at], escaped ? (JSON.parse(text.slice(i, j + 1)) as string) : text.slice(i + 1, j), false);
        if (visit.done?.() === true) return;
      }
      i = j;
    } else if (c === 0x7b /* { */) {
      keys.push(needKeys ? new Set() : null);
      reported.push(needKeys ? new Set() : null);
      at.push('');
      expectKey = true;
    } else if (c === 0x5b /* [ */) {
      keys.push(null);
      reported.push(null);
      at.push(0);
      expectKey = false;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      // A value just ended (an empty `{}` included): only a `,` can make the next string a key.
      keys.pop();
      reported.pop();
      at.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      const top = at.length - 1;
      if (typeof at[top] === 'number') at[top] = (at[top] as number) + 1;
      else expectKey = true;
    } else if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39) /* 0-9 */) {
      let j = i + 1;
      while (j < n && isNumberChar(text.charCodeAt(j))) j++;
      if (visit.number !== undefined) {
        visit.number([...at], text.slice(i, j));
        if (visit.done?.() === true) return;
      }
      i = j - 1;
    }
  }
}

/** Digits, sign, point and exponent: what continues a JSON number token. */
function isNumberChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d;
}
