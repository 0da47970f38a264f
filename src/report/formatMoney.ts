import { yuanDigits } from '../common/yuanDigits.js';

/**
 * Formats integer fen as RMB for people: 1234500 -> "¥12,345", 1234567 -> "¥12,345.67". Fen are
 * shown only when present; exact over the whole safe-integer range (see yuanDigits).
 *
 * @throws ValidationError for a fraction of a fen, NaN or an infinity
 */
export function formatRmb(fen: number): string {
  const digits = yuanDigits(fen);
  return digits.startsWith('-') ? `-¥${digits.slice(1)}` : `¥${digits}`;
}

/** Formats a fraction as a percentage with the given decimals: 0.1825 -> "18.25%". */
export function formatPercent(x: number, digits = 2): string {
  return `${(x * 100).toFixed(digits)}%`;
}
