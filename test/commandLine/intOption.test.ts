import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/commandLine/commandIo.js';
import { intOption } from '../../src/commandLine/intOption.js';

const refusal = (raw: string, min = 1, max = 1_000_000): string => {
  try {
    intOption(raw, 'n', 7, max, min);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error(`"${raw}" was read`);
};

describe('intOption', () => {
  it('absent: the fallback', () => {
    expect(intOption(undefined, 'n', 7, 10)).toBe(7);
  });

  it('law: every whole number in range, written in digits, reads back as itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (n) => intOption(String(n), 'n', 7, 2 ** 32 - 1, 0) === n),
      { numRuns: 300 },
    );
  });

  it('law: no other writing of a number Number() reads is read (hexadecimal, exponent, spaces, sign, leading zero, point)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (n) => {
        for (const text of [
          `0x${n.toString(16)}`,
          `0o${n.toString(8)}`,
          `0b${n.toString(2)}`,
          `${n}e0`,
          ` ${n}`,
          `${n} `,
          `\t${n}`,
          `+${n}`,
          `0${n}`,
          `${n}.0`,
          `${n}.`,
        ]) {
          expect(Number(text), text).toBe(n);
          expect(refusal(text), text).toContain(`got "${text}"`);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('says what is wrong with the text, and the range it takes', () => {
    expect(refusal('0x10')).toBe('--n expects a whole number in [1, 1000000] written in digits, got "0x10" (hexadecimal, octal and binary are not read)');
    expect(refusal('')).toMatch(/got "" \(it is empty\)$/);
    expect(refusal(' 16')).toMatch(/\(spaces around it are not read\)$/);
    expect(refusal('1e1')).toMatch(/\(exponents are not read\)$/);
    expect(refusal('Infinity')).toMatch(/\(it is not a finite number\)$/);
    expect(refusal('2.5')).toMatch(/\(it is not a whole number\)$/);
    expect(refusal('016')).toMatch(/\(leading zeros are not read/);
    expect(refusal('-3')).toMatch(/\(a sign is not read\)$/);
    expect(refusal('sixteen')).toMatch(/\(it is not a number written in decimal digits\)$/);
    // Out of range: the range says it; a text of many digits is out of range, not rounded into it.
    expect(refusal('0')).toBe('--n expects a whole number in [1, 1000000] written in digits, got "0"');
    expect(refusal('1000001')).toMatch(/got "1000001"$/);
    expect(refusal('1000000000000000000000001', 0, Number.MAX_SAFE_INTEGER)).toMatch(/got "1000000000000000000000001"$/);
  });

  it('a range from 0 takes 0, and only written as 0', () => {
    expect(intOption('0', 'n', 7, 10, 0)).toBe(0);
    expect(refusal('00', 0, 10)).toMatch(/leading zeros/);
    expect(refusal('-0', 0, 10)).toMatch(/a sign/);
  });
});
