import fc from 'fast-check';

// Values canonicalJson may meet: every JSON value, plus what JSON drops or rewrites (undefined
// members and elements, NaN and infinities, -0, holes, functions, dates, keys needing escapes).
export const awkward = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.anything({ withNullPrototype: true, withSparseArray: true, withDate: true, withBoxedValues: false, withBigInt: false, withMap: false, withSet: false }),
    fc.constantFrom(undefined, Number.NaN, Number.POSITIVE_INFINITY, -0, 1e21, 5e-324, () => 1, '\u2028', '\ud800'),
    fc.array(tie('value')),
    fc.dictionary(fc.string(), tie('value')),
  ),
}));
