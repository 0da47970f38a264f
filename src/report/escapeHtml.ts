const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Characters that change how the text around them is laid out rather than being read: bidi
 * embeddings, overrides and isolates (U+202A-202E, U+2066-2069) and the directional marks. One
 * U+202E in a model id turned "Decision date 2026-11-24" beside it into "42-11-6202 :etad".
 */
const LAYOUT_CONTROLS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Escapes text for HTML element content and quoted attributes. Every string that comes from a
 * decisions file (kinds, reason texts, ids) passes through here: the file is data, never markup,
 * and never layout: a bidi control is shown as its code point (`[U+202E]`), not obeyed.
 */
export function escapeHtml(text: string): string {
  return shownText(text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string));
}

/** The text as a page shows it: each layout control as its code point (`[U+202E]`). */
export function shownText(text: string): string {
  return text.replace(LAYOUT_CONTROLS, (c) => `[U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}]`);
}
