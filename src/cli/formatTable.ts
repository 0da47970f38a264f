import { terminalText } from '../text/terminalText.js';

/**
 * Left-aligned text columns for terminals, widths from the widest cell. East Asian wide characters
 * count two columns so Chinese names line up. Cells are escaped for the terminal ({@link terminalText}):
 * they hold names from input (a catalog, an applicant's uploads).
 */
export function formatTable(header: readonly string[], body: readonly (readonly string[])[]): string {
  const rows = body.map((r) => r.map((c) => terminalText(c)));
  const widths = header.map((h, j) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[j] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, j) => (j === cells.length - 1 ? c : c + ' '.repeat((widths[j] ?? 0) - displayWidth(c))))
      .join('  ')
      .trimEnd();
  return `${[line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`;
}

/** Terminal columns a string takes: CJK ideographs, fullwidth forms and CJK punctuation take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6)
        ? 2
        : 1;
  }
  return w;
}
