import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CreditliftError } from '../src/errors/creditliftError.js';
import { ProtoReader } from '../src/model/onnx/protobufReader.js';
import { ProtoWriter, WireType } from '../src/model/onnx/protobufWriter.js';

describe('protobuf wire format', () => {
  it('every safe integer (int64 negatives included) reads back as written', () => {
    fc.assert(
      fc.property(
        fc.array(fc.maxSafeInteger(), { maxLength: 20 }),
        fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 }), { maxLength: 20 }),
        (big, small) => {
          const values = [...big, ...small, -1, 0, 2 ** 53 - 1, -(2 ** 53 - 1)];
          const w = new ProtoWriter();
          for (const v of values) w.int64Field(3, v);
          w.packedVarints(4, values);
          const r = new ProtoReader(w.finish());
          const single: number[] = [];
          const packed: number[] = [];
          while (!r.done) {
            const { field, wireType } = r.tag();
            if (field === 3) r.repeatedVarints(wireType, single);
            else r.repeatedVarints(wireType, packed);
          }
          expect(single).toEqual(values);
          expect(packed).toEqual(values);
        },
      ),
    );
  });

  it('floats, doubles and strings read back as written, packed or not', () => {
    fc.assert(
      fc.property(fc.array(fc.double()), fc.string(), (values, text) => {
        const w = new ProtoWriter().packedFloats(1, values).packedDoubles(2, values).stringField(3, text);
        for (const v of values) w.floatField(4, v);
        const r = new ProtoReader(w.finish());
        const f: number[] = [];
        const d: number[] = [];
        const f2: number[] = [];
        let s = '';
        while (!r.done) {
          const { field, wireType } = r.tag();
          if (field === 1) r.repeatedFloats(wireType, f);
          else if (field === 2) r.repeatedDoubles(wireType, d);
          else if (field === 3) s = r.stringValue();
          else r.repeatedFloats(wireType, f2);
        }
        const as32 = values.map((v) => Math.fround(v));
        expect(f).toEqual(as32);
        expect(f2).toEqual(as32);
        expect(d).toEqual(values);
        expect(s).toBe(text);
      }),
    );
  });

  it('unknown fields of every wire type are skipped', () => {
    const w = new ProtoWriter()
      .int64Field(1, 5)
      .floatField(2, 1.5)
      .bytesField(3, new Uint8Array([1, 2]))
      .tag(4, WireType.FIXED64);
    const bytes = new Uint8Array([...w.finish(), 0, 0, 0, 0, 0, 0, 0, 0]);
    const r = new ProtoReader(bytes);
    let seen = 0;
    while (!r.done) {
      r.skip(r.tag().wireType);
      seen++;
    }
    expect(seen).toBe(4);
  });

  it('truncated or garbage input throws model_load_failed, never a RangeError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const r = new ProtoReader(bytes);
        try {
          while (!r.done) r.skip(r.tag().wireType);
        } catch (e) {
          expect(e).toBeInstanceOf(CreditliftError);
          expect((e as CreditliftError).code).toBe('model_load_failed');
        }
      }),
      { numRuns: 500 },
    );
  });
});
