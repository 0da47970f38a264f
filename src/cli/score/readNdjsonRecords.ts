import { describeRepeat, duplicateKeyOfParsed } from '../../json/firstDuplicateJsonKey.js';
import { refusedRecord, unreadableRecord, type InputRecord } from './inputRecord.js';
import { readRecordEnvelope } from './recordEnvelope.js';
import type { TextLine } from './splitLines.js';

/**
 * NDJSON lines as input records: one JSON value per line, numbered by physical line. Blank lines
 * are not records and are skipped; a line that is not JSON (`invalid_json`), or repeats a key
 * within one object (`duplicate_key`), becomes an error record, never an exception.
 */
export async function* readNdjsonRecords(lines: AsyncIterable<TextLine>): AsyncGenerator<InputRecord> {
  for await (const { line, text, truncated, invalidByteOffset } of lines) {
    if (invalidByteOffset !== undefined) {
      yield unreadableRecord(line, 'invalid_utf8', `not UTF-8: invalid byte at offset ${invalidByteOffset} of the file`);
      continue;
    }
    if (truncated) {
      yield unreadableRecord(line, 'line_too_long', 'the line is longer than the 4 MiB a record may take');
      continue;
    }
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      // The parser's message quotes the input; only the position is kept, to keep data out of logs.
      const at = /position (\d+)/.exec((e as Error).message)?.[1];
      yield unreadableRecord(line, 'invalid_json', `not valid JSON${at === undefined ? '' : ` (at column ${Number(at) + 1})`}`);
      continue;
    }
    const repeated = duplicateKeyOfParsed(text, value);
    if (repeated !== undefined) {
      yield unreadableRecord(line, 'duplicate_key', `${describeRepeat(repeated)}: JSON would keep the last value without a word`);
      continue;
    }
    const envelope = readRecordEnvelope(value);
    if (!envelope.ok) {
      yield refusedRecord(line, envelope.issues);
      continue;
    }
    yield envelope.limitHistory === undefined
      ? { line, ok: true, value: envelope.applicant }
      : { line, ok: true, value: envelope.applicant, limitHistory: envelope.limitHistory };
  }
}
