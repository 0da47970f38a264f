/**
 * Code points a terminal must not be handed raw from untrusted text: C0 and C1 controls and DEL
 * (`\p{Cc}`: ESC starts the CSI and OSC sequences that clear the screen, set the window title or
 * recolour what follows; U+009B is CSI in one code point), format characters (`\p{Cf}`: the bidi
 * embeddings, overrides and isolates U+202A-U+202E and U+2066-U+2069 reorder the text around them;
 * zero-width characters hide it), line and paragraph separators, and lone surrogates. And a backslash
 * that starts `u{`: input spelling `\u{1b}` would otherwise print exactly as a real ESC escaped.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]|\\(?=u\{)/gu;
const UNSAFE_KEEPING_LINE_BREAKS = /(?!\n)[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]|\\(?=u\{)/gu;

/** Options of {@link terminalText}. */
export interface TerminalTextOptions {
  /** Leave `\n` as it is: for text of several lines the program itself composed. Default false. */
  readonly keepLineBreaks?: boolean;
}

/**
 * Makes text from input (an applicant id, a certificate kind, an unknown key, a catalog name) safe to
 * print on a terminal: every control, format character, separator and lone surrogate becomes a
 * visible escape `\u{1b}` (hex code point), so it can neither drive the terminal nor reorder or hide
 * what is printed beside it. A backslash followed by `u{` is escaped too (`\u{5c}`), so the escapes are
 * unambiguous: the text `\u{1b}` prints `\u{5c}u{1b}`, a real ESC `\u{1b}`, and replacing each
 * `\u{hex}` by its code point gives the input back. Every other character is kept as it is (Chinese
 * names, and a backslash before anything else, as in a Windows path). For what people read on a
 * terminal or in a log only: data written as data (NDJSON lines, `--json`) keeps its exact values.
 *
 * @example
 * terminalText('app-\u001b[2J\u202Eevil'); // 'app-\u{1b}[2J\u{202e}evil' (the escapes as plain text)
 */
export function terminalText(text: string, options: TerminalTextOptions = {}): string {
  return text.replace(options.keepLineBreaks === true ? UNSAFE_KEEPING_LINE_BREAKS : UNSAFE, (c) => `\\u{${(c.codePointAt(0) ?? 0).toString(16)}}`);
}
