/** Longest stretch of caller-supplied text (a key, a value) echoed into an error message or path. */
export const MAX_ECHO_LENGTH = 64;

/**
 * Caller text as an error may echo it: at most {@link MAX_ECHO_LENGTH} characters, and when cut, the
 * full length said. A 20 MB unknown key must not become a 60 MB error body (it used to be echoed
 * three times: path, issue message, error message).
 *
 * @example truncateForMessage('x'.repeat(100)); // 'xxxx…(64 x's)… (100 characters)'
 */
export function truncateForMessage(text: string, max: number = MAX_ECHO_LENGTH): string {
  if (text.length <= max) return text;
  // Never between the halves of a surrogate pair: half of one is a lone surrogate, which every UTF-8
  // writer replaces, and which a strict reader of the line written refuses (lone_surrogate).
  const end = isHighSurrogate(text.charCodeAt(max - 1)) && isLowSurrogate(text.charCodeAt(max)) ? max - 1 : max;
  return `${text.slice(0, end)}… (${text.length} characters)`;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
