/** A character by its code point as Unicode writes it (`U+202E`, `U+1F600`): shown where the character itself would hide or act. */
export function codePointLabel(c: string): string {
  return `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}
