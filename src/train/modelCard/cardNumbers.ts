/**
 * How a model card writes its numbers, one way for the default model's card and a trained model's:
 * shares as percentages, other numbers as integers or with a fixed number of decimals.
 */

/** A share as a percentage with `digits` decimals: `0.2345` is `23.5%`. */
export function cardPercent(x: number, digits = 1): string {
  return `${(x * 100).toFixed(digits)}%`;
}

/** An integer as written, any other number with `digits` decimals. */
export function cardNumber(x: number, digits = 4): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(digits);
}

/** A monotone direction as the card's features table states it. */
export function cardDirection(m: -1 | 0 | 1): string {
  return m === 1 ? '+1 (risk may only rise)' : m === -1 ? '-1 (risk may only fall)' : '0 (free)';
}
