/**
 * canonicalJson's bytes (its UTF-8 encoding), written straight into a reusable buffer for
 * hashing. Why not hash a canonical JSON string: a decision's canonical JSON is a rope of
 * some 600 pieces that the hash then flattens and transcodes (the Chinese labels make it a
 * two-byte string), and those pieces were about half of everything a decision allocated. Sealing
 * with strings cost about 85 us of a 275 us decision in a batch, most of it in the garbage
 * collector. Here ASCII text is copied byte by byte, key names come pre-encoded per object shape,
 * and only text that needs escaping or is not ASCII goes through JSON.stringify and the UTF-8
 * encoder (a label's bytes are remembered, since the same labels recur in every decision).
 *
 * A property test holds the bytes equal to `Buffer.from(canonicalJson(v), 'utf8')` on random
 * values, including what JSON drops or rewrites.
 */
import { orderOf, orderOfRecord } from './keyOrder.js';

const utf8 = new TextEncoder();

/** Encoded text remembered before the table is dropped (labels recur; other non-ASCII text is rare). */
const MAX_REMEMBERED = 1024;
let remembered = new Map<string, Uint8Array>();

/** The UTF-8 bytes of JSON.stringify(text), remembered for text that is not plain ASCII. */
function quotedUtf8(text: string): Uint8Array {
  let bytes = remembered.get(text);
  if (bytes === undefined) {
    bytes = utf8.encode(JSON.stringify(text));
    if (remembered.size >= MAX_REMEMBERED) remembered = new Map();
    remembered.set(text, bytes);
  }
  return bytes;
}

const NULL = 'null';

/**
 * Room left for a number until it is formatted: the longest text of a finite double is 25
 * characters, a negative one in [1e-6, 1e-5) with 17 significant digits
 * (`-0.0000012345678901234567`; exponents below -6 switch to `-1.2345678901234567e-308`, 24).
 */
const NUMBER_ROOM = 25;

/**
 * Canonical bytes of deep-frozen objects, by identity (null: looked at, not deep-frozen plain data;
 * MET_ONCE: not yet looked at).
 * About a quarter of a decision's bytes are the scorer's own frozen constants, shared by every
 * decision (the fixed instalment plans with their rates, factor and check labels, notes, the data
 * categories): written once here, copied after. Frozen all the way down with data properties only,
 * such an object cannot change, so its bytes cannot go stale; a WeakMap lets it go with its object.
 */
const frozenBytes = new WeakMap<object, Uint8Array | null>();

/** In `frozenBytes`: met once, written out as any other object (by identity; never written as bytes). */
const MET_ONCE = new Uint8Array(0);

/**
 * Objects found frozen all the way down with data properties only. A frozen constant's bytes are
 * written by a writer of their own, which meets each frozen member for the first time and asks
 * again: remembered, the question is answered once per object, not once per object enclosing it
 * (those walks were 1.4% of the test suite's CPU, before MET_ONCE spared most of them).
 */
const deepFrozenData = new WeakSet<object>();

/** True for an object frozen all the way down whose properties are all data properties. */
function isDeepFrozenData(v: object): boolean {
  if (deepFrozenData.has(v)) return true;
  if (!Object.isFrozen(v)) return false;
  for (const d of Object.values(Object.getOwnPropertyDescriptors(v))) {
    if (!('value' in d)) return false;
    const x: unknown = d.value;
    if (typeof x === 'object' && x !== null && !isDeepFrozenData(x)) return false;
  }
  deepFrozenData.add(v);
  return true;
}

/**
 * The writers of frozen constants' own bytes, one per depth of frozen objects inside frozen objects
 * (a writer is in the middle of its buffer while a member is written by the next): kept, as a new
 * writer's 16 KiB buffer was most of writing a small constant.
 */
const frozenWriters: CanonicalJsonWriter[] = [];
let frozenDepth = 0;

/**
 * The canonical bytes of a deep-frozen value, as a copy of their own; null for a value holding a
 * number that is not finite, which is then never kept: written out by the writer that meets it, so
 * that writer's `wroteNonFinite` says so (kept bytes held its `null` and said nothing, and a seal
 * check of a frozen decision with Infinity in it passed from its second time on).
 */
function frozenValueBytes(value: object): Uint8Array | null {
  const writer = (frozenWriters[frozenDepth] ??= new CanonicalJsonWriter());
  frozenDepth++;
  try {
    const bytes = writer.bytes(value);
    return writer.wroteNonFinite ? null : bytes.slice();
  } finally {
    frozenDepth--;
  }
}

/** No positions to move along with the numbers' texts (see formatNumbers). */
const NO_MARKS: number[] = [];

/**
 * Writes canonical JSON as UTF-8 into a buffer it owns and reuses. The bytes a call returns are a
 * view into that buffer, valid until the writer's next call: hash them at once.
 */
export class CanonicalJsonWriter {
  private buf = new Uint8Array(16 * 1024);
  private pos = 0;
  /**
   * Numbers other than 32-bit integers are formatted together at the end, by one JSON.stringify of
   * them all: String() of a double was nearly half of sealing a decision (a runtime call, a string
   * and a number-cache entry each; about 300 ns in a batch), where the array is formatted in one
   * call at about 80 ns a number. Each number leaves NUMBER_ROOM bytes at `numberAt`, closed up once its text is in.
   */
  private readonly numbers: number[] = [];
  private readonly numberAt: number[] = [];
  /** Numbers of this call so far: the arrays are overwritten, not emptied, so they keep their storage. */
  private numberCount = 0;
  /**
   * Whether the last call wrote a number that is not finite (as `null`, as JSON.stringify does). A
   * seal check refuses such a value: read from a file, `1e999` in place of a `null` is Infinity, which
   * would otherwise hash as the `null` it replaced.
   */
  wroteNonFinite = false;

  /** The canonical JSON of `value`, as UTF-8 bytes (a view, valid until the next call). */
  bytes(value: unknown): Uint8Array {
    this.pos = 0;
    this.numberCount = 0;
    this.wroteNonFinite = false;
    this.value(value);
    this.formatNumbers(NO_MARKS);
    return this.buf.subarray(0, this.pos);
  }

  /**
   * The canonical JSON of `{ ...record, [key]: member }` (member not undefined), and where the
   * member's bytes start and end in it: sealing hashes the decision with one audit and signs it
   * with another, and the part around the audit is written once.
   */
  bytesWith(
    record: Readonly<Record<string, unknown>>,
    key: string,
    member: unknown,
  ): { readonly bytes: Uint8Array; readonly start: number; readonly end: number } {
    this.pos = 0;
    this.numberCount = 0;
    this.wroteNonFinite = false;
    const own = Object.keys(record);
    const keys = own.includes(key) ? own : [...own, key];
    const { sorted, quotedUtf8: names } = orderOf(keys);
    let start = 0;
    let end = 0;
    this.byte(0x7b);
    let first = true;
    for (let j = 0; j < keys.length; j++) {
      const k = keys[sorted[j] as number] as string;
      const v = k === key ? member : record[k];
      if (v === undefined) continue;
      if (!first) this.byte(0x2c);
      first = false;
      this.raw(names[j] as Uint8Array);
      if (k === key) start = this.pos;
      this.value(v);
      if (k === key) end = this.pos;
    }
    this.byte(0x7d);
    const marks = [start, end];
    this.formatNumbers(marks);
    return { bytes: this.buf.subarray(0, this.pos), start: marks[0] as number, end: marks[1] as number };
  }

  /**
   * Writes the numbers' texts into the room each was left and closes up the rest, moving `marks`
   * (ascending positions written before) with the bytes they point at.
   */
  private formatNumbers(marks: number[]): void {
    const count = this.numberCount;
    if (count === 0) return;
    this.numberCount = 0;
    const numbers = this.numbers;
    // Cut to this call's numbers (a few fewer than the last call's, usually: no new storage).
    if (numbers.length !== count) numbers.length = count;
    // The same digits as String() for every finite number (both are Number::toString; -0 is "0").
    const text = JSON.stringify(numbers);
    const buf = this.buf;
    const at = this.numberAt;
    let src = at[0] as number;
    let dst = src;
    let m = 0;
    while (m < marks.length && (marks[m] as number) <= src) m++;
    let t = 1;
    for (let k = 0; k < count; k++) {
      const slot = at[k] as number;
      // The bytes between the last number's room and this one's move left by what rooms freed so far.
      for (; m < marks.length && (marks[m] as number) <= slot; m++) marks[m] = (marks[m] as number) - src + dst;
      if (dst === src) dst = slot;
      else if (slot - src > 64) {
        buf.copyWithin(dst, src, slot);
        dst += slot - src;
      } else for (let i = src; i < slot; i++) buf[dst++] = buf[i] as number;
      // The number's text, up to the comma or the closing bracket of the array.
      const from = t;
      let c = text.charCodeAt(t);
      while (c !== 0x2c && c !== 0x5d) {
        buf[dst++] = c;
        c = text.charCodeAt(++t);
      }
      // Longer than its room, it would have run into the bytes after it: never write a seal on that.
      if (t - from > NUMBER_ROOM) throw new Error(`canonical JSON: the number ${text.slice(from, t)} is longer than the room left for it`);
      t++;
      src = slot + NUMBER_ROOM;
    }
    for (; m < marks.length; m++) marks[m] = (marks[m] as number) - src + dst;
    buf.copyWithin(dst, src, this.pos);
    this.pos = dst + (this.pos - src);
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
  }

  private byte(b: number): void {
    this.room(1);
    (this.buf as Uint8Array)[this.pos++] = b;
  }

  private raw(bytes: Uint8Array): void {
    const n = bytes.length;
    this.room(n);
    const buf = this.buf;
    let p = this.pos;
    // A loop for the usual few bytes (a key name), where a call into the runtime costs more; set()
    // for a long piece (a frozen constant's remembered bytes).
    if (n > 64) {
      buf.set(bytes, p);
      this.pos = p + n;
      return;
    }
    for (let i = 0; i < n; i++) buf[p++] = bytes[i] as number;
    this.pos = p;
  }

  /** Text known to be ASCII (numbers' digits, `null`, `true`, `false`). */
  private ascii(text: string): void {
    const n = text.length;
    this.room(n);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) buf[p++] = text.charCodeAt(i);
    this.pos = p;
  }

  /** The decimal digits of a 32-bit integer, as String() writes them (-0 as `0`). */
  private int32(value: number): void {
    this.room(11);
    const buf = this.buf;
    let p = this.pos;
    // Unsigned, so that -2147483648 has a magnitude; integer division throughout (a double's % is a call).
    let u = value >>> 0;
    if (value < 0) {
      buf[p++] = 0x2d;
      u = -value >>> 0;
    }
    let digits = 1;
    for (let x = u; x >= 10; digits++) x = (x / 10) >>> 0;
    p += digits;
    this.pos = p;
    do {
      const q = (u / 10) >>> 0;
      buf[--p] = 0x30 + u - q * 10;
      u = q;
    } while (u !== 0);
  }

  private string(text: string): void {
    const n = text.length;
    this.room(n + 2);
    const buf = this.buf;
    const begin = this.pos;
    let p = begin;
    buf[p++] = 0x22;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      // Control characters, the quote and the backslash are escaped; anything past ASCII is encoded.
      if (c < 0x20 || c === 0x22 || c === 0x5c || c > 0x7e) {
        this.pos = begin;
        this.raw(quotedUtf8(text));
        return;
      }
      buf[p++] = c;
    }
    buf[p++] = 0x22;
    this.pos = p;
  }

  private value(value: unknown): void {
    if (typeof value === 'string') {
      this.string(value);
      return;
    }
    if (typeof value === 'number') {
      // A 32-bit integer (-0 included, which prints as 0) is written at once, digit by digit: about a
      // third of a decision's numbers (counts, fen, days, scores), each one room fewer for
      // formatNumbers to close up and one element fewer for its JSON.stringify.
      if ((value | 0) === value) this.int32(value);
      else if (Number.isFinite(value)) {
        this.room(NUMBER_ROOM);
        const k = this.numberCount++;
        this.numberAt[k] = this.pos;
        this.numbers[k] = value;
        this.pos += NUMBER_ROOM;
      } else {
        this.wroteNonFinite = true;
        this.ascii(NULL);
      }
      return;
    }
    if (value === true || value === false || value === null) {
      this.ascii(value === null ? NULL : value ? 'true' : 'false');
      return;
    }
    if (typeof value !== 'object') {
      // Undefined, functions and symbols become null; a bigint throws as in canonicalJson.
      this.ascii(JSON.stringify(value) ?? NULL);
      return;
    }
    if (Object.isFrozen(value)) {
      let cached = frozenBytes.get(value);
      if (cached === undefined) {
        // Met for the first time: written out below, its bytes kept only if it is met again. A
        // stored decision read back by the Decision schema (every follow-up's prior) is frozen all
        // through, by zod's readonly(), and met once: proving and keeping each of its objects cost
        // a reassessment about a quarter of its time. The scorer's constants are met in every
        // decision, and kept from the second.
        frozenBytes.set(value, MET_ONCE);
      } else if (cached === MET_ONCE) {
        // Null first, so the writer of its own below writes it out instead of asking again (this
        // writer is in the middle of its buffer).
        frozenBytes.set(value, null);
        cached = isDeepFrozenData(value) ? frozenValueBytes(value) : null;
        frozenBytes.set(value, cached);
      }
      if (cached !== undefined && cached !== null && cached !== MET_ONCE) {
        this.raw(cached);
        return;
      }
    }
    if (Array.isArray(value)) {
      this.byte(0x5b);
      for (let i = 0; i < value.length; i++) {
        if (i > 0) this.byte(0x2c);
        // A hole stays empty, as Array.prototype.map and join leave it in canonicalJson.
        if (!(i in value)) continue;
        const v: unknown = value[i];
        if (v === undefined) this.ascii(NULL);
        else this.value(v);
      }
      this.byte(0x5d);
      return;
    }
    const record = value as Record<string, unknown>;
    const { keys, sorted, quotedUtf8: names } = orderOfRecord(record);
    this.byte(0x7b);
    let first = true;
    for (let j = 0; j < keys.length; j++) {
      const v = record[keys[sorted[j] as number] as string];
      if (v === undefined) continue;
      if (!first) this.byte(0x2c);
      first = false;
      this.raw(names[j] as Uint8Array);
      this.value(v);
    }
    this.byte(0x7d);
  }
}
