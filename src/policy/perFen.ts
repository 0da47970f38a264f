/**
 * A monthly payment per fen of principal as an exact fraction of integers, `numerator / denominator`
 * (both positive): the payment on `principal` fen is `principal x numerator / denominator`, rounded
 * up to the fen. Exact, so a payment that is a whole number of fen (13,800 RMB on the 12-month plan
 * at 8.8% is 1,251.20 RMB) is that number, where the product with a binary factor landed a hair
 * above it and was rounded up a whole fen.
 */
export interface PerFen {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

/**
 * The monthly payment of `principal` fen, in integer fen rounded up (conservative); 0 for no
 * principal.
 *
 * @example paymentOn(1_380_000, { numerator: 1_088n, denominator: 12_000n }) // 125_120
 */
export function paymentOn(principal: number, perFen: PerFen): number {
  if (principal <= 0) return 0;
  const { numerator, denominator } = perFen;
  // principal <= 2^53 times a numerator of any size: in BigInt; ceil for positive values.
  return Number((BigInt(principal) * numerator + denominator - 1n) / denominator);
}

/**
 * The largest principal (fen) whose {@link paymentOn} is at most `maxPayment`; 0 when `maxPayment`
 * is not positive. Exact in closed form: `ceil(P x n / d) <= M` exactly when `P x n <= M x d`, so
 * it is `floor(M x d / n)`, held to the largest safe integer below 2^53.
 *
 * @example largestPrincipalAt(125_120, { numerator: 1_088n, denominator: 12_000n }) // 1_380_000
 */
export function largestPrincipalAt(maxPayment: number, perFen: PerFen): number {
  if (!(maxPayment > 0)) return 0;
  const principal = (BigInt(Math.floor(maxPayment)) * perFen.denominator) / perFen.numerator;
  return principal >= TOP ? Number(TOP) : Number(principal);
}

const TOP = BigInt(Number.MAX_SAFE_INTEGER - 1);

/** Whether `a` costs more a month than `b` per fen of principal (so at every principal, at least as much). */
export function costsMore(a: PerFen, b: PerFen): boolean {
  return a.numerator * b.denominator > b.numerator * a.denominator;
}
