import { LINE_TOO_LONG_MESSAGE, type TextLine } from './splitLines.js';

/** Why a line of a text file cannot be read as written, in the words of an issue (`code`, `message`). */
export interface TextLineFault {
  readonly code: 'invalid_utf8' | 'line_too_long';
  readonly message: string;
}

/**
 * Why `line` cannot be read as it was written, or undefined when it can: a byte that is not UTF-8
 * (`invalid_utf8`, naming its offset: decoded, it reads as U+FFFD, another text) or a line longer
 * than `splitLines` holds (`line_too_long`: only its start was kept). Score's reader, report and
 * monitor name such a line in these words.
 */
export function textLineFault(line: TextLine): TextLineFault | undefined {
  if (line.invalidByteOffset !== undefined) return { code: 'invalid_utf8', message: `not UTF-8: invalid byte at offset ${line.invalidByteOffset} of the file` };
  if (line.truncated) return { code: 'line_too_long', message: LINE_TOO_LONG_MESSAGE };
  return undefined;
}
