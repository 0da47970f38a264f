/**
 * A file's text without a leading UTF-8 byte-order mark (U+FEFF, what Notepad's and Excel's "UTF-8 with
 * BOM" write): read as part of the first line it made that line not JSON, or its first key another
 * key. Only the first character: a BOM further in is a character of the text (a stray one in a line is
 * refused at that line). The one rule for whole-file readers (`decide FILE`, policy, catalog and outcomes
 * files); the streaming readers (`splitLines`, the CSV tokenizer) drop it from the first chunk.
 *
 * @example withoutByteOrderMark('\uFEFF{"id":"a"}') // '{"id":"a"}'
 */
export function withoutByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
