import fc from 'fast-check';

// Values canonicalJson may meet: every JSON value, plus what JSON drops or rewrites (undefined
// members and elements, NaN and infinities, -0, holes, functions, dates, keys needing escapes).
export const awkward = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.anything({ withNullPrototype: true, withSparseArray: true, withDate: true, withBoxedValues: false, withBigInt: false, withMap: false, withSet: false }),
    fc.constantFrom(undefined, Number.NaN, Number.POSITIVE_INFINITY, -0, 1e21, 5e-324, () => 1, '\u2028', '\ud800'),
    // Integers take the writer's digit-by-digit path up to the safe range, String beyond it.
    fc.oneof(
      fc.maxSafeInteger(),
      fc.integer(),
      fc.constantFrom(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 53, -(2 ** 53), 1e20, 10, -10, 9, 99, 100),
    ),
    fc.array(fc.oneof(fc.constant(undefined), fc.integer()), { maxLength: 5 }),
    fc.array(tie('value')),
    fc.dictionary(fc.string(), tie('value')),
  ),
}));
