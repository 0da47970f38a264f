/** A UTF-16 surrogate not in a pair (a pair is one astral character to a `u` pattern). */
export const LONE_SURROGATE = /\p{Cs}/u;

const LONE_SURROGATES = /\p{Cs}/gu;

/** A surrogate as JSON escapes it (`\ud800`): six ASCII characters, writable anywhere. */
export function surrogateEscape(unit: string): string {
  return `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * `text` with each lone surrogate written as its JSON escape (`\ud800`), so an error or a path that
 * echoes caller text stays well-formed: written as UTF-8, a lone surrogate becomes U+FFFD, and a
 * strict reader of the line written refuses it. Pairs and everything else are kept.
 *
 * @example escapeLoneSurrogates('n\uDC00') // 'n\\udc00'
 */
export function escapeLoneSurrogates(text: string): string {
  return LONE_SURROGATE.test(text) ? text.replace(LONE_SURROGATES, surrogateEscape) : text;
}
