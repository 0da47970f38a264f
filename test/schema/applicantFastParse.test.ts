import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Applicant } from '../../src/schema/applicant.js';
import { applicantFastParse } from '../../src/schema/applicantFastParse.js';
import { compileFastParse, type FastParse, NOT_SURE } from '../../src/schema/compileFastParse.js';
import { safeParseApplicant } from '../../src/schema/parseApplicant.js';
import { safeParseApplicantWithZod } from '../../src/schema/parseApplicantWithZod.js';
import { IsoDate } from '../../src/schema/primitives.js';
import { readPlainData } from '../../src/schema/readPlainData.js';
import { isParsedApplicant } from '../../src/schema/parsedApplicants.js';
import { baseApplicantInput } from '../helpers/baseApplicant.js';
import { expectSameAsZod, keyOrder, mutate, mutatedApplicant, type Tally, validApplicantJson } from './fastParseEquivalence.js';

const SEED = 20_261_128;

function compiled(generateCode: boolean): FastParse {
  const c = compileFastParse(Applicant, { generateCode });
  if (!c.ok) throw new Error(`the Applicant schema no longer compiles: ${c.reason}`);
  return c.parse;
}

describe('the fast path is compiled from the zod Applicant schema', () => {
  it('compiles: a schema change it does not understand fails here, not silently in the bench', () => {
    const c = applicantFastParse();
    expect(c.ok ? 'compiled' : c.reason).toBe('compiled');
  });

  for (const generateCode of [true, false]) {
    const fast = compiled(generateCode);
    const label = generateCode ? 'generated' : 'closure';

    it(`law (${label}): on random valid applicants the fast path answers, with exactly zod's value, key order and JSON`, () => {
      fc.assert(
        fc.property(validApplicantJson, (json) => {
          expect(fast(structuredClone(json))).not.toBe(NOT_SURE);
          expectSameAsZod(fast, () => structuredClone(json));
        }),
        { seed: SEED, numRuns: generateCode ? 150 : 60 },
      );
    });

    it(`law (${label}): on random mutations it never accepts what zod refuses, and parseApplicant's errors are zod's`, () => {
      const tally: Tally = { accepted: 0, notSure: 0 };
      fc.assert(
        fc.property(mutatedApplicant, ({ base, mutations }) => expectSameAsZod(fast, () => mutate(base, mutations), tally)),
        { seed: SEED, numRuns: generateCode ? 250 : 120 },
      );
      // Not vacuous: some mutations stay valid (-0, a getter, a proxy, a key dropped) and are answered.
      expect(tally.accepted).toBeGreaterThan(0);
      expect(tally.notSure).toBeGreaterThan(tally.accepted);
    });
  }

  it('applies defaults as zod does, fresh objects each time, and registers the result as parsed', () => {
    const input = baseApplicantInput();
    delete (input as { controls?: unknown }).controls;
    delete (input as { evidence?: unknown }).evidence;
    const a = safeParseApplicant(input);
    const b = safeParseApplicant(input);
    const z0 = Applicant.parse(readPlainData(input).value);
    if (!a.ok || !b.ok) throw new Error('expected valid');
    expect(isDeepStrictEqual(a.value, z0)).toBe(true);
    expect(keyOrder(a.value)).toEqual(keyOrder(z0));
    expect(a.value.controls).not.toBe(b.value.controls);
    expect(a.value.evidence).not.toBe(b.value.evidence);
    expect(isParsedApplicant(a.value)).toBe(true);
  });

  it('leaves NaN and the infinities to zod where no check would catch them (a certificate score)', () => {
    const fast = compiled(true);
    const item = {
      kind: 'ielts',
      issuer: 'IELTS',
      credentialId: 'X1',
      holder: { idHash: 'a'.repeat(64) },
      issueDate: '2025-01-01',
      verification: { method: 'issuer_api', confidence: 0.9 },
      documentHash: 'b'.repeat(64),
    };
    expect(fast({ ...baseApplicantInput(), evidence: [{ ...item, score: 6.5 }] })).not.toBe(NOT_SURE);
    for (const score of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(fast({ ...baseApplicantInput(), evidence: [{ ...item, score }] })).toBe(NOT_SURE);
    }
  });

  it('keeps -0 where zod keeps it, and a present undefined optional key as a key', () => {
    const input = { ...baseApplicantInput(), socialInsuranceMonths: -0, controls: { requestedLimit: undefined } };
    const fast = compiled(true)(input);
    const zod = safeParseApplicantWithZod(input);
    if (!zod.ok) throw new Error('expected valid');
    expect(Object.is((fast as Applicant).socialInsuranceMonths, -0)).toBe(true);
    expect(isDeepStrictEqual(fast, zod.value)).toBe(true);
    expect(Object.keys((fast as Applicant).controls)).toEqual(['requestedLimit']);
  });

  it("leaves to zod, with today's errors, what readPlainData refuses by name", () => {
    const fast = compiled(true);
    const cases: [string, () => unknown][] = [
      ['a __proto__ key', () => JSON.parse(JSON.stringify(baseApplicantInput()).replace('{', '{"__proto__":{"x":1},'))],
      ['a protected characteristic', () => ({ ...baseApplicantInput(), gender: 'f' })],
      ['a Map', () => ({ ...baseApplicantInput(), controls: new Map() })],
      ['a hole', () => ({ ...baseApplicantInput(), evidence: new Array(1) })],
      [
        'a throwing getter',
        () =>
          Object.defineProperty(baseApplicantInput(), 'id', {
            get() {
              throw new Error('no');
            },
            enumerable: true,
          }),
      ],
      ['51 evidence items', () => ({ ...baseApplicantInput(), evidence: Array.from({ length: 51 }, () => ({})) })],
    ];
    for (const [name, build] of cases) {
      expect(fast(build()), name).toBe(NOT_SURE);
      const zod = safeParseApplicantWithZod(build());
      const pub = safeParseApplicant(build());
      expect(zod.ok, name).toBe(false);
      if (!zod.ok && !pub.ok) expect(pub.error.issues, name).toEqual(zod.error.issues);
    }
  });

  it('an enumerable key on Object.prototype sends every input to zod (which sees it on the plain copy)', () => {
    const fast = compiled(true);
    const input = baseApplicantInput();
    expect(fast(input)).not.toBe(NOT_SURE);
    Object.defineProperty(Object.prototype, 'polluted', { value: 1, enumerable: true, configurable: true, writable: true });
    let answer: unknown;
    try {
      answer = fast(input);
    } finally {
      delete (Object.prototype as { polluted?: unknown }).polluted;
    }
    expect(answer).toBe(NOT_SURE);
  });
});

describe('compileFastParse on other schemas', () => {
  const anything = fc.anything({ withNullPrototype: true, withBoxedValues: true, withMap: true });
  const fields = {
    a: fc.oneof(fc.string(), fc.constant(undefined)),
    b: fc.oneof(fc.integer(), fc.constant(null), fc.double()),
    c: fc.constantFrom('k', 'j', undefined),
    d: fc.array(fc.boolean(), { maxLength: 4 }),
    f: fc.oneof(fc.double(), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0)),
    s: fc.string({ maxLength: 4 }),
    n: fc.constantFrom(0, 0.5, 3, 1.25, -0, Number.NaN),
    e: fc.constantFrom('p', 'q', 'z', undefined),
    r: fc.constantFrom('a', 'aa', 'b', ''),
  };
  const cases: [string, z.ZodType, fc.Arbitrary<unknown>][] = [
    [
      'strip object, optional of default, nullable, literal, a number without checks',
      z.object({
        a: z.string().optional().default('x'),
        b: z.number().int().nullable(),
        c: z.literal('k').optional(),
        d: z.array(z.boolean()).min(1).max(3).default([true]),
        f: z.number().optional(),
      }),
      fc.oneof(anything, fc.record({ a: fields.a, b: fields.b, c: fields.c, d: fields.d, f: fields.f }, { requiredKeys: [] })),
    ],
    [
      'overwriting and refining checks',
      z.strictObject({
        s: z.string().trim().min(2),
        n: z
          .number()
          .multipleOf(0.5)
          .refine((n) => n !== 3),
      }),
      fc.oneof(anything, fc.record({ s: fields.s, n: fields.n }, { requiredKeys: [] })),
    ],
    [
      'exact optional, enum, regex',
      z.strictObject({ e: z.enum(['p', 'q']).exactOptional(), r: z.string().regex(/^a+$/) }),
      fc.oneof(anything, fc.record({ e: fields.e, r: fields.r, s: fields.s }, { requiredKeys: ['r'] })),
    ],
  ];
  for (const [name, schema, inputs] of cases) {
    it(`law: ${name}: whatever it accepts, zod accepts with the same value and key order`, () => {
      const c = compileFastParse(schema);
      if (!c.ok) throw new Error(c.reason);
      let accepted = 0;
      fc.assert(
        fc.property(inputs, (input) => {
          const quick = c.parse(input);
          if (quick === NOT_SURE) return;
          accepted++;
          const read = readPlainData(input);
          const zod = schema.safeParse(read.value);
          expect(read.issues).toEqual([]);
          expect(zod.success).toBe(true);
          expect(isDeepStrictEqual(quick, zod.data)).toBe(true);
          expect(keyOrder(quick)).toEqual(keyOrder(zod.data));
        }),
        { seed: SEED, numRuns: 300 },
      );
      expect(accepted).toBeGreaterThan(0);
    });
  }

  it('refuses to compile what it does not understand', () => {
    for (const schema of [
      z.union([z.string(), z.number()]),
      z.object({ a: z.string().transform((s) => s.length) }),
      z.record(z.string(), z.number()),
      z.coerce.number(),
    ]) {
      expect(compileFastParse(schema).ok).toBe(false);
    }
  });

  it('law: IsoDate compiled accepts a string only where zod does', () => {
    const c = compileFastParse(IsoDate);
    if (!c.ok) throw new Error(c.reason);
    const dateLike = fc
      .tuple(fc.integer({ min: -1, max: 10_000 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
      .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.oneof(dateLike, fc.string()), (s) => {
        expect(c.parse(s) !== NOT_SURE).toBe(IsoDate.safeParse(s).success);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});
