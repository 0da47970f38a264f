/**
 * A minimal protocol-buffers wire-format writer: just the field kinds onnx.proto needs
 * (varints, length-delimited bytes, strings and sub-messages, packed numeric arrays).
 * Fields are written in the order the caller writes them, so the same calls give the same bytes.
 */

/** Protobuf wire types used by onnx.proto. */
export const WireType = { VARINT: 0, FIXED64: 1, LENGTH_DELIMITED: 2, FIXED32: 5 } as const;

const utf8 = new TextEncoder();

/** Appends protobuf fields to a growing buffer; `finish()` returns the encoded message. */
export class ProtoWriter {
  private buf = new Uint8Array(256);
  private view = new DataView(this.buf.buffer);
  private pos = 0;

  private ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** Writes an unsigned or signed 64-bit integer as a varint (negatives as 10-byte two's complement). */
  varint(value: number): this {
    if (!Number.isSafeInteger(value)) throw new RangeError(`protobuf varint must be a safe integer, got ${value}`);
    if (value < 0) {
      // int64 negatives are sign-extended to 64 bits on the wire.
      let big = BigInt.asUintN(64, BigInt(value));
      this.ensure(10);
      while (big > 0x7fn) {
        this.buf[this.pos++] = Number(big & 0x7fn) | 0x80;
        big >>= 7n;
      }
      this.buf[this.pos++] = Number(big);
      return this;
    }
    this.ensure(10);
    let v = value;
    while (v > 0x7f) {
      this.buf[this.pos++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.pos++] = v;
    return this;
  }

  /** Writes a field key. */
  tag(field: number, wireType: number): this {
    return this.varint(field * 8 + wireType);
  }

  /** Writes a varint field (int32, int64, enum, bool). */
  int64Field(field: number, value: number): this {
    return this.tag(field, WireType.VARINT).varint(value);
  }

  /** Writes a float field (fixed32, IEEE single precision). */
  floatField(field: number, value: number): this {
    this.tag(field, WireType.FIXED32);
    this.ensure(4);
    this.view.setFloat32(this.pos, value, true);
    this.pos += 4;
    return this;
  }

  /** Writes a length-delimited bytes field. */
  bytesField(field: number, bytes: Uint8Array): this {
    this.tag(field, WireType.LENGTH_DELIMITED).varint(bytes.length);
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
    return this;
  }

  /** Writes a UTF-8 string field. */
  stringField(field: number, value: string): this {
    return this.bytesField(field, utf8.encode(value));
  }

  /** Writes a sub-message built by `build` on a fresh writer. */
  messageField(field: number, build: (w: ProtoWriter) => void): this {
    const sub = new ProtoWriter();
    build(sub);
    return this.bytesField(field, sub.finish());
  }

  /** Writes a packed repeated varint field (int64s). Empty arrays are omitted. */
  packedVarints(field: number, values: ArrayLike<number>): this {
    if (values.length === 0) return this;
    const sub = new ProtoWriter();
    for (let i = 0; i < values.length; i++) sub.varint(values[i] as number);
    return this.bytesField(field, sub.finish());
  }

  /** Writes a packed repeated float field. Empty arrays are omitted. */
  packedFloats(field: number, values: ArrayLike<number>): this {
    if (values.length === 0) return this;
    const bytes = new Uint8Array(values.length * 4);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i] as number, true);
    return this.bytesField(field, bytes);
  }

  /** Writes a packed repeated double field. Empty arrays are omitted. */
  packedDoubles(field: number, values: ArrayLike<number>): this {
    if (values.length === 0) return this;
    const bytes = new Uint8Array(values.length * 8);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i] as number, true);
    return this.bytesField(field, bytes);
  }

  /** The encoded bytes (a copy, so the writer can be dropped). */
  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}
