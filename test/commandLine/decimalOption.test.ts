import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/commandLine/commandIo.js';
import { type DecimalRange, decimalOption } from '../../src/commandLine/decimalOption.js';

const SHARE: DecimalRange = { min: 0, minOpen: true, max: 1 };

const refusal = (raw: string, range: DecimalRange = SHARE): string => {
  try {
    decimalOption(raw, 'x', range);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error(`"${raw}" was read`);
};

describe('decimalOption', () => {
  it('absent: undefined', () => {
    expect(decimalOption(undefined, 'x', SHARE)).toBeUndefined();
  });

  it('law: a decimal text in range reads as the number it writes', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1000 }), fc.option(fc.stringMatching(/^[0-9]{1,12}$/), { nil: undefined }), (whole, fraction) => {
        const text = fraction === undefined ? String(whole) : `${whole}.${fraction}`;
        return decimalOption(text, 'x', { min: 0 }) === Number(text);
      }),
      { numRuns: 300 },
    );
  });

  it('law: no other writing of a number Number() reads is read', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), (k) => {
        const text = `0.${k}`;
        for (const other of [`${k}e-${String(k).length}`, ` ${text}`, `${text} `, `+${text}`, text.slice(1), `0${text}`, `0x${k.toString(16)}`]) {
          if (Number.isFinite(Number(other))) expect(refusal(other, { min: 0 }), other).toContain(`got "${other}"`);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('says the range and what is wrong', () => {
    expect(refusal('5e-2')).toBe('--x expects a number (0, 1] written in decimal digits (like 0.05), got "5e-2" (exponents are not read)');
    expect(refusal('.5')).toMatch(/\(write a digit on each side of the point \(0\.5\)\)$/);
    expect(refusal('Infinity', { min: 0 })).toMatch(/^--x expects a number >= 0 .*\(it is not a finite number\)$/);
    expect(refusal('1', { min: 0, max: 1, maxOpen: true })).toMatch(/^--x expects a number \[0, 1\) /);
  });

  it('bounds hold for the text as written: a double rounding it onto a bound or past every number does not let it in', () => {
    expect(refusal('0')).toMatch(/got "0"$/);
    expect(refusal('0.000')).toMatch(/got "0.000"$/);
    // 1.00000000000000001 is 1 as a double: above 1 as written.
    expect(Number('1.00000000000000001')).toBe(1);
    expect(refusal('1.00000000000000001')).toMatch(/got "1.00000000000000001"$/);
    expect(decimalOption('1.000', 'x', SHARE)).toBe(1);
    // Above 0 as written, 0 as a double.
    const tiny = `0.${'0'.repeat(400)}1`;
    expect(refusal(tiny)).toMatch(/\(it rounds to 0 as a double\)$/);
    const huge = `1${'0'.repeat(400)}`;
    expect(refusal(huge, { min: 0 })).toMatch(/\(it rounds to Infinity as a double\)$/);
  });
});
