// Exact BigInt references for the money the affordability checks use, worked out from the decimals
// as written (not from the engine's own fractions): a plan's instalment, the revolving annuity and a
// share of an income, each in integer fen.

/** A non-negative decimal as the exact fraction `units / scale` of its digits (`String` of a policy rate is the decimal written). */
export function decimalFraction(digits: string): { units: bigint; scale: bigint } {
  const [whole, frac = ''] = digits.split('.');
  if (/e/i.test(digits)) throw new Error(`write ${digits} without an exponent`);
  return { units: BigInt(`${whole}${frac}`), scale: 10n ** BigInt(frac.length) };
}

/** ceil(P x (1 + fee + months x monthlyFee) / months): principal and plan fee in equal parts, plus the monthly fee. */
export function exactInstalment(principal: number, months: number, fee: string, monthlyFee: string): number {
  if (principal <= 0) return 0;
  const f = decimalFraction(fee);
  const m = decimalFraction(monthlyFee);
  const num = BigInt(principal) * (f.scale * m.scale + f.units * m.scale + BigInt(months) * m.units * f.scale);
  const den = BigInt(months) * f.scale * m.scale;
  return Number((num + den - 1n) / den);
}

/** ceil(P r (1 + r)^n / ((1 + r)^n - 1)) with r = aprBp / 120,000; ceil(P / n) at a zero rate. */
export function exactAnnuity(principal: number, aprBp: string, n: number): number {
  if (principal <= 0) return 0;
  const { units: a, scale } = decimalFraction(aprBp);
  const b = scale * 120_000n;
  if (a === 0n) return Number((BigInt(principal) + BigInt(n) - 1n) / BigInt(n));
  const grown = (a + b) ** BigInt(n);
  const num = BigInt(principal) * a * grown;
  const den = b * (grown - b ** BigInt(n));
  return Number((num + den - 1n) / den);
}

/** floor(fen x share) for a share written as a decimal. */
export function exactShareOf(fen: number, share: string): number {
  const { units, scale } = decimalFraction(share);
  return Number((BigInt(fen) * units) / scale);
}

/** A policy rate as the decimal written: `String` gives the shortest decimal, written out without an exponent. */
export function rateText(rate: number): string {
  const s = String(rate);
  if (!/e/i.test(s)) return s;
  return rate.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}
