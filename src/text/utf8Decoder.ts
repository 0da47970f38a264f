import { isUtf8 } from 'node:buffer';

/** A byte sequence that is not UTF-8, where it sits in the bytes and in the decoded text. */
export interface InvalidUtf8 {
  /** Offset of the first bad byte from the start of the stream. */
  readonly byteOffset: number;
  /** Index in the decoded text (counted from the stream's start) of the U+FFFD standing in for it. */
  readonly charIndex: number;
}

/** One decoded piece of a byte stream. */
export interface DecodedText {
  readonly text: string;
  /** Invalid sequences in this piece; empty for valid UTF-8 (the usual case). */
  readonly invalid: readonly InvalidUtf8[];
}

/** A streaming UTF-8 decoder that reports every invalid byte instead of replacing it silently. */
export interface Utf8Decoder {
  /** Decodes the next bytes; a character cut at the end is held until the next call. */
  write(bytes: Uint8Array): DecodedText;
  /** Decodes what is held; a character left incomplete at the end of the stream is invalid. */
  end(): DecodedText;
}

/**
 * Creates a strict streaming UTF-8 decoder. Text decodes as usual; each invalid sequence still
 * becomes one U+FFFD in the text (so positions stay meaningful) but is also reported with its
 * byte offset, so a reader can refuse the record holding it instead of passing on a changed value.
 * Valid chunks take the fast native path (`buffer.isUtf8`); only a chunk with a bad byte is walked here.
 *
 * @example
 * const d = createUtf8Decoder();
 * d.write(Buffer.from([0x61, 0xff])).invalid; // [{ byteOffset: 1, charIndex: 1 }]
 */
export function createUtf8Decoder(): Utf8Decoder {
  let held: Uint8Array = new Uint8Array(0);
  let bytesBefore = 0;
  let charsBefore = 0;

  const decode = (bytes: Uint8Array, final: boolean): DecodedText => {
    const all = held.length === 0 ? bytes : concat(held, bytes);
    const cut = final ? all.length : completeLength(all);
    held = all.subarray(cut);
    const body = Buffer.from(all.buffer, all.byteOffset, cut);
    const base = bytesBefore;
    bytesBefore += cut;
    if (isUtf8(body)) {
      const text = body.toString('utf8');
      charsBefore += text.length;
      return { text, invalid: [] };
    }
    const invalid: InvalidUtf8[] = [];
    let text = '';
    let i = 0;
    while (i < body.length) {
      const bad = firstInvalid(body, i);
      const stop = bad < 0 ? body.length : bad;
      text += body.toString('utf8', i, stop);
      if (bad < 0) break;
      invalid.push({ byteOffset: base + bad, charIndex: charsBefore + text.length });
      text += '\ufffd';
      i = bad + 1;
    }
    charsBefore += text.length;
    return { text, invalid };
  };
  return { write: (bytes) => decode(bytes, false), end: () => decode(new Uint8Array(0), true) };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Length of `b` without a multi-byte character cut off at its end (at most 3 bytes are held back). */
function completeLength(b: Uint8Array): number {
  for (let k = 1; k <= Math.min(3, b.length); k++) {
    const c = b[b.length - k] as number;
    if ((c & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > k ? b.length - k : b.length;
  }
  return b.length;
}

/** Index of the first byte at or after `from` that does not start a well-formed UTF-8 sequence (RFC 3629), or -1. */
function firstInvalid(b: Uint8Array, from: number): number {
  let i = from;
  const n = b.length;
  while (i < n) {
    const c = b[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0; // no overlong forms
      if (c === 0xed) hi = 0x9f; // no surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f; // nothing past U+10FFFF
    } else return i;
    // A sequence cut short by the end of the bytes is invalid too (the decoder holds back a cut one until the stream ends).
    const c1 = b[i + 1];
    if (c1 === undefined || c1 < lo || c1 > hi) return i;
    for (let k = 2; k <= need; k++) {
      const ck = b[i + k];
      if (ck === undefined || (ck & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return -1;
}
