/**
 * An applicant as one CSV row: every leaf under its dotted path (`income.monthlyNet`,
 * `evidence.0.kind`, `attributes.months_on_book`), written as `String(value)`.
 */
export function flattenApplicant(value: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flattenApplicant(v, prefix === '' ? k : `${prefix}.${k}`, out);
  } else if (value !== undefined) out[prefix] = String(value);
  return out;
}

/** Rows as CSV text: the header is every column any row has, in first-seen order; a missing cell is empty. */
export function rowsToCsv(rows: readonly Record<string, string>[]): string {
  const header = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return `${[header.join(','), ...rows.map((r) => header.map((h) => cell(r[h] ?? '')).join(','))].join('\n')}\n`;
}
