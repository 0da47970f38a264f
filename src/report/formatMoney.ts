/** Formats integer fen as RMB for people: 1234500 -> "¥12,345". Fen are shown only when present. */
export function formatRmb(fen: number): string {
  const yuan = Math.trunc(fen / 100);
  const cents = Math.abs(fen % 100);
  const whole = Math.abs(yuan).toLocaleString('en-US');
  return `${fen < 0 ? '-' : ''}¥${whole}${cents === 0 ? '' : `.${String(cents).padStart(2, '0')}`}`;
}

/** Formats a fraction as a percentage with the given decimals: 0.1825 -> "18.25%". */
export function formatPercent(x: number, digits = 2): string {
  return `${(x * 100).toFixed(digits)}%`;
}
