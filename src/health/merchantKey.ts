/**
 * The key two merchant names are matched by: Unicode NFKC (full-width and half-width forms agree),
 * trimmed, inner whitespace collapsed, lower case. "ＫＦＣ " and "kfc" are the same merchant.
 */
export function merchantKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}
