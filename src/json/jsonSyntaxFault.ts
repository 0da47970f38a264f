/**
 * Where `text` stops being JSON, as a person finds it in an editor: the line and column JSON.parse
 * stopped at, or that the text ends before the JSON does (a file cut short), or that it is empty.
 * Undefined when `text` is JSON. JSON.parse says only "at position 2417", or for a text cut short
 * "Unexpected end of JSON input" without any position; its message is never echoed, as it quotes the
 * text.
 *
 * @example jsonSyntaxFault('{\n  "a": 1,\n  oops\n}') // 'unexpected text at line 3, column 3'
 * @example jsonSyntaxFault('{\n  "a": ') // 'it ends at line 2, column 8 before the JSON does (cut short?)'
 */
export function jsonSyntaxFault(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    if (text.trim() === '') return 'it is empty';
    const at = /position (\d+)/.exec(e instanceof Error ? e.message : '')?.[1];
    // "Unexpected end of JSON input" names no position: the end is where it stopped.
    const offset = at === undefined ? text.length : Math.min(Number(at), text.length);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    return offset >= text.length
      ? `it ends at line ${line}, column ${column} before the JSON does (cut short?)`
      : `unexpected text at line ${line}, column ${column}`;
  }
}
