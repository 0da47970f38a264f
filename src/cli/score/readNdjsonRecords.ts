import { parseStrictJson } from '../../json/parseStrictJson.js';
import { refusedRecord, unreadableRecord, type InputRecord } from './inputRecord.js';
import { isEnvelope, readRecordEnvelope } from './recordEnvelope.js';
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
  // Not JSON: the line is unreadable (the message keeps the input out). Repeated keys: each one is
  // its own issue at its own path.
  const read = parseStrictJson(text);
  if (!read.ok && read.parsed === undefined) {
    const [first] = read.issues;
    return first !== undefined && first.code === 'invalid_json' ? unreadableRecord(line, first.code, first.message) : refusedRecord(line, read.issues);
  }
  const value = read.ok ? read.value : read.parsed?.value;
  const deep = recordTooDeep(value);
  if (deep !== undefined) return refusedRecord(line, [deep]);
  const envelope = readRecordEnvelope(value);
  // Refused by the reader or its envelope: the applicant still goes to the decider's schema, so
  // the refusal names its other faults too (see refusalWithFaults).
  const readerIssues = read.ok ? [] : read.issues;
  if (!envelope.ok || readerIssues.length > 0) {
    const at = isEnvelope(value) ? ['applicant'] : [];
    const limitHistory = envelope.ok ? envelope.limitHistory : undefined;
    const check = limitHistory === undefined ? { value: envelope.applicant, at } : { value: envelope.applicant, limitHistory, at };
    return refusedRecord(line, [...readerIssues, ...(envelope.ok ? [] : envelope.issues)], check);
  }
  return envelope.limitHistory === undefined
    ? { line, ok: true, value: envelope.applicant }
    : { line, ok: true, value: envelope.applicant, limitHistory: envelope.limitHistory };
}
