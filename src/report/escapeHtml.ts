import { codePointLabel } from '../text/codePointLabel.js';
const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Characters of input a page shows rather than obeys, as a terminal does (`terminalText`): the
 * format characters (bidi embeddings, overrides, isolates and marks: one U+202E in a model id turned
 * "Decision date 2026-11-24" beside it into "42-11-6202 :etad"; zero-width characters and a BOM, which
 * hide a difference), C0 and C1 controls and DEL (an ESC was written raw into the page, and is not
 * even allowed in the inline SVG's XML), line and paragraph separators, and lone surrogates (which
 * the page's UTF-8 writer would replace with U+FFFD without a word). And the `[` that starts text
 * spelling such an escape: `[U+202E]` typed as eight characters read as the escape of a real U+202E,
 * so it is shown `[U+005B]U+202E]`, as `terminalText` escapes a backslash before `u{`.
 */
const LAYOUT_CONTROLS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]|\[(?=U\+)/gu;

/**
 * Escapes text for HTML element content and quoted attributes. Every string that comes from a
 * decisions file (kinds, reason texts, ids) passes through here: the file is data, never markup,
 * and never layout: a control or format character is shown as its code point (`[U+202E]`,
 * `[U+001B]`), not obeyed.
 */
export function escapeHtml(text: string): string {
  return shownText(text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string));
}

/**
 * The text as a page shows it: each control, format character, separator and lone surrogate as its
 * code point (`[U+202E]`), and a `[` before `U+` as its own (`[U+005B]`), so the escapes are
 * unambiguous: replacing each `[U+XXXX]` by its code point gives the text back.
 * @example shownText('a\u202E [U+202E]') // 'a[U+202E] [U+005B]U+202E]'
 */
export function shownText(text: string): string {
  return text.replace(LAYOUT_CONTROLS, (c) => `[${codePointLabel(c)}]`);
}
