import { CreditliftError } from '../../errors/creditliftError.js';
import { WireType } from './protobufWriter.js';

/**
 * A minimal protocol-buffers wire-format reader. Every malformed input (truncated varint, length
 * past the end, unknown wire type) becomes a CreditliftError 'model_load_failed', never a
 * RangeError from deep inside a DataView.
 */

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** One field key: field number and wire type. */
export interface ProtoTag {
  readonly field: number;
  readonly wireType: number;
}

/** Reads protobuf fields sequentially from a byte range. */
export class ProtoReader {
  private pos = 0;
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** True when every byte has been consumed. */
  get done(): boolean {
    return this.pos >= this.bytes.length;
  }

  private fail(what: string): never {
    throw new CreditliftError('model_load_failed', `Malformed protobuf: ${what} at byte ${this.pos}`);
  }

  /** Reads a varint as a JS number; int64 negatives (10-byte two's complement) come back negative. */
  varint(): number {
    let lo = 0;
    let hi = 0;
    let shift = 0;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.bytes.length) this.fail('truncated varint');
      const b = this.bytes[this.pos++] as number;
      if (shift < 28) lo |= (b & 0x7f) << shift;
      else if (shift === 28) {
        lo |= (b & 0x0f) << 28;
        hi |= (b & 0x7f) >> 4;
      } else hi |= (b & 0x7f) << (shift - 32);
      if ((b & 0x80) === 0) {
        // hi is signed 32-bit after the shifts, which is what int64 sign extension means.
        return hi * 0x1_0000_0000 + (lo >>> 0);
      }
      shift += 7;
    }
    return this.fail('varint longer than 10 bytes');
  }

  /** Reads a field key. */
  tag(): ProtoTag {
    const key = this.varint();
    if (key <= 0) this.fail('invalid field key');
    return { field: Math.floor(key / 8), wireType: key % 8 };
  }

  /** Reads a length-delimited field's payload (a view, not a copy). */
  bytesValue(): Uint8Array {
    const len = this.varint();
    if (len < 0 || this.pos + len > this.bytes.length) this.fail('length past end of buffer');
    const out = this.bytes.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }

  /** Reads a length-delimited field as UTF-8. */
  stringValue(): string {
    return utf8.decode(this.bytesValue());
  }

  /** Reads a fixed32 float. */
  floatValue(): number {
    if (this.pos + 4 > this.bytes.length) this.fail('truncated float');
    const v = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    return v;
  }

  /** Reads a fixed64 double. */
  doubleValue(): number {
    if (this.pos + 8 > this.bytes.length) this.fail('truncated double');
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  /** Skips a field's value of the given wire type. */
  skip(wireType: number): void {
    switch (wireType) {
      case WireType.VARINT:
        this.varint();
        return;
      case WireType.FIXED64:
        if (this.pos + 8 > this.bytes.length) this.fail('truncated fixed64');
        this.pos += 8;
        return;
      case WireType.LENGTH_DELIMITED:
        this.bytesValue();
        return;
      case WireType.FIXED32:
        if (this.pos + 4 > this.bytes.length) this.fail('truncated fixed32');
        this.pos += 4;
        return;
      default:
        this.fail(`unsupported wire type ${wireType}`);
    }
  }

  /** Appends a repeated varint field's values, packed or not, to `out`. */
  repeatedVarints(wireType: number, out: number[]): void {
    if (wireType === WireType.VARINT) {
      out.push(this.varint());
      return;
    }
    if (wireType !== WireType.LENGTH_DELIMITED) this.fail('repeated varint field with wrong wire type');
    const sub = new ProtoReader(this.bytesValue());
    while (!sub.done) out.push(sub.varint());
  }

  /** Appends a repeated float field's values, packed or not, to `out`. */
  repeatedFloats(wireType: number, out: number[]): void {
    if (wireType === WireType.FIXED32) {
      out.push(this.floatValue());
      return;
    }
    if (wireType !== WireType.LENGTH_DELIMITED) this.fail('repeated float field with wrong wire type');
    const payload = this.bytesValue();
    if (payload.length % 4 !== 0) this.fail('packed floats not a multiple of 4 bytes');
    const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
    for (let i = 0; i < payload.length; i += 4) out.push(view.getFloat32(i, true));
  }

  /** Appends a repeated double field's values, packed or not, to `out`. */
  repeatedDoubles(wireType: number, out: number[]): void {
    if (wireType === WireType.FIXED64) {
      out.push(this.doubleValue());
      return;
    }
    if (wireType !== WireType.LENGTH_DELIMITED) this.fail('repeated double field with wrong wire type');
    const payload = this.bytesValue();
    if (payload.length % 8 !== 0) this.fail('packed doubles not a multiple of 8 bytes');
    const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
    for (let i = 0; i < payload.length; i += 8) out.push(view.getFloat64(i, true));
  }
}
