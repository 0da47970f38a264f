import { describeRepeat, duplicateKeyOfParsed } from '../../json/firstDuplicateJsonKey.js';
import { refusedRecord, unreadableRecord, type InputRecord } from './inputRecord.js';
import { readRecordEnvelope } from './recordEnvelope.js';
import { recordTooDeep } from './recordTooDeep.js';
import type { TextLine } from './splitLines.js';

/**
 * NDJSON lines as input records: one JSON value per line, numbered by physical line. Blank lines
 * are not records and are skipped; a line that is not JSON (`invalid_json`), repeats a key within
 * one object (`duplicate_key`) or nests deeper than any record may (`too_deep`) becomes an error
 * record, never an exception.
 */
export async function* readNdjsonRecords(lines: AsyncIterable<TextLine>): AsyncGenerator<InputRecord> {
  for await (const textLine of lines) {
    let record: InputRecord | undefined;
    try {
      record = readNdjsonLine(textLine);
    } catch (e) {
      // Whatever one line does to the reader is that line's error: an exception here would end the
      // run, and --resume would meet the same line and end again, so no later line could be decided.
      record = unreadableRecord(textLine.line, 'unreadable_input', `could not be read (${e instanceof Error ? e.name : typeof e})`);
    }
    if (record !== undefined) yield record;
  }
}

/** One line's record; undefined for a blank line. */
function readNdjsonLine({ line, text, truncated, invalidByteOffset }: TextLine): InputRecord | undefined {
  if (invalidByteOffset !== undefined) return unreadableRecord(line, 'invalid_utf8', `not UTF-8: invalid byte at offset ${invalidByteOffset} of the file`);
  if (truncated) return unreadableRecord(line, 'line_too_long', 'the line is longer than the 4 MiB a record may take');
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    // The parser's message quotes the input; only the position is kept, to keep data out of logs.
    const at = /position (\d+)/.exec((e as Error).message)?.[1];
    return unreadableRecord(line, 'invalid_json', `not valid JSON${at === undefined ? '' : ` (at column ${Number(at) + 1})`}`);
  }
  const deep = recordTooDeep(value);
  if (deep !== undefined) return refusedRecord(line, [deep]);
  const repeated = duplicateKeyOfParsed(text, value);
  if (repeated !== undefined) return unreadableRecord(line, 'duplicate_key', `${describeRepeat(repeated)}: JSON would keep the last value without a word`);
  const envelope = readRecordEnvelope(value);
  if (!envelope.ok) return refusedRecord(line, envelope.issues);
  return envelope.limitHistory === undefined
    ? { line, ok: true, value: envelope.applicant }
    : { line, ok: true, value: envelope.applicant, limitHistory: envelope.limitHistory };
}
