import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundsToInteger } from '../../src/text/roundsToInteger.js';

/** Whether the decimal a text writes is an integer, by exact BigInt arithmetic (the oracle). */
function writtenIsInteger(text: string): boolean {
  const m = /^[-+]?(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/.exec(text)!;
  const digits = BigInt(`${m[1]}${m[2] ?? ''}` || '0');
  const exponent = Number(m[3] ?? 0) - (m[2] ?? '').length;
  return exponent >= 0 || digits % 10n ** BigInt(-exponent) === 0n;
}

describe('roundsToInteger', () => {
  it('is true for a fraction a double cannot hold that parses to an integer; false for integers written and fractions held', () => {
    for (const t of ['999999.99999999999', '650000.00000000001', '2.0000000000000001', '1.00000000000000001', '0.99999999999999999', '1e-400', '-1e-400'])
      expect(roundsToInteger(t), t).toBe(true);
    expect(Number('999999.99999999999')).toBe(1_000_000);
    for (const t of ['650000', '650000.0', '6.5e5', '65e4', '1e21', '0', '-0.0', '650000.5', '6.5', '0.98', '1e-300', '5e-324', '1.5', '.5', '1.', '+2.0'])
      expect(roundsToInteger(t), t).toBe(false);
  });

  it('law: true exactly when the written decimal is not an integer but Number(text) is', () => {
    const digits = (max: number) => fc.string({ unit: fc.constantFrom('0', '1', '5', '9'), maxLength: max });
    // Near-integers (long runs of 0 or 9 after the point) besides arbitrary digit strings.
    const frac = fc.oneof(
      digits(25),
      fc.tuple(fc.integer({ min: 0, max: 24 }), fc.constantFrom('0', '9'), digits(3)).map(([n, d, tail]) => d.repeat(n) + tail),
    );
    const text = fc
      .tuple(fc.constantFrom('', '-', '+'), digits(20), fc.option(frac), fc.option(fc.integer({ min: -40, max: 40 })), fc.constantFrom('e', 'E'))
      .map(([sign, int, f, exp, e]) => `${sign}${int}${f === null ? '' : `.${f}`}${exp === null ? '' : `${e}${exp}`}`)
      .filter((t) => /\d/.test(t));
    fc.assert(
      fc.property(text, (t) => {
        expect(roundsToInteger(t)).toBe(!writtenIsInteger(t) && Number.isInteger(Number(t)));
      }),
      { seed: 20_261_203, numRuns: 2_000 },
    );
  });

  it('decides an exponent too long for a double by its sign, without arithmetic on it', () => {
    expect(roundsToInteger(`1.5e${'9'.repeat(400)}`)).toBe(false); // an integer (Infinity as a double)
    expect(roundsToInteger(`1.5e-${'9'.repeat(400)}`)).toBe(true); // a fraction read as 0
    expect(roundsToInteger('1.5e-0000000000000000000001')).toBe(false); // 0.15, held as a fraction
  });
});
