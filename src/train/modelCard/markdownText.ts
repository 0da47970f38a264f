import { terminalText } from '../../text/terminalText.js';

/**
 * Text read from a model folder (a column name, a category, a warning), written into a markdown
 * card so that it reads as the text itself: the card is printed on a terminal and rendered as
 * markdown, and a name like `a|b`, `*x*` or one holding an escape sequence would otherwise split a
 * table row, turn bold, or drive the terminal. Control and format characters are first shown as
 * `\u{..}` escapes (see `terminalText`).
 */

// The characters that start or end inline markup (emphasis, code, links, HTML, entities, strike-
// through) or a table cell. Markup that only opens a line (`#`, `-`, `1.`) is not escaped: the card
// never starts a line with text it read.
const MARKDOWN_SPECIAL = /[\\`*_[\]<>|~&]/g;

/**
 * `text` as plain markdown prose or a table cell: every character that could start markup is
 * backslash-escaped, so it renders as written.
 *
 * @example markdownText('debt_ratio*') // 'debt\\_ratio\\*'
 */
export function markdownText(text: string): string {
  return terminalText(text).replace(MARKDOWN_SPECIAL, (c) => `\\${c}`);
}

/**
 * `text` as a markdown code span (a name, a value as written): fenced with one backtick more than
 * the longest run inside it, padded with a space where it starts or ends with one. In a table cell
 * (`inTable`) a `|` is escaped, which GitHub's tables need even inside code and render as `|`.
 *
 * @example markdownCode('tier 3, west') // '`tier 3, west`'
 */
export function markdownCode(text: string, inTable = false): string {
  const shown = terminalText(text);
  const body = inTable ? shown.replace(/\|/g, '\\|') : shown;
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') || body === '' ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}
