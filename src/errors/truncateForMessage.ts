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
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}
